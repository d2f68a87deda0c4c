package dev.beton.clickhouse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Seed 003's PostHog-style tables in a ClickHouse database, and rows for them, for tests. */
public final class PostHogStyleTables {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ClickHouseServer server;
    private final List<String> events = new ArrayList<>();

    private PostHogStyleTables(ClickHouseServer server) {
        this.server = server;
    }

    /** Creates the four tables as the seed defines them. */
    public static PostHogStyleTables create(ClickHouseServer server) {
        server.execute(
                "CREATE TABLE events (event String, distinct_id String, timestamp DateTime,"
                        + " properties String, person_id Nullable(String)) ENGINE = MergeTree() ORDER BY (timestamp, distinct_id)");
        server.execute("CREATE TABLE persons (id String, created_at DateTime, properties String, is_identified UInt8)"
                + " ENGINE = MergeTree() ORDER BY id");
        server.execute("CREATE TABLE person_distinct_id (person_id String, distinct_id String, team_id Nullable(Int64))"
                + " ENGINE = MergeTree() ORDER BY (person_id, distinct_id)");
        server.execute("CREATE TABLE accounts (account_id String, name String, domain String, arr Nullable(Float64),"
                + " segment Nullable(String), owner_email Nullable(String), properties String)"
                + " ENGINE = MergeTree() ORDER BY account_id");
        return new PostHogStyleTables(server);
    }

    /** Buffers one event; {@link #flush()} inserts the buffered events in one statement. */
    public PostHogStyleTables event(String event, String distinctId, Instant at, String properties, String personId) {
        events.add("(" + Placeholders.quote(event) + ", " + Placeholders.quote(distinctId) + ", "
                + Placeholders.quote(SECONDS.format(at)) + ", " + Placeholders.quote(properties) + ", "
                + (personId == null ? "NULL" : Placeholders.quote(personId)) + ")");
        return this;
    }

    public PostHogStyleTables flush() {
        for (int from = 0; from < events.size(); from += 1000) {
            server.execute("INSERT INTO events VALUES "
                    + String.join(", ", events.subList(from, Math.min(events.size(), from + 1000))));
        }
        events.clear();
        return this;
    }

    public PostHogStyleTables person(String id, String distinctId, String properties) {
        server.execute("INSERT INTO persons VALUES (" + Placeholders.quote(id) + ", '2026-01-01 00:00:00', "
                + Placeholders.quote(properties) + ", 1)");
        server.execute("INSERT INTO person_distinct_id VALUES (" + Placeholders.quote(id) + ", "
                + Placeholders.quote(distinctId) + ", 1)");
        return this;
    }

    public PostHogStyleTables account(String id, String name, String domain, Double arr, String properties) {
        server.execute("INSERT INTO accounts VALUES (" + Placeholders.quote(id) + ", " + Placeholders.quote(name) + ", "
                + Placeholders.quote(domain) + ", " + (arr == null ? "NULL" : arr.toString()) + ", NULL, NULL, "
                + Placeholders.quote(properties) + ")");
        return this;
    }
}
