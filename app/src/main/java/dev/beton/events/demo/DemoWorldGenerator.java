package dev.beton.events.demo;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.EventParser;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.events.ingest.IngestResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates a demo world into a workspace: product events through the normal ingestion path
 * (parsed and validated like captured events, stored with group commit), CRM deals into {@code
 * crm_deals}, and the hidden truth into {@code demo_truth}. The window is the {@code days} whole
 * UTC days before today, so the same spec on the same day gives the same world.
 */
@Service
public class DemoWorldGenerator {

    private static final int BATCH = 20_000;

    private final EventIngestion ingestion;
    private final EmbeddedWarehouse warehouse;
    private final JsonMapper json;
    private final Clock clock;

    DemoWorldGenerator(EventIngestion ingestion, EmbeddedWarehouse warehouse, JsonMapper json, Clock clock) {
        this.ingestion = ingestion;
        this.warehouse = warehouse;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param accountDone called with the number of accounts generated so far (for progress)
     */
    public DemoWorldSummary generate(long workspaceId, DemoWorldSpec spec, IntConsumer accountDone) {
        Instant began = clock.instant();
        Instant end = began.truncatedTo(ChronoUnit.DAYS);
        Instant start = end.minus(Duration.ofDays(spec.days()));
        List<AccountProfile> accounts = spec.preset() == DemoWorldSpec.Preset.SEED
                ? SeedAccounts.profiles(spec.days())
                : RealisticAccounts.profiles(spec.accounts(), spec.days(), spec.seed());
        AccountSimulator simulator = new AccountSimulator(json, start, spec.days());
        Writer writer = new Writer(workspaceId, end);
        for (AccountProfile account : accounts) {
            simulator.simulate(account, new SplittableRandom(spec.seed() * 31L + account.index()), writer::add);
            accountDone.accept(account.index() + 1);
        }
        long events = writer.finish();
        List<Deal> deals = DealBook.deals(accounts, start, spec.days(), spec.seed());
        warehouse.write(workspaceId, connection -> {
            writeCrm(connection, deals, accounts, start, spec.days());
            return null;
        });
        int converted = (int)
                accounts.stream().filter(a -> a.convertsWithin(spec.days())).count();
        return new DemoWorldSummary(
                spec,
                events,
                accounts.size(),
                converted,
                deals.size(),
                start,
                end,
                Duration.between(began, clock.instant()));
    }

    /** Parses like capture and keeps one commit in flight while the next batch is built. */
    private final class Writer {
        private final long workspaceId;
        private final Instant receivedAt;
        private List<IncomingEvent> batch = new ArrayList<>(BATCH);
        private CompletableFuture<IngestResult> inFlight = CompletableFuture.completedFuture(new IngestResult(0, 0));
        private long stored;

        Writer(long workspaceId, Instant receivedAt) {
            this.workspaceId = workspaceId;
            this.receivedAt = receivedAt;
        }

        void add(ObjectNode raw) {
            batch.add(ingestion.parser().parse(raw, receivedAt, Optional.empty(), EventParser.Source.CAPTURE));
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        private void flush() {
            IngestResult previous = EventIngestion.await(inFlight);
            stored += previous.stored() + previous.duplicates();
            inFlight = ingestion.submit(workspaceId, batch);
            batch = new ArrayList<>(BATCH);
        }

        long finish() {
            flush();
            IngestResult last = EventIngestion.await(inFlight);
            return stored + last.stored() + last.duplicates();
        }
    }

    private static void writeCrm(
            Connection connection, List<Deal> deals, List<AccountProfile> accounts, Instant start, int days)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM crm_deals");
            statement.execute("DELETE FROM demo_truth");
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender("crm_deals")) {
            for (Deal deal : deals) {
                appender.beginRow()
                        .append(deal.dealId())
                        .append(deal.accountKey())
                        .append(deal.name())
                        .append(deal.leadSource())
                        .append(deal.stage())
                        .append(deal.amount())
                        .append(utc(deal.createdAt()));
                if (deal.closedAt().isPresent()) {
                    appender.append(utc(deal.closedAt().get()));
                } else {
                    appender.appendNull();
                }
                appender.endRow();
            }
        }
        try (DuckDBAppender appender = duck.createAppender("demo_truth")) {
            for (AccountProfile account : accounts) {
                appender.beginRow()
                        .append(account.key())
                        .append(account.intent())
                        .append(account.startPlan().name())
                        .append(account.convertsWithin(days));
                // the truth is what happened inside the window: a conversion after it is not one yet
                appendDay(appender, start, account.convertsWithin(days) ? account.convertDay() : -1);
                appender.append(account.convertsTo().name())
                        .append(account.loud())
                        .append(account.churns());
                appendDay(appender, start, account.churnDay());
                appender.endRow();
            }
        }
    }

    private static void appendDay(DuckDBAppender appender, Instant start, int day) throws SQLException {
        if (day < 0) {
            appender.appendNull();
        } else {
            appender.append(utc(start.plus(Duration.ofDays(day)).plus(Duration.ofHours(17))));
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
