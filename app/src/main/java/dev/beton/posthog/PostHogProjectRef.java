package dev.beton.posthog;

/** A project a personal API key can see: its id (the team id PostHog URLs use) and name. */
public record PostHogProjectRef(long id, String name) {}
