package dev.beton.emulator.posthog;

import dev.beton.emulator.ExchangeObserver;
import java.time.Clock;
import java.util.UUID;

/** A small PostHog world: one organization, three projects, keys with different powers. */
final class PostHogFixture {

    static final PostHogOrganization ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-000000000001"), "Acme", "acme");
    static final PostHogOrganization OTHER_ORG =
            new PostHogOrganization(UUID.fromString("0190c0de-0000-7000-8000-000000000002"), "Globex", "globex");
    static final PostHogProject MAIN = new PostHogProject(1, ORG.id(), "Main", "phc_main_token_1234567890");
    static final PostHogProject STAGING = new PostHogProject(2, ORG.id(), "Staging", "phc_staging_token_123456");
    static final PostHogProject SANDBOX = new PostHogProject(3, ORG.id(), "Sandbox", "phc_sandbox_token_123456");
    static final PostHogProject FOREIGN = new PostHogProject(9, OTHER_ORG.id(), "Foreign", "phc_foreign_token_12345");

    static final String ALL = "phx_all_powerful_key";
    static final String READER = "phx_reader_key";
    static final String MAIN_ONLY = "phx_main_only_key";
    static final String LEGACY = "legacy_key_without_prefix";

    private PostHogFixture() {}

    static PostHogEmulator.Builder builder(Clock clock, ExchangeObserver observer) {
        return PostHogEmulator.builder()
                .clock(clock)
                .organization(ORG)
                .organization(OTHER_ORG)
                .project(MAIN)
                .project(STAGING)
                .project(SANDBOX)
                .project(FOREIGN)
                .personalKey(PersonalApiKey.withScopes(ALL, "*"))
                .personalKey(PersonalApiKey.withScopes(
                        READER, "user:read", "project:read", "dashboard:read", "insight:read", "query:read"))
                .personalKey(PersonalApiKey.withScopes(MAIN_ONLY, "*").limitedToProjects(MAIN.id()))
                .personalKey(new PersonalApiKey(LEGACY, java.util.Set.of(), java.util.Set.of(), java.util.Set.of()))
                .observer(observer);
    }
}
