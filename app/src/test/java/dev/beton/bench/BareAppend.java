package dev.beton.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The physical limit of capture's design on this machine (bench/capture.sh): the same events that
 * {@link CaptureLoad} sends (fresh v4 uuids, 2,000 users, 200 companies, the same properties) appended
 * by a bare DuckDB Appender into a fresh file with the warehouse's own {@code events} schema, one
 * committed transaction per 8,000 events (8 connections x batches of 1,000, i.e. what one group
 * commit of the server holds). No HTTP, no JSON parsing, no persons: only what storing costs.
 *
 * <pre>java -cp ... dev.beton.bench.BareAppend FILE SECONDS [noindex]</pre>
 *
 * or {@code BareAppend count FILE} to print the number of stored events (the bench's final check).
 */
public final class BareAppend {

    private static final int COMMIT = 8_000;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("count")) {
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[1]);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM events")) {
                rows.next();
                System.out.println(rows.getLong(1));
            }
            return;
        }
        long seconds = Long.parseLong(args[1]);
        boolean index = !(args.length > 2 && args[2].equals("noindex"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            schema(connection, index);
            long events = 0;
            long started = System.nanoTime();
            long end = started + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                commitOne(connection.unwrap(DuckDBConnection.class));
                events += COMMIT;
            }
            double took = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "bare appender%s: %,d events in %.1f s = %.0f events/s%n",
                    index ? "" : " (no uuid index)", events, took, events / took);
        }
    }

    /** The warehouse's own migration files, so the baseline cannot drift from the real schema. */
    private static void schema(Connection connection, boolean index) throws IOException, SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(resource("warehouse/V1__events.sql"));
            if (index) {
                statement.execute(resource("warehouse/V2__event_uuid_unique.sql"));
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BareAppend.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void commitOne(DuckDBConnection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDateTime timestamp = LocalDateTime.of(2026, 1, 1, 0, 0);
        LocalDateTime insertedAt = LocalDateTime.now(ZoneOffset.UTC);
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN TRANSACTION");
        }
        try (DuckDBAppender appender = connection.createAppender("events")) {
            for (int i = 0; i < COMMIT; i++) {
                int user = random.nextInt(2_000);
                appender.beginRow()
                        .append(UUID.randomUUID())
                        .append("feature_used")
                        .append("user-" + user)
                        .append(UUID.nameUUIDFromBytes(("user-" + user).getBytes(StandardCharsets.UTF_8)))
                        .append(timestamp)
                        .append("{\"feature\":\"reports\",\"$current_url\":\"https://app.example.com/reports\","
                                + "\"$lib\":\"bench\",\"$groups\":{\"company\":\"company-" + (user % 200) + "\"}}")
                        .append("company-" + (user % 200));
                for (int slot = 1; slot < 5; slot++) {
                    appender.appendNull();
                }
                appender.append(insertedAt).endRow();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("COMMIT");
        }
    }

    private BareAppend() {}
}
