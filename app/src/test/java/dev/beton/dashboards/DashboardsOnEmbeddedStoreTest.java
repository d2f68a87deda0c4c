package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/dashboards/{id}} on the embedded store: numbers, data-source checks, CSV, errors. */
@OnEmbeddedStore
class DashboardsOnEmbeddedStoreTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Clock clock;

    @Autowired
    Dashboards dashboards;

    @Test
    void signalOverviewAndAccountHealthShowTheWorkspacesNumbers() {
        Workspace workspace = DashboardWorld.newWorkspace(users, workspaces);
        DashboardWorld.build(warehouse, workspace.id(), clock.instant());
        Http http = new Http(port);

        Map<String, JsonNode> overview = DashboardWorld.tiles(http, workspace, "signal-overview", "");
        assertThat(overview).hasSize(7);
        assertThat(overview.values())
                .allSatisfy(t -> assertThat(t.path("status").asString()).isEqualTo("ok"));
        assertThat(overview.get("signals_fired").path("rows").get(0).get(0).asLong())
                .isEqualTo(3);
        assertThat(overview.get("signals_by_type").path("rows").size()).isEqualTo(3);
        JsonNode hot = overview.get("hot_queue").path("rows");
        assertThat(hot.size()).isEqualTo(1);
        assertThat(hot.get(0).get(0).asString()).isEqualTo("acme.com");
        assertThat(overview.get("score_distribution").path("rows").get(0).toString())
                .isEqualTo("[0,0,1,0,1]");
        assertThat(overview.get("top_accounts").path("rows").get(0).get(0).asString())
                .isEqualTo("acme.com");
        assertThat(overview.get("signals_by_source").path("rows").get(0).toString())
                .isEqualTo("[1,2,0]");
        assertThat(overview.get("signals_fired").path("query_id").asString())
                .isEqualTo("dashboard.signal_overview.signals_fired@1");

        Map<String, JsonNode> health = DashboardWorld.tiles(http, workspace, "account-health", "");
        assertThat(health.values())
                .allSatisfy(t -> assertThat(t.path("status").asString()).isEqualTo("ok"));
        assertThat(health.get("active_accounts").path("rows").get(0).toString()).isEqualTo("[2,4]");
        assertThat(health.get("growth_leaders").path("rows").get(0).get(0).asString())
                .isEqualTo("acme.com");
        assertThat(health.get("at_risk").path("rows").get(0).get(0).asString()).isEqualTo("globex.com");
        JsonNode buckets = health.get("health_distribution").path("rows").get(0);
        long accounts = 0;
        for (JsonNode b : buckets.values()) {
            accounts += b.asLong();
        }
        assertThat(accounts).isEqualTo(2);

        // Period filter: in the last 7 days globex has no signal... but acme has two.
        JsonNode week = http.get(at(workspace, "/api/v1/dashboards/signal-overview?period=7"), Http.adminBasic())
                .json();
        assertThat(week.path("period_days").asInt()).isEqualTo(7);

        Http.Response csv =
                http.get(at(workspace, "/api/v1/dashboards/signal-overview/tiles/top_accounts.csv"), Http.adminBasic());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("account,signals\n").contains("acme.com,2");
    }

    @Test
    void aColdAccountHealthTileIsComputedAloneAndEqualsItsPlaceOnThePage() {
        Workspace workspace = DashboardWorld.newWorkspace(users, workspaces);
        DashboardWorld.build(warehouse, workspace.id(), clock.instant());
        TileView alone = dashboards.tile(workspace.id(), "account-health", "growth_leaders", Optional.of(90));
        assertThat(alone.status()).isEqualTo("ok");
        assertThat(dashboards.isCached(workspace.id(), "account-health", "growth_leaders", 90))
                .isTrue();
        // The other tiles were not computed for it (a cold tile costs its own reads only).
        assertThat(dashboards.isCached(workspace.id(), "account-health", "usage_trend", 90))
                .isFalse();
        assertThat(dashboards.isCached(workspace.id(), "account-health", "health_distribution", 90))
                .isFalse();
        TileView onThePage = dashboards.view(workspace.id(), "account-health", Optional.of(90), true).tiles().stream()
                .filter(t -> t.id().equals("growth_leaders"))
                .findFirst()
                .orElseThrow();
        assertThat(onThePage.rows()).isEqualTo(alone.rows());
        assertThat(dashboards.isCached(workspace.id(), "account-health", "usage_trend", 90))
                .isTrue();
    }

    @Test
    void theFirstAccountHealthViewOfAStoreWithoutARollupBuildsIt() {
        Workspace workspace = DashboardWorld.newWorkspace(users, workspaces);
        DashboardWorld.build(warehouse, workspace.id(), clock.instant());
        assertThat(warehouse.write(workspace.id(), UsageRollup::state)).isEmpty();

        TileView raw = dashboards.tile(workspace.id(), "account-health", "usage_trend", Optional.of(30));

        // The build was queued on the writer thread after the answer: this write runs after it.
        assertThat(warehouse.write(workspace.id(), UsageRollup::state)).isPresent();
        TileView rolled = dashboards.view(workspace.id(), "account-health", Optional.of(30), true).tiles().stream()
                .filter(t -> t.id().equals("usage_trend"))
                .findFirst()
                .orElseThrow();
        assertThat(rolled.rows()).isEqualTo(raw.rows());
    }

    @Test
    void tilesWithoutTheirDataSayWhichDataIsMissingAndHowToSendIt() {
        Workspace workspace = DashboardWorld.newWorkspace(users, workspaces);
        Http http = new Http(port);

        Map<String, JsonNode> overview = DashboardWorld.tiles(http, workspace, "signal-overview", "");
        assertThat(overview.values()).allSatisfy(t -> {
            assertThat(t.path("status").asString()).isEqualTo("missing_data");
            assertThat(t.path("rows").size()).isZero();
        });
        assertThat(overview.get("signals_fired")
                        .path("missing")
                        .get(0)
                        .path("message")
                        .asString())
                .contains("./beton detect");
        Map<String, JsonNode> pql = DashboardWorld.tiles(http, workspace, "pql-performance", "");
        assertThat(pql.get("win_rate_by_source")
                        .path("missing")
                        .get(0)
                        .path("data")
                        .asString())
                .isEqualTo("CRM deals");
        Map<String, JsonNode> backtesting = DashboardWorld.tiles(http, workspace, "backtesting", "");
        assertThat(backtesting
                        .get("accuracy")
                        .path("missing")
                        .get(0)
                        .path("message")
                        .asString())
                .contains("Backtests page");
        assertThat(http.get(at(workspace, "/api/v1/dashboards/backtesting/tiles/accuracy.csv"), Http.adminBasic())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void everyChartElementDrillsDownToTheAccountsBehindItsNumber() {
        Workspace workspace = DashboardWorld.newWorkspace(users, workspaces);
        DashboardWorld.build(warehouse, workspace.id(), clock.instant());
        Http http = new Http(port);
        int elements = 0;
        for (String dashboard : java.util.List.of("signal-overview", "account-health")) {
            for (JsonNode tile :
                    DashboardWorld.tiles(http, workspace, dashboard, "").values()) {
                String id = tile.path("id").asString();
                if (!TileDrills.has(id)) {
                    continue;
                }
                java.util.List<String> columns = new java.util.ArrayList<>();
                tile.path("columns").values().forEach(c -> columns.add(c.asString()));
                String x = tile.path("x").isMissingNode() || tile.path("x").isNull()
                        ? null
                        : tile.path("x").asString();
                for (JsonNode row : tile.path("rows").values()) {
                    if (x == null) {
                        // One row whose columns are the elements: each number is that many accounts or signals.
                        for (int i = 0; i < columns.size(); i++) {
                            JsonNode drill = drill(http, workspace, dashboard, id, columns.get(i));
                            long expected = row.get(i).asLong();
                            long measured = id.equals("signals_by_source")
                                    ? sum(drill, "signals")
                                    : drill.path("rows").size();
                            assertThat(measured).as(id + " " + columns.get(i)).isEqualTo(expected);
                            elements++;
                        }
                    } else {
                        String element = row.get(columns.indexOf(x)).asString();
                        JsonNode drill = drill(http, workspace, dashboard, id, element);
                        JsonNode shown = row;
                        switch (id) {
                            case "signals_by_type" ->
                                assertThat(sum(drill, "signals"))
                                        .isEqualTo(shown.get(columns.indexOf("signals"))
                                                .asLong());
                            case "signal_trend" -> {
                                assertThat(sum(drill, "signals"))
                                        .isEqualTo(shown.get(columns.indexOf("signals"))
                                                .asLong());
                                assertThat(drill.path("rows").size())
                                        .isEqualTo(shown.get(columns.indexOf("accounts"))
                                                .asInt());
                            }
                            case "usage_trend" -> {
                                assertThat(sum(drill, "events"))
                                        .isEqualTo(shown.get(columns.indexOf("events"))
                                                .asLong());
                                assertThat(drill.path("rows").size())
                                        .isEqualTo(shown.get(columns.indexOf("accounts"))
                                                .asInt());
                            }
                            case "feature_adoption" -> {
                                assertThat(sum(drill, "events"))
                                        .isEqualTo(shown.get(columns.indexOf("uses"))
                                                .asLong());
                                assertThat(drill.path("rows").size())
                                        .isEqualTo(shown.get(columns.indexOf("accounts"))
                                                .asInt());
                            }
                            default -> throw new AssertionError("no check for " + id);
                        }
                        elements++;
                    }
                }
            }
        }
        assertThat(elements).isGreaterThan(20);

        // The accounts themselves: acme's latest score (85) is in the top bucket, globex's (40) in 40-59.
        JsonNode top = drill(http, workspace, "signal-overview", "score_distribution", "score_80_100");
        assertThat(top.path("rows").get(0).get(0).asString()).isEqualTo("acme.com");
        assertThat(drill(http, workspace, "signal-overview", "signals_by_type", "billing_intent")
                        .path("rows")
                        .get(0)
                        .get(0)
                        .asString())
                .isEqualTo("globex.com");
        Http.Response csv = http.get(
                at(
                        workspace,
                        "/api/v1/dashboards/signal-overview/tiles/signals_by_type/accounts.csv?value=usage_spike"),
                Http.adminBasic());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("account,signals,score,last_signal\n").contains("acme.com,1,55");

        // Elements that are not the tile's, and tiles that list accounts themselves, are problems.
        assertThat(problem(http, workspace, "signal-overview/tiles/signal_trend/accounts?value=last-week"))
                .contains("date of its Monday");
        assertThat(problem(http, workspace, "signal-overview/tiles/score_distribution/accounts?value=hot"))
                .contains("score_80_100");
        assertThat(problem(http, workspace, "account-health/tiles/health_distribution/accounts?value=101"))
                .contains("0-19");
        assertThat(problem(http, workspace, "signal-overview/tiles/signals_by_source/accounts?value=ads"))
                .contains("product_usage, billing or support");
        assertThat(problem(http, workspace, "signal-overview/tiles/signals_by_type/accounts"))
                .contains("?value=");
        assertThat(problem(http, workspace, "signal-overview/tiles/hot_queue/accounts?value=x"))
                .contains("its rows are accounts");
    }

    private JsonNode drill(Http http, Workspace workspace, String dashboard, String tile, String value) {
        Http.Response response = http.get(
                at(
                        workspace,
                        "/api/v1/dashboards/" + dashboard + "/tiles/" + tile + "/accounts?value="
                                + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)),
                Http.adminBasic());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static long sum(JsonNode drill, String column) {
        int index = -1;
        JsonNode columns = drill.path("columns");
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).asString().equals(column)) {
                index = i;
            }
        }
        long total = 0;
        for (JsonNode row : drill.path("rows").values()) {
            total += row.get(index).asLong();
        }
        return total;
    }

    private String problem(Http http, Workspace workspace, String path) {
        Http.Response response = http.get(at(workspace, "/api/v1/dashboards/" + path), Http.adminBasic());
        assertThat(response.status()).as(response.body()).isBetween(400, 404);
        return response.json().path("detail").asString();
    }

    @Test
    void unknownDashboardsAndPeriodsAreProblems() {
        Workspace workspace = DashboardWorld.newWorkspace(users, workspaces);
        Http http = new Http(port);
        assertThat(http.get(at(workspace, "/api/v1/dashboards/nope"), Http.adminBasic())
                        .status())
                .isEqualTo(404);
        assertThat(http.get(at(workspace, "/api/v1/dashboards/signal-overview?period=14"), Http.adminBasic())
                        .status())
                .isEqualTo(400);
        JsonNode list =
                http.get(at(workspace, "/api/v1/dashboards"), Http.adminBasic()).json();
        assertThat(list.size()).isEqualTo(4);
    }

    private static String at(Workspace workspace, String path) {
        return path + (path.contains("?") ? "&" : "?") + "workspace=" + workspace.slug();
    }
}
