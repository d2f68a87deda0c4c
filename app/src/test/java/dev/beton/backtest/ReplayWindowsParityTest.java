package dev.beton.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.detection.WarehouseQueryRunner;
import dev.beton.query.QueryRunner;
import dev.beton.query.ResultRows;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalType;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The windowed replay (one scan per signal for all days) decides exactly what the day-by-day replay
 * decides — every signal fired or suppressed, every score, every measured account — on a generated
 * world with every kind of input: usage, pricing views, features, new users, support and billing
 * events, Beton's own and identify events, and {@code $groupidentify} history with unset, blank and
 * non-numeric values, also across a daylight-saving change.
 */
class ReplayWindowsParityTest {

    static final Instant NOW = Instant.parse("2026-04-20T12:00:00Z");
    static final int GROUP = 1;
    static Connection connection;

    @BeforeAll
    static void world() throws Exception {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (InputStream sql = ReplayWindowsParityTest.class.getResourceAsStream("/warehouse/V1__events.sql");
                Statement statement = connection.createStatement()) {
            statement.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            statement.execute("INSERT INTO group_types VALUES (1, 'company')");
        }
        generate(new SplittableRandom(19), 40, 20_000);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void windowedDecisionsEqualDayByDayWithDefaultSettings() {
        assertParity(SignalSettings.defaults(), Backtests.replayDays(NOW, ZoneOffset.UTC, 40));
    }

    /**
     * Lookbacks shorter than the world's 150 days on a whole-day grid: most (account, feature) and
     * (account, person) keys span more than the lookback, so the newcomer scans find gap starts
     * after gaps as well as first uses (the default lookbacks give mostly first uses).
     */
    @Test
    void windowedDecisionsEqualDayByDayWithShortLookbacks() {
        SignalSettings settings =
                SignalSettings.defaults().withBaselines(new SignalSettings.Baselines(3, 5, 12, 1, 10));
        assertParity(settings, Backtests.replayDays(NOW, ZoneOffset.UTC, 40));
    }

    @Test
    void windowedDecisionsEqualDayByDayWithLowThresholdsAndOtherLookbacksAcrossDaylightSaving() {
        SignalSettings settings =
                SignalSettings.defaults().withBaselines(new SignalSettings.Baselines(3, 20, 30, 1, 10));
        for (SignalType type : SignalType.builtIns()) {
            SignalSettings.SignalTuning tuning = settings.tuning(type);
            settings = settings.withTuning(type, tuning.withCooldown(Duration.ofDays(3)));
        }
        // Europe/Berlin moves to summer time on 2026-03-29: 06:00 local days are 23 h apart there.
        assertParity(settings, Backtests.replayDays(NOW, ZoneId.of("Europe/Berlin"), 30));
    }

    private static void assertParity(SignalSettings settings, List<Instant> days) {
        SignalCatalog catalog = SignalCatalog.of(settings, GROUP);
        AtomicInteger dayByDayQueries = new AtomicInteger();
        AtomicInteger windowedQueries = new AtomicInteger();
        List<ReplayDay> dayByDay = new Replay(catalog, counting(dayByDayQueries), Replay.Strategy.DAY_BY_DAY, GROUP)
                .run(days, (d, t) -> {});
        List<ReplayDay> windowed =
                new Replay(catalog, counting(windowedQueries), Replay.Strategy.WINDOWED, GROUP).run(days, (d, t) -> {});

        assertThat(windowed).hasSameSizeAs(dayByDay);
        for (int i = 0; i < days.size(); i++) {
            assertThat(windowed.get(i)).as("day %s", days.get(i)).isEqualTo(dayByDay.get(i));
        }
        // The world makes every signal fire on some day, so the comparison covers every definition.
        assertThat(dayByDay.stream().flatMap(d -> d.signals().stream()).map(ReplayDay.DaySignal::type))
                .containsAll(SignalType.builtIns());
        assertThat(dayByDay.stream().flatMap(d -> d.signals().stream()).filter(s -> !s.fired()))
                .as("some signals are suppressed by their cooldown")
                .isNotEmpty();
        assertThat(dayByDayQueries.get()).isEqualTo(8 * days.size());
        assertThat(windowedQueries.get()).isLessThanOrEqualTo(12);
    }

    private static QueryRunner counting(AtomicInteger counter) {
        return query -> {
            counter.incrementAndGet();
            try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
                List<Object> values = query.positionalValues();
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    ResultRows rows = WarehouseQueryRunner.rows(result);
                    return rows;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage() + "\n" + query.sql(), e);
            }
        };
    }

    /** Accounts with steady usage, bursts, pricing visits, features, new users and group history. */
    private static void generate(SplittableRandom random, int accounts, int events) throws SQLException {
        String[] features = {
            "reports",
            "alerts",
            "exports",
            "sso",
            "api",
            "billing-page",
            "audit",
            "roles",
            "sheets",
            "webhooks",
            "themes",
            "search"
        };
        String[] others = {"$identify", "beton_signal_fired", "$set", "$autocapture"};
        long end = NOW.getEpochSecond();
        long span = Duration.ofDays(150).toSeconds();
        List<Object[]> identifies = new ArrayList<>();
        try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender("main", "events")) {
            for (int e = 0; e < events; e++) {
                int a = random.nextInt(accounts);
                // Bursts: a third of an account's events fall in one of its 10-day stretches.
                long back = random.nextInt(3) == 0
                        ? Duration.ofDays((a * 7L) % 140).toSeconds()
                                + random.nextLong(Duration.ofDays(10).toSeconds())
                        : random.nextLong(span);
                LocalDateTime at = LocalDateTime.ofEpochSecond(end - 1 - back, 0, ZoneOffset.UTC);
                int users = 2 + a % 9;
                // New users arrive over time: user u only appears after day 15 * u.
                int user = random.nextInt(users);
                if (back > span - Duration.ofDays(15L * user).toSeconds()) {
                    user = 0;
                }
                int roll = random.nextInt(1000);
                String event;
                String properties;
                if (roll < 500) {
                    event = "$pageview";
                    String path = random.nextInt(12) == 0
                            ? (random.nextBoolean() ? "/pricing" : "/plans/enterprise")
                            : "/app/" + random.nextInt(20);
                    properties = "{\"$current_url\":\"https://app.example.com" + path + "\"}";
                } else if (roll < 750) {
                    event = "feature_used";
                    // Feature f is first used after day 12 * f, so some accounts adopt several at once.
                    int f = random.nextInt(features.length);
                    String feature = back > span - Duration.ofDays(12L * f).toSeconds() ? features[0] : features[f];
                    properties = random.nextInt(30) == 0 ? "{\"feature\":\"\"}" : "{\"feature\":\"" + feature + "\"}";
                } else if (roll < 900) {
                    event = others[random.nextInt(others.length)];
                    properties = "{}";
                } else if (roll < 950) {
                    event = random.nextBoolean() ? "intercom_conversation_started" : "intercom_message_sent";
                    properties = "{}";
                } else if (roll < 985) {
                    event = random.nextBoolean() ? "checkout_started" : "upgrade_started";
                    properties = "{}";
                } else {
                    identifies.add(new Object[] {a, at});
                    continue;
                }
                append(appender, random, event, "user-" + a + "-" + user, at, properties, "acct-" + a);
            }
            for (Object[] identify : identifies) {
                int a = (Integer) identify[0];
                LocalDateTime at = (LocalDateTime) identify[1];
                Instant instant = at.toInstant(ZoneOffset.UTC);
                String set =
                        switch (random.nextInt(8)) {
                            case 0 -> "{\"plan_usage\":null}";
                            case 1 -> "{\"plan_limit\":\"\"}";
                            case 2 -> "{\"plan_usage\":\"lots\"}";
                            case 3 -> "{\"trial_ends_at\":null}";
                            case 4, 5 ->
                                "{\"trial_ends_at\":\"" + instant.plus(Duration.ofDays(random.nextInt(1, 20))) + "\"}";
                            default -> "{\"plan_usage\":" + random.nextInt(40, 120) + ",\"plan_limit\":100}";
                        };
                String properties =
                        "{\"$group_type\":\"company\",\"$group_key\":\"acct-" + a + "\",\"$group_set\":" + set + "}";
                append(appender, random, "$groupidentify", "user-" + a + "-0", at, properties, "acct-" + a);
            }
        }
        try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender("main", "groups")) {
            for (int a = 0; a < accounts; a++) {
                appender.beginRow()
                        .append(GROUP)
                        .append("acct-" + a)
                        .append("{\"plan_usage\":95,\"plan_limit\":100,\"trial_ends_at\":\"2026-05-01T00:00:00Z\"}")
                        .append(LocalDateTime.ofInstant(NOW.minus(Duration.ofDays(400)), ZoneOffset.UTC))
                        .endRow();
            }
        }
    }

    private static void append(
            DuckDBAppender appender,
            SplittableRandom random,
            String event,
            String distinctId,
            LocalDateTime at,
            String properties,
            String account)
            throws SQLException {
        appender.beginRow()
                .append(new UUID(random.nextLong(), random.nextLong()))
                .append(event)
                .append(distinctId)
                .append(UUID.nameUUIDFromBytes(distinctId.getBytes(StandardCharsets.UTF_8)))
                .append(at)
                .append(properties)
                .appendNull()
                .append(account)
                .appendNull()
                .appendNull()
                .appendNull()
                .append(at)
                .endRow();
    }
}
