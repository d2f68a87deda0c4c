package dev.beton.posthog;

/**
 * One project in detail.
 *
 * @param apiToken the public project token ({@code phc_…}) events are captured with; not a secret
 */
public record PostHogProject(long id, String name, String apiToken) {}
