package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.ResultRows;
import dev.beton.signals.SignalCatalog;
import dev.beton.signals.SignalQuery;
import dev.beton.signals.SignalRun;
import dev.beton.signals.SignalSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Detection of all 8 signals plus scoring over 10 M events / 10,000 accounts in one embedded
 * DuckDB file, against one bare scan of the same file, in the same run. Off by default; run with
 * {@code bench/detection.sh} (sets {@code BETON_BENCH=1}). The generated file is kept in
 * {@code target/bench/} and reused when it already holds the requested number of events.
 */
@Tag("benchmark")
@EnabledIfEnvironmentVariable(named = "BETON_BENCH", matches = "1")
public class DetectionBenchmark {

    public static final Instant AS_OF = Instant.parse("2026-03-02T06:00:00Z");
    static final int ACCOUNTS = intEnv("BETON_BENCH_ACCOUNTS", 10_000);
    static final long EVENTS = longEnv("BETON_BENCH_EVENTS", 10_000_000L);
    static final int DAYS = 60;
    static final int REPEATS = 5;
    static final String BARE_SCAN = "SELECT \"$group_0\", count(*) FROM events GROUP BY 1";

    @Test
    void detectionOfAllSignalsIsWithinFiveBareScans() throws Exception {
        Path file = Path.of("target/bench/detection-" + ACCOUNTS + "-" + EVENTS + ".duckdb");
        Instant generationStart = Instant.now();
        boolean generated = EventWorld.ensure(file, ACCOUNTS, EVENTS);
        Duration generation = Duration.between(generationStart, Instant.now());

        try (Connection connection = open(file)) {
            SignalCatalog catalog = SignalCatalog.of(SignalSettings.defaults(), 0);
            QueryRunner runner = query -> run(connection, query.sql(), query.positionalValues());
            run(connection, BARE_SCAN, List.of()); // warm the buffer pool for both
            List<Long> bare = new ArrayList<>();
            List<Long> detection = new ArrayList<>();
            SignalRun last = null;
            for (int i = 0; i < REPEATS; i++) {
                long start = System.nanoTime();
                run(connection, BARE_SCAN, List.of());
                bare.add(System.nanoTime() - start);
                start = System.nanoTime();
                accountsSeen(connection);
                last = catalog.run(AS_OF, Dialect.DUCKDB, runner, Map.of());
                detection.add(System.nanoTime() - start);
            }
            StringBuilder perQuery = new StringBuilder("per signal query ms (one pass):");
            for (SignalQuery query : catalog.queries(AS_OF, Dialect.DUCKDB)) {
                long start = System.nanoTime();
                runner.run(query.rendered());
                perQuery.append(' ')
                        .append(query.type().key())
                        .append('=')
                        .append((System.nanoTime() - start) / 1_000_000);
            }
            long countStart = System.nanoTime();
            accountsSeen(connection);
            perQuery.append(" account_count=").append((System.nanoTime() - countStart) / 1_000_000);
            String report = report(generated, generation, bare, detection, last, connection) + "\n" + perQuery;
            System.out.println(report);
            Files.writeString(Path.of("target/bench/detection-report.txt"), report);
            assertThat(last.failures()).isEmpty();
            assertThat(last.fired()).isNotEmpty();
        }
    }

    private static String report(
            boolean generated,
            Duration generation,
            List<Long> bare,
            List<Long> detection,
            SignalRun run,
            Connection connection)
            throws IOException, SQLException {
        long bareMedian = median(bare);
        long detectionMedian = median(detection);
        return String.join(
                "\n",
                "events=" + EVENTS + " accounts=" + ACCOUNTS + " days=" + DAYS + " asOf=" + AS_OF,
                (generated ? "generated in " : "reused (checked in ") + generation.toMillis() + " ms)",
                "bare scan ms (each run): " + millis(bare) + " median " + bareMedian / 1_000_000,
                "detection ms (8 signals + scoring + account count): " + millis(detection) + " median "
                        + detectionMedian / 1_000_000,
                String.format("ratio detection/bare (medians): %.2f", (double) detectionMedian / bareMedian),
                "signals detected " + run.outcomes().size() + ", accounts scored "
                        + run.receipts().size(),
                "peak RSS of the JVM process (VmHWM, includes DuckDB): " + peakRss(),
                "JVM heap used after: "
                        + (Runtime.getRuntime().totalMemory()
                                        - Runtime.getRuntime().freeMemory())
                                / (1 << 20) + " MiB",
                "load average: " + Files.readString(Path.of("/proc/loadavg")).trim(),
                "DuckDB file size: " + Files.size(DetectionBenchmarkFiles.of(connection)) / (1 << 20) + " MiB");
    }

    public static Connection open(Path file) throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("memory_limit", "2GB"); // the application's defaults (beton.warehouse.*)
        settings.setProperty("threads", "2");
        return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), settings);
    }

    public static ResultRows run(Connection connection, String sql, List<Object> values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                return WarehouseQueryRunner.rows(result);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void accountsSeen(Connection connection) {
        run(
                connection,
                "SELECT count(DISTINCT \"$group_0\") FROM events WHERE timestamp < ? AND \"$group_0\" IS NOT NULL",
                List.of(LocalDateTime.ofInstant(AS_OF, ZoneOffset.UTC)));
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static List<Long> millis(List<Long> nanos) {
        return nanos.stream().map(n -> n / 1_000_000).toList();
    }

    private static String peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM"))
                .findFirst()
                .orElse("VmHWM unknown")
                .replaceAll("\\s+", " ");
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static long longEnv(String name, long fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : Long.parseLong(value);
    }

    /** The file a connection has open. */
    static final class DetectionBenchmarkFiles {
        static Path of(Connection connection) throws SQLException {
            try (Statement s = connection.createStatement();
                    ResultSet rows = s.executeQuery("SELECT path FROM duckdb_databases() WHERE NOT internal LIMIT 1")) {
                rows.next();
                return Path.of(rows.getString(1));
            }
        }
    }

    /**
     * A synthetic product: per account 2–12 users, a plan, sometimes a trial; events spread over
     * {@value #DAYS} days with a share of accounts busier this week, pricing visits, feature use,
     * support and checkout events, so that every signal fires for some accounts.
     */
    public static final class EventWorld {

        private static final String[] FEATURES = new String[40];

        static {
            for (int i = 0; i < FEATURES.length; i++) {
                FEATURES[i] = "feature-" + i;
            }
        }

        public static boolean ensure(Path file, int accounts, long events) throws SQLException, IOException {
            if (Files.exists(file)) {
                try (Connection c = open(file);
                        Statement s = c.createStatement();
                        ResultSet rows = s.executeQuery("SELECT count(*) FROM events")) {
                    rows.next();
                    if (rows.getLong(1) == events) {
                        return false;
                    }
                }
                Files.delete(file);
            }
            Files.createDirectories(file.getParent());
            try (Connection connection = open(file)) {
                schema(connection);
                groups(connection, accounts);
                events(connection, accounts, events);
            }
            return true;
        }

        private static void schema(Connection connection) throws SQLException, IOException {
            try (InputStream sql = DetectionBenchmark.class.getResourceAsStream("/warehouse/V1__events.sql");
                    Statement statement = connection.createStatement()) {
                statement.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
                statement.execute("INSERT INTO group_types VALUES (0, 'company')");
            }
        }

        private static void groups(Connection connection, int accounts) throws SQLException {
            SplittableRandom random = new SplittableRandom(7);
            LocalDateTime created = LocalDateTime.ofInstant(AS_OF.minus(Duration.ofDays(400)), ZoneOffset.UTC);
            try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender("main", "groups")) {
                for (int a = 0; a < accounts; a++) {
                    int limit = 1000;
                    int usage = random.nextInt(1000);
                    String trial = random.nextInt(20) == 0
                            ? ",\"trial_ends_at\":\"" + AS_OF.plus(Duration.ofDays(random.nextInt(1, 20))) + "\""
                            : "";
                    appender.beginRow()
                            .append(0)
                            .append(account(a))
                            .append("{\"name\":\"Account " + a + "\",\"plan_usage\":" + usage + ",\"plan_limit\":"
                                    + limit + trial + "}")
                            .append(created)
                            .endRow();
                }
            }
        }

        private static void events(Connection connection, int accounts, long events) throws SQLException {
            SplittableRandom random = new SplittableRandom(42);
            long perAccount = events / accounts;
            long end = AS_OF.getEpochSecond();
            long span = Duration.ofDays(DAYS).toSeconds();
            long week = Duration.ofDays(7).toSeconds();
            try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender("main", "events")) {
                for (int a = 0; a < accounts; a++) {
                    long count = a < events % accounts ? perAccount + 1 : perAccount;
                    // One account in eight is busier this week (usage spike); the rest are steady.
                    boolean spiking = a % 8 == 0;
                    int users = 2 + random.nextInt(11);
                    for (long e = 0; e < count; e++) {
                        long back = spiking && random.nextInt(3) == 0 ? random.nextLong(week) : random.nextLong(span);
                        int user = random.nextInt(users);
                        // A few users appear only this week (team growth).
                        if (user >= users - 2 && a % 5 == 0) {
                            back = random.nextLong(week);
                        }
                        append(
                                appender,
                                random,
                                a,
                                user,
                                LocalDateTime.ofEpochSecond(end - 1 - back, 0, ZoneOffset.UTC));
                    }
                }
            }
        }

        private static void append(DuckDBAppender appender, SplittableRandom random, int a, int user, LocalDateTime at)
                throws SQLException {
            int roll = random.nextInt(1000);
            String event;
            String properties;
            if (roll < 600) {
                event = "$pageview";
                String path = random.nextInt(60) == 0 ? (random.nextBoolean() ? "/pricing" : "/plans") : "/app/" + roll;
                properties = "{\"$current_url\":\"https://app.example.com" + path + "\"}";
            } else if (roll < 900) {
                event = "feature_used";
                properties = "{\"feature\":\"" + FEATURES[random.nextInt(FEATURES.length)] + "\"}";
            } else if (roll < 996) {
                event = "$autocapture";
                properties = "{}";
            } else if (roll < 999) {
                event = "intercom_message_sent";
                properties = "{}";
            } else {
                event = "checkout_started";
                properties = "{}";
            }
            String distinctId = "user-" + a + "-" + user;
            appender.beginRow()
                    .append(new UUID(random.nextLong(), random.nextLong()))
                    .append(event)
                    .append(distinctId)
                    .append(UUID.nameUUIDFromBytes(distinctId.getBytes(StandardCharsets.UTF_8)))
                    .append(at)
                    .append(properties)
                    .append(account(a))
                    .appendNull()
                    .appendNull()
                    .appendNull()
                    .appendNull()
                    .append(at)
                    .endRow();
        }

        private static String account(int a) {
            return String.format("acct-%05d.example.com", a);
        }
    }
}
