package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.query.ResultRows;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Account Health page computed in one pass answers exactly what each tile's own query (the
 * definition PostHog runs as HogQL) answers, for every period.
 */
@OnEmbeddedStore
class AccountHealthPassTest {

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    NativeTiles tiles;

    @Autowired
    Clock clock;

    @Test
    void equalsEachTilesQueryOnTheDashboardWorld() {
        long workspace = newWorkspace();
        Instant now = clock.instant();
        DashboardWorld.build(warehouse, workspace, now);
        assertSameAsTileQueries(workspace, now);
        // With the usage rollup built a minute later (it then holds every complete day), the same.
        // (Built afresh: the first view of the page queued a build of its own.)
        int rolledUp = warehouse.write(workspace, c -> {
            UsageRollup.forget(c);
            return UsageRollup.refresh(c, now.plusSeconds(60));
        });
        assertThat(rolledUp).isPositive();
        assertSameAsTileQueries(workspace, now);
    }

    @Test
    void equalsEachTilesQueryOnARandomWorldWithTiesAndSharedUsers() {
        long workspace = newWorkspace();
        Instant now = clock.instant();
        WarehouseFixtures w = new WarehouseFixtures(warehouse, workspace).groupType(0, "company");
        SplittableRandom random = new SplittableRandom(7);
        String[] events = {"report_created", "dashboard_viewed", "export", "$pageview", "$identify"};
        for (int i = 0; i < 600; i++) {
            String account = "a" + random.nextInt(25) + ".com";
            // users recur across accounts; some events lack an account
            String user = "u" + random.nextInt(40);
            Instant at = now.minusSeconds(random.nextLong(100L * 86_400));
            w.event(events[random.nextInt(events.length)], user, 0, random.nextInt(30) == 0 ? "" : account, at);
        }
        w.event("report_created", "late", 0, "a1.com", now.minus(28, ChronoUnit.DAYS));
        assertSameAsTileQueries(workspace, now);
    }

    private void assertSameAsTileQueries(long workspace, Instant now) {
        DashboardDefinition dashboard = Dashboards.definition("account-health");
        for (int days : Dashboards.PERIODS) {
            EnumSet<DataNeed> wanted = EnumSet.noneOf(DataNeed.class);
            dashboard.tiles().forEach(t -> wanted.addAll(t.needs()));
            NativeTiles.Available available = tiles.available(workspace, now, days, wanted);
            Map<String, ResultRows> shared =
                    tiles.accountHealth(workspace, available, now, days, AccountHealthPass.TILES);
            assertThat(shared.keySet()).containsExactlyInAnyOrderElementsOf(AccountHealthPass.TILES);
            for (TileDefinition tile : dashboard.tiles()) {
                if (!AccountHealthPass.TILES.contains(tile.id())) {
                    continue;
                }
                ResultRows own = tiles.compute(workspace, tile, available, now, days);
                ResultRows pass = shared.get(tile.id());
                assertThat(pass.columns())
                        .as(tile.id() + " columns, %d days", days)
                        .isEqualTo(own.columns());
                assertThat(pass.rows().toString())
                        .as(tile.id() + " rows, %d days", days)
                        .isEqualTo(own.rows().toString());
                // A cold tile alone: only its own reads, the same rows.
                Map<String, ResultRows> alone = tiles.accountHealth(workspace, available, now, days, Set.of(tile.id()));
                assertThat(alone.keySet()).containsExactly(tile.id());
                assertThat(alone.get(tile.id()).rows().toString())
                        .as(tile.id() + " alone, %d days", days)
                        .isEqualTo(own.rows().toString());
            }
        }
    }

    private long newWorkspace() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = "ahp-" + UUID.randomUUID().toString().substring(0, 8);
        return workspaces
                .create("Health pass " + slug, Optional.of(slug), admin)
                .id();
    }
}
