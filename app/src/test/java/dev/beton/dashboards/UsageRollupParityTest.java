package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.detection.WarehouseQueryRunner;
import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.query.ResultRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Account Health tiles computed from the usage rollup plus the raw tail equal the tiles'
 * own queries on the raw events (the definitions PostHog runs as HogQL), on a generated world, at
 * several instants and for every period: with no rollup, right after a build, with events
 * recorded after the rollup (new ones and late ones with old timestamps), after incremental
 * refreshes, as of instants before the rollup's horizon, at midnight, and after the rollup is
 * forgotten. An incremental refresh also leaves the same rollup as a build from scratch.
 */
class UsageRollupParityTest {

    private static final Instant START = Instant.parse("2026-05-20T09:17:31Z");
    private static final String[] EVENTS = {
        "report_created", "dashboard_viewed", "export", "$pageview", "$identify", "beton_signal_fired", "$set"
    };

    private Connection c;
    private final SplittableRandom random = new SplittableRandom(13);

    @BeforeEach
    void open() throws Exception {
        c = DriverManager.getConnection("jdbc:duckdb:");
        run("/warehouse/V1__events.sql");
        run("/warehouse/V60__usage_rollup.sql");
        run("/warehouse/V61__usage_cut_days.sql");
        run("/warehouse/V62__usage_last_seen.sql");
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO group_types VALUES (0, 'project'), (1, 'company')");
        }
    }

    @Test
    void tilesFromTheRollupEqualTheTilesOnRawEventsThroughRefreshesAndLateEvents() throws Exception {
        // 110 days of history, recorded as it happened.
        events(4_000, START.minus(Duration.ofDays(110)), START, null);
        assertSameAsRaw(START, "no rollup");

        Instant firstRefresh = START.plus(Duration.ofMinutes(3));
        assertThat(UsageRollup.refresh(c, firstRefresh)).isPositive();
        assertSameAsRaw(firstRefresh, "right after the first build");
        assertSameAsRaw(Instant.parse("2026-05-20T00:00:00Z"), "as of the horizon's midnight");
        assertSameAsRaw(Instant.parse("2026-05-20T17:45:12Z"), "as of the horizon's afternoon");
        assertSameAsRaw(Instant.parse("2026-05-20T23:59:59.999Z"), "as of the horizon's last moment");
        assertSameAsRaw(START.minus(Duration.ofDays(20)), "as of before the rollup's horizon");
        assertSameAsRaw(Instant.parse("2026-05-10T00:00:00Z"), "as of midnight");
        assertSameAsRaw(Instant.parse("2026-05-21T00:00:00Z"), "as of the next midnight");

        // Recorded after the rollup: today's events, and late ones with timestamps weeks old.
        Instant later = firstRefresh.plus(Duration.ofHours(20));
        events(300, firstRefresh, later, firstRefresh.plusSeconds(60));
        events(200, START.minus(Duration.ofDays(40)), START.minus(Duration.ofDays(1)), later);
        assertSameAsRaw(later, "events recorded after the rollup");
        assertSameAsRaw(START.minus(Duration.ofDays(3)), "late events, as of before them");

        // An incremental refresh on the next day rebuilds the changed days only ...
        Instant secondRefresh = later.plus(Duration.ofHours(2));
        UsageRollup.refresh(c, secondRefresh);
        assertSameAsRaw(secondRefresh, "after an incremental refresh");
        events(150, START.minus(Duration.ofDays(70)), secondRefresh, secondRefresh.plusSeconds(1));
        assertSameAsRaw(secondRefresh.plus(Duration.ofHours(5)), "more late events after it");
        Instant thirdRefresh = secondRefresh.plus(Duration.ofDays(3));
        UsageRollup.refresh(c, thirdRefresh);
        assertSameAsRaw(thirdRefresh, "after a second incremental refresh, days later");
        assertSameAsRaw(thirdRefresh.minus(Duration.ofDays(2)).minusSeconds(7), "as of between refreshes");
        // ... and holds what a build from scratch holds.
        List<String> incremental = rollupRows();
        UsageRollup.forget(c);
        assertSameAsRaw(thirdRefresh, "rollup forgotten");
        UsageRollup.refresh(c, thirdRefresh);
        assertThat(rollupRows()).isEqualTo(incremental);
    }

    @Test
    void aSecondRefreshOnTheSameDayAddsOnlyTheNewEventsOfTheCutDays() throws Exception {
        events(2_000, START.minus(Duration.ofDays(100)), START, null);
        UsageRollup.refresh(c, START);
        // Recorded after it, with timestamps on days the windows cut (and others): a refresh on
        // the same horizon appends them to the copy, the ones it holds are not copied again.
        Instant sameDay = START.plus(Duration.ofHours(2));
        for (int back : UsageRollup.WINDOW_DAYS) {
            Instant day = START.minus(Duration.ofDays(back)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            events(40, day, day.plus(Duration.ofDays(1)), START.plusSeconds(60));
        }
        UsageRollup.refresh(c, sameDay);
        assertSameAsRaw(sameDay, "after a second refresh on the same day");
        List<String> incremental = rollupRows();
        UsageRollup.forget(c);
        UsageRollup.refresh(c, sameDay);
        assertThat(rollupRows()).isEqualTo(incremental);
    }

    @Test
    void anEventRecordedAtTheWatermarkIsReadRaw() throws Exception {
        // A fixed clock stamps the refresh and a later capture with the same instant.
        events(500, START.minus(Duration.ofDays(35)), START.minus(Duration.ofDays(1)), START);
        UsageRollup.refresh(c, START);
        events(50, START.minus(Duration.ofDays(30)), START.minus(Duration.ofDays(2)), START);
        assertSameAsRaw(START, "events stamped at the watermark");
    }

    @Test
    void aClockSetBackDoesNotCountEventsTwice() throws Exception {
        events(
                500,
                START.minus(Duration.ofDays(35)),
                START.minus(Duration.ofDays(2)),
                START.minus(Duration.ofHours(1)));
        UsageRollup.refresh(c, START);
        // Events recorded between the two watermarks are in the rollup and newer than its new watermark.
        UsageRollup.refresh(c, START.minus(Duration.ofHours(30)));
        assertSameAsRaw(START, "after a refresh with the clock set back");
    }

    @Test
    void aRollupOfAnotherGroupIndexIsIgnored() throws Exception {
        events(800, START.minus(Duration.ofDays(60)), START, null);
        UsageRollup.refresh(c, START);
        try (Statement s = c.createStatement()) {
            s.execute("UPDATE usage_rollup_state SET group_index = 0");
        }
        assertSameAsRaw(START, "the company group moved");
    }

    private void assertSameAsRaw(Instant asOf, String when) throws SQLException {
        DashboardDefinition dashboard = Dashboards.definition("account-health");
        for (int days : Dashboards.PERIODS) {
            Map<String, ResultRows> pass = new AccountHealthPass(1, asOf, days).compute(c);
            assertThat(pass.keySet()).containsExactlyInAnyOrderElementsOf(AccountHealthPass.TILES);
            for (TileDefinition tile : dashboard.tiles()) {
                if (tile.query().isEmpty()) {
                    continue;
                }
                RenderedQuery q = tile.query().get().build(1, days).render(Dialect.DUCKDB, asOf);
                ResultRows raw;
                try (PreparedStatement s = c.prepareStatement(q.sql())) {
                    for (int i = 0; i < q.positionalValues().size(); i++) {
                        s.setObject(i + 1, q.positionalValues().get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        raw = WarehouseQueryRunner.rows(r);
                    }
                }
                raw = tile.id().equals("health_distribution") ? NativeTiles.healthBuckets(raw) : NativeTiles.plain(raw);
                ResultRows ours = pass.get(tile.id());
                assertThat(ours.columns())
                        .as("%s columns, %d days, %s", tile.id(), days, when)
                        .isEqualTo(raw.columns());
                assertThat(ours.rows().toString())
                        .as("%s rows, %d days, as of %s, %s", tile.id(), days, asOf, when)
                        .isEqualTo(raw.rows().toString());
                // The tile alone (a cold tile), with only its own reads, answers the same.
                Map<String, ResultRows> alone = new AccountHealthPass(1, asOf, days).compute(c, Set.of(tile.id()));
                assertThat(alone.keySet()).containsExactly(tile.id());
                assertThat(alone.get(tile.id()).rows().toString())
                        .as("%s alone, %d days, as of %s, %s", tile.id(), days, asOf, when)
                        .isEqualTo(raw.rows().toString());
            }
        }
    }

    /** Events with timestamps in [from, to); recorded at their timestamp, or at {@code recordedAt}. */
    private void events(int count, Instant from, Instant to, Instant recordedAt) throws SQLException {
        long span = Duration.between(from, to).toSeconds();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO events (uuid, event, distinct_id, timestamp,"
                + " \"$group_0\", \"$group_1\", inserted_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                Instant at = from.plusSeconds(random.nextLong(span));
                // Whole days and window boundaries get events too.
                if (random.nextInt(20) == 0) {
                    at = at.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
                }
                String account =
                        random.nextInt(25) == 0 ? (random.nextBoolean() ? "" : null) : "a" + random.nextInt(30);
                s.setObject(1, new UUID(random.nextLong(), random.nextLong()));
                s.setString(2, EVENTS[random.nextInt(EVENTS.length)]);
                // users recur across accounts
                s.setString(3, "u" + random.nextInt(45));
                s.setObject(4, utc(at));
                s.setString(5, "p" + random.nextInt(3));
                s.setString(6, account);
                s.setObject(7, utc(recordedAt == null ? at : recordedAt));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private List<String> rollupRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : List.of(
                "usage_account_days",
                "usage_event_days",
                "usage_user_blocks",
                "usage_feature_blocks",
                "usage_cut_days",
                "usage_user_last",
                "usage_feature_last")) {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT * FROM " + table + " ORDER BY ALL")) {
                while (r.next()) {
                    StringBuilder row = new StringBuilder(table);
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.append('|').append(r.getObject(i));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private void run(String script) throws IOException, SQLException {
        try (InputStream sql = getClass().getResourceAsStream(script);
                Statement s = c.createStatement()) {
            s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
