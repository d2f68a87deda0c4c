package dev.beton.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.boot.BetonProperties;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded warehouse and the home page's reads of it, on a real DuckDB file. */
class WorkspaceOverviewTest {

    static final Instant AS_OF = Instant.parse("2026-03-10T12:00:00Z");

    EmbeddedWarehouse warehouse;
    WorkspaceOverview overview;

    @BeforeEach
    void open() {
        var properties = new BetonProperties(TestStores.freshDataDir(), false, new BetonProperties.Admin(null, null));
        warehouse = new EmbeddedWarehouse(properties, new WarehouseProperties("512MB", 1));
        overview = new WorkspaceOverview(warehouse);
    }

    @AfterEach
    void close() {
        warehouse.closeAll();
    }

    @Test
    void listsAccountsOfTheCompanyGroupTypeWithActivityAsOfAnInstant() {
        new WarehouseFixtures(warehouse, 1)
                .groupType(0, "project")
                .groupType(1, "company")
                .group(1, "acme.com", "{\"name\": \"Acme\"}", AS_OF.minus(90, ChronoUnit.DAYS))
                .group(1, "quiet.io", "{\"name\": \"Quiet\"}", AS_OF.minus(90, ChronoUnit.DAYS))
                .event("signed_up", "ann", 1, "acme.com", AS_OF.minus(60, ChronoUnit.DAYS))
                .event("feature_used", "ann", 1, "acme.com", AS_OF.minus(2, ChronoUnit.DAYS))
                .event("feature_used", "bob", 1, "acme.com", AS_OF.minus(1, ChronoUnit.DAYS))
                .event("feature_used", "cy", 1, "globex.com", AS_OF.minus(3, ChronoUnit.DAYS))
                // after asOf: invisible
                .event("feature_used", "dan", 1, "acme.com", AS_OF.plus(1, ChronoUnit.HOURS));

        List<AccountActivity> accounts = overview.accounts(1, AccountSort.EVENTS, true, AS_OF);

        assertThat(accounts).extracting(AccountActivity::key).containsExactly("acme.com", "globex.com", "quiet.io");
        AccountActivity acme = accounts.get(0);
        assertThat(acme.name()).contains("Acme");
        assertThat(acme.events()).isEqualTo(3);
        assertThat(acme.activeUsers()).isEqualTo(2);
        assertThat(acme.lastSeen()).contains(AS_OF.minus(1, ChronoUnit.DAYS));
        assertThat(accounts.get(2).events()).isZero();
        assertThat(accounts.get(2).lastSeen()).isEmpty();
    }

    @Test
    void sortsByTheRequestedColumn() {
        new WarehouseFixtures(warehouse, 2)
                .event("e", "a", 0, "b-account", AS_OF.minus(5, ChronoUnit.DAYS))
                .event("e", "a", 0, "a-account", AS_OF.minus(1, ChronoUnit.DAYS))
                .event("e", "b", 0, "a-account", AS_OF.minus(1, ChronoUnit.DAYS));
        assertThat(overview.accounts(2, AccountSort.KEY, false, AS_OF))
                .extracting(AccountActivity::key)
                .containsExactly("a-account", "b-account");
        assertThat(overview.accounts(2, AccountSort.LAST_SEEN, false, AS_OF))
                .extracting(AccountActivity::key)
                .containsExactly("b-account", "a-account");
    }

    @Test
    void countsEventsPerDayWithEmptyDaysAsZero() {
        new WarehouseFixtures(warehouse, 3)
                .event("e", "a", 0, "x", AS_OF.minus(2, ChronoUnit.DAYS))
                .event("e", "a", 0, "x", AS_OF.minus(2, ChronoUnit.DAYS))
                .event("e", "a", 0, "x", AS_OF.minus(1, ChronoUnit.HOURS))
                .event("e", "a", 0, "x", AS_OF.plus(1, ChronoUnit.HOURS));

        List<DailyCount> days = overview.eventsPerDay(3, 4, AS_OF);

        assertThat(days)
                .containsExactly(
                        new DailyCount(LocalDate.parse("2026-03-07"), 0),
                        new DailyCount(LocalDate.parse("2026-03-08"), 2),
                        new DailyCount(LocalDate.parse("2026-03-09"), 0),
                        new DailyCount(LocalDate.parse("2026-03-10"), 1));
        assertThat(overview.totalEvents(3)).isEqualTo(4);
    }

    @Test
    void readersAreNotBlockedByAnOpenWrite() throws Exception {
        new WarehouseFixtures(warehouse, 4).event("e", "a", 0, "x", AS_OF);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> slowWrite = warehouse.submitWrite(4, c -> {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("INSERT INTO events (uuid, event, distinct_id, timestamp) VALUES (uuid(), 'e', 'b', now())");
                writing.countDown();
                release.await(10, TimeUnit.SECONDS);
                c.commit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                c.setAutoCommit(true);
            }
            return 1;
        });
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        // While the write transaction is open, a reader answers at once and sees only committed rows.
        assertThat(overview.totalEvents(4)).isEqualTo(1);

        release.countDown();
        slowWrite.get(10, TimeUnit.SECONDS);
        assertThat(overview.totalEvents(4)).isEqualTo(2);
    }

    @Test
    void workspacesHaveSeparateFiles() {
        new WarehouseFixtures(warehouse, 5).event("e", "a", 0, "x", AS_OF);
        assertThat(overview.totalEvents(5)).isEqualTo(1);
        assertThat(overview.totalEvents(6)).isZero();
        assertThat(warehouse.fileOf(5)).exists().isNotEqualTo(warehouse.fileOf(6));
    }
}
