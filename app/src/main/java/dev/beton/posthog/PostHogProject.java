package dev.beton.posthog;

/**
 * One project in detail.
 *
 * @param apiToken the public project token ({@code phc_…}) events are captured with; not a secret
 * @param timezone the project's time zone (IANA name): PostHog shows and counts times in it, so
 *     HogQL's bare {@code dateDiff}/{@code toStartOfDay} count its midnights; "UTC" when absent
 */
public record PostHogProject(long id, String name, String apiToken, String timezone) {

    public PostHogProject(long id, String name, String apiToken) {
        this(id, name, apiToken, "UTC");
    }
}
