package dev.beton.emulator.posthog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small deterministic product world for comparing detection on both warehouses: background
 * usage of six companies over 100 days plus the behaviour each signal looks for, placed so that
 * some signals fire as of the first instant, some as of the second, and some change in between
 * (including {@code $groupidentify} updates after the first instant).
 */
public final class DemoWorld {

    public static final Instant FIRST = Instant.parse("2026-11-16T06:00:00Z");
    public static final Instant SECOND = Instant.parse("2026-11-23T06:00:00Z");

    /** Group types in index order: the company type has index 2, behind two decoys. */
    public static final List<String> GROUP_TYPES = List.of("workspace", "team", "company");

    public static final List<String> COMPANIES = List.of("acme", "globex", "initech", "umbrella", "hooli", "stark");

    /** One event as a client sends it. */
    public record Event(
            String name, String distinctId, Instant timestamp, Map<String, Object> properties, String company) {}

    private final List<Event> events = new ArrayList<>();
    private final Random random = new Random(20261123);

    public static DemoWorld generate() {
        DemoWorld world = new DemoWorld();
        // The first event uses all three group types, so that PostHog gives company index 2.
        world.event(
                "workspace_created", "acme-user-0@example.com", SECOND.minus(Duration.ofDays(101)), Map.of(), "acme");
        world.background();
        world.behaviour();
        world.events.sort(java.util.Comparator.comparing(Event::timestamp));
        return world;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Group properties after every {@code $groupidentify}, merged in time order, as both stores keep them. */
    public Map<String, Map<String, Object>> companies() {
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        for (Event event : events) {
            if (event.name().equals("$groupidentify")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> set =
                        (Map<String, Object>) event.properties().get("$group_set");
                groups.computeIfAbsent((String) event.properties().get("$group_key"), k -> new LinkedHashMap<>())
                        .putAll(set);
            }
        }
        return groups;
    }

    /** Three steady users per company, 0–5 product events a day for 100 days. */
    private void background() {
        Instant start = SECOND.minus(Duration.ofDays(100));
        for (String company : COMPANIES) {
            identify(company, start.plusSeconds(60), Map.of("name", company, "plan_usage", 100, "plan_limit", 1000));
            for (int day = 0; day < 100; day++) {
                int count = random.nextInt(6);
                for (int i = 0; i < count; i++) {
                    Instant at = start.plus(Duration.ofDays(day)).plusSeconds(3600 + random.nextInt(80_000));
                    String user = company + "-user-" + random.nextInt(3) + "@example.com";
                    String name = random.nextBoolean() ? "report_viewed" : "dashboard_opened";
                    event(name, user, at, Map.of(), company);
                }
            }
        }
    }

    private void behaviour() {
        // acme: usage doubles in the week before SECOND; pricing pages; three new features (export is old).
        burst("acme", "report_viewed", SECOND.minus(Duration.ofDays(5)), 60);
        pageview("acme", "https://acme.io/pricing?ref=nav", SECOND.minus(Duration.ofDays(2)));
        pageview("acme", "https://acme.io/pricing/enterprise", SECOND.minus(Duration.ofDays(3)));
        pageview("acme", "https://acme.io/docs", SECOND.minus(Duration.ofDays(3)));
        for (String feature : List.of("export", "reports", "sso", "alerts")) {
            event(
                    "feature_used",
                    "acme-user-0@example.com",
                    SECOND.minus(Duration.ofDays(1)).minusSeconds(feature.length() * 100L),
                    Map.of("feature", feature),
                    "acme");
        }
        event(
                "feature_used",
                "acme-user-1@example.com",
                SECOND.minus(Duration.ofDays(40)),
                Map.of("feature", "export"),
                "acme");
        // globex: plan usage climbs past 80 % before FIRST, then the limit is raised after it; support.
        identify("globex", FIRST.minus(Duration.ofDays(10)), Map.of("plan_usage", 850));
        identify("globex", FIRST.plus(Duration.ofDays(2)), Map.of("plan_limit", 5000));
        for (int i = 0; i < 4; i++) {
            event(
                    i % 2 == 0 ? "intercom_conversation_started" : "intercom_message_sent",
                    "globex-user-1@example.com",
                    FIRST.minus(Duration.ofDays(1 + i)),
                    Map.of(),
                    "globex");
        }
        // initech: trial ends three days after SECOND (ten after FIRST).
        identify(
                "initech",
                FIRST.minus(Duration.ofDays(20)),
                Map.of("trial_ends_at", SECOND.plus(Duration.ofDays(3)).toString()));
        // umbrella: three new people in the week before SECOND, and a checkout.
        for (int i = 0; i < 3; i++) {
            event(
                    "report_viewed",
                    "umbrella-new-" + i + "@example.com",
                    SECOND.minus(Duration.ofDays(2 + i)),
                    Map.of(),
                    "umbrella");
        }
        event(
                "checkout_started",
                "umbrella-user-0@example.com",
                SECOND.minus(Duration.ofDays(1)),
                Map.of(),
                "umbrella");
        // stark: upgrade and plans pages in the week before FIRST; a trial that is far away.
        event("upgrade_started", "stark-user-2@example.com", FIRST.minus(Duration.ofDays(2)), Map.of(), "stark");
        pageview("stark", "https://stark.io/plans", FIRST.minus(Duration.ofDays(1)));
        pageview("stark", "https://stark.io/plans/team", FIRST.minus(Duration.ofDays(4)));
        identify(
                "stark",
                FIRST.minus(Duration.ofDays(30)),
                Map.of("trial_ends_at", SECOND.plus(Duration.ofDays(60)).toString()));
        // hooli: Beton's own events and identify calls are not usage.
        burst("hooli", "beton_signal_fired", SECOND.minus(Duration.ofDays(1)), 40);
        // events after SECOND must not count for either run
        burst("hooli", "report_viewed", SECOND.plus(Duration.ofHours(1)), 50);
        identify(
                "initech",
                SECOND.plus(Duration.ofHours(2)),
                Map.of("trial_ends_at", SECOND.plus(Duration.ofDays(90)).toString()));
    }

    private void burst(String company, String name, Instant from, int count) {
        for (int i = 0; i < count; i++) {
            event(
                    name,
                    company + "-user-" + (i % 3) + "@example.com",
                    from.plusSeconds(600L * i + 7),
                    Map.of(),
                    company);
        }
    }

    private void pageview(String company, String url, Instant at) {
        event("$pageview", company + "-user-0@example.com", at, Map.of("$current_url", url), company);
    }

    private void identify(String company, Instant at, Map<String, Object> set) {
        events.add(new Event(
                "$groupidentify",
                company + "-user-0@example.com",
                at,
                Map.of("$group_type", "company", "$group_key", company, "$group_set", set),
                null));
    }

    private void event(String name, String user, Instant at, Map<String, Object> properties, String company) {
        events.add(new Event(name, user, at, properties, company));
    }
}
