package dev.beton.dashboards;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.testsupport.WarehouseFixtures;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small workspace for the dashboard tests (company group index 1): acme grows with three users,
 * globex shrinks with one; acme's latest signal scores 85, globex's 40.
 */
final class DashboardWorld {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DashboardWorld() {}

    static void build(EmbeddedWarehouse warehouse, long workspaceId, Instant now) {
        WarehouseFixtures w = new WarehouseFixtures(warehouse, workspaceId)
                .groupType(0, "project")
                .groupType(1, "company")
                .group(1, "acme.com", "{\"name\": \"Acme\"}", now.minus(60, ChronoUnit.DAYS))
                .group(1, "globex.com", "{\"name\": \"Globex\"}", now.minus(60, ChronoUnit.DAYS));
        for (int day = 1; day <= 6; day++) {
            for (String user : new String[] {"ann", "bob", "cy"}) {
                w.event("report_created", user, 1, "acme.com", now.minus(day, ChronoUnit.DAYS));
            }
            w.event(
                    "dashboard_viewed",
                    "ann",
                    1,
                    "acme.com",
                    now.minus(day, ChronoUnit.DAYS).plusSeconds(60));
        }
        for (int day = 8; day <= 13; day++) {
            w.event("report_created", "dan", 1, "globex.com", now.minus(day, ChronoUnit.DAYS));
            w.event(
                    "report_created",
                    "dan",
                    1,
                    "globex.com",
                    now.minus(day, ChronoUnit.DAYS).plusSeconds(60));
        }
        w.event("report_created", "dan", 1, "globex.com", now.minus(2, ChronoUnit.DAYS));
        signal(w, "acme.com", "usage_spike", 55, now.minus(5, ChronoUnit.DAYS));
        signal(w, "acme.com", "pricing_intent", 85, now.minus(1, ChronoUnit.DAYS));
        signal(w, "globex.com", "billing_intent", 40, now.minus(3, ChronoUnit.DAYS));
    }

    /** One stored event of a workspace, to send the same world to another event source. */
    record Event(
            UUID uuid, String event, String distinctId, Instant at, Map<String, Object> properties, String account) {}

    /** The workspace's events in time order (company at group index 1, as {@link #build} stores them). */
    static List<Event> events(EmbeddedWarehouse warehouse, long workspaceId) {
        return warehouse.read(workspaceId, c -> {
            List<Event> events = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT uuid, event, distinct_id, timestamp, properties, \"$group_1\""
                            + " FROM events ORDER BY timestamp, uuid")) {
                while (r.next()) {
                    events.add(new Event(
                            r.getObject(1, UUID.class),
                            r.getString(2),
                            r.getString(3),
                            r.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            r.getString(5) == null
                                    ? Map.of()
                                    : JSON.readValue(r.getString(5), new TypeReference<Map<String, Object>>() {}),
                            r.getString(6)));
                }
            }
            return events;
        });
    }

    /** A tile's numbers to compare across sources: columns and rows, dates as their day (the dialects print them apart). */
    static List<Object> numbers(JsonNode tile) {
        List<Object> out = new ArrayList<>();
        tile.path("columns").values().forEach(c -> out.add(c.asString()));
        for (JsonNode row : tile.path("rows").values()) {
            List<Object> cells = new ArrayList<>();
            for (JsonNode cell : row.values()) {
                if (cell.isNumber()) {
                    cells.add(Math.round(cell.asDouble() * 1000) / 1000.0);
                } else if (cell.isString() && cell.asString().matches("\\d{4}-\\d\\d-\\d\\d.*")) {
                    cells.add(cell.asString().substring(0, 10));
                } else {
                    cells.add(cell.isNull() ? null : cell.asString());
                }
            }
            out.add(cells);
        }
        return out;
    }

    /** The dashboard's tiles by id, as {@code GET /api/v1/dashboards/{id}} answers them ({@code query}: e.g. "refresh=true"). */
    static Map<String, JsonNode> tiles(Http http, Workspace workspace, String id, String query) {
        Http.Response response = http.get(
                "/api/v1/dashboards/" + id + "?" + (query.isEmpty() ? "" : query + "&") + "workspace="
                        + workspace.slug(),
                Http.adminBasic());
        if (response.status() != 200) {
            throw new AssertionError(id + ": " + response.status() + " " + response.body());
        }
        Map<String, JsonNode> tiles = new LinkedHashMap<>();
        response.json()
                .path("tiles")
                .values()
                .forEach(t -> tiles.put(t.path("id").asString(), t));
        return tiles;
    }

    /** A new workspace of the test admin. */
    static Workspace newWorkspace(Users users, Workspaces workspaces) {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        return workspaces.create("Dashboards " + slug, java.util.Optional.of(slug), admin);
    }

    private static void signal(WarehouseFixtures w, String account, String type, int score, Instant at) {
        w.event(
                "beton_signal_fired",
                "beton-signals",
                1,
                account,
                at,
                "{\"signal_type\": \"" + type + "\", \"signal_score\": " + score + ", \"account\": \"" + account
                        + "\"}");
    }
}
