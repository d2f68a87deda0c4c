package dev.beton.connections;

import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.groupKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.clickhouse.ClickHouseServer;
import dev.beton.clickhouse.ClickHouseSettings;
import dev.beton.clickhouse.ClickHouseTestServer;
import dev.beton.clickhouse.PostHogStyleTables;
import dev.beton.detection.QuerySources;
import dev.beton.query.Dialect;
import dev.beton.query.EventQuerySource;
import dev.beton.query.Expr.OrderItem;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import dev.beton.testsupport.Http;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The ClickHouse connection through the API against a real server: Save & test, the password
 * sealed and never shown, the mapping stored per workspace, ClickHouse chosen as the event source
 * and a query run through {@link QuerySources}.
 */
@OnEmbeddedStore
@ExtendWith(ClickHouseTestServer.class)
class ClickHouseConnectionOnEmbeddedStoreTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    QuerySources querySources;

    Http http;
    Workspace workspace;
    ClickHouseSettings database;
    final String admin = Http.adminBasic();

    @BeforeEach
    void setUp() {
        http = new Http(port);
        long adminId = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String slug = "ch-" + UUID.randomUUID().toString().substring(0, 8);
        workspace = workspaces.create("ClickHouse " + slug, Optional.of(slug), adminId);
        database = ClickHouseTestServer.freshDatabase();
        try (ClickHouseServer server = ClickHouseServer.open(database)) {
            PostHogStyleTables.create(server)
                    .event(
                            "signed_up",
                            "u1",
                            Instant.parse("2026-11-20T10:00:00Z"),
                            "{\"company_domain\":\"acme.com\"}",
                            "p1")
                    .event(
                            "signed_up",
                            "u2",
                            Instant.parse("2026-11-21T10:00:00Z"),
                            "{\"company_domain\":\"acme.com\"}",
                            "p2")
                    .event("viewed", "u3", Instant.parse("2026-11-21T11:00:00Z"), "{}", null)
                    .flush();
        }
    }

    private String at(String path) {
        return path + "?workspace=" + workspace.slug();
    }

    private Http.Response put(String path, String json) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + at(path)))
                .header("Content-Type", "application/json")
                .header("Authorization", admin)
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private String settings(int serverPort) {
        return """
                {"host": "127.0.0.1", "port": %d, "user": "beton", "password": "%s", "database": "%s", "tls": false,
                 "schema": {"account_link_property": "company_domain"}}""".formatted(serverPort, ClickHouseTestServer.PASSWORD_USER_PASSWORD, database.database());
    }

    @Test
    void saveAndTestSealsThePasswordAndNeverShowsIt() {
        Http.Response saved = put("/api/v1/settings/clickhouse", settings(ClickHouseTestServer.port()));

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("message").asString())
                .matches("ClickHouse \\d+\\.\\d+.* answered: 3 events, 2 of them linked to an account\\.");
        JsonNode view = http.get(at("/api/v1/settings/clickhouse"), admin).json();
        assertThat(view.get("state").asString()).isEqualTo("ok");
        assertThat(view.get("api_key").asString()).isEqualTo("••••••••");
        assertThat(view.get("details").get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(view.get("details").get("events_table").asString()).isEqualTo("events");
        assertThat(view.get("details").get("account_key").asString()).isEqualTo("domain");
        assertThat(view.toString()).doesNotContain(ClickHouseTestServer.PASSWORD_USER_PASSWORD);
        assertThat(jdbc.sql(
                                "SELECT settings FROM integration_connections WHERE workspace_id = ? AND integration = 'clickhouse'")
                        .param(workspace.id())
                        .query(String.class)
                        .single())
                .doesNotContain(ClickHouseTestServer.PASSWORD_USER_PASSWORD);

        Http.Response retested = http.postJson(at("/api/v1/settings/clickhouse/test"), admin, "{}");
        assertThat(retested.status()).as(retested.body()).isEqualTo(200);
    }

    @Test
    void aFailedTestKeepsTheSettingsAndSaysWhy() {
        Http.Response saved = put("/api/v1/settings/clickhouse", settings(1));

        assertThat(saved.status()).isEqualTo(502);
        assertThat(saved.json().get("detail").asString())
                .startsWith("The settings are saved, but the test failed: ClickHouse at http://127.0.0.1:1 failed");
        JsonNode view = http.get(at("/api/v1/settings/clickhouse"), admin).json();
        assertThat(view.get("state").asString()).isEqualTo("failed");
        assertThat(view.get("details").get("port").asString()).isEqualTo("1");

        Http.Response chosen = put("/api/v1/settings/event-source", "{\"source\": \"clickhouse\"}");
        assertThat(chosen.status()).isEqualTo(409);
        assertThat(chosen.body()).contains("has not passed its test");
    }

    @Test
    void anInvalidMappingIsABadRequest() {
        Http.Response saved = put(
                "/api/v1/settings/clickhouse",
                "{\"host\": \"127.0.0.1\", \"schema\": {\"events_table\": \"events; DROP TABLE x\"}}");

        assertThat(saved.status()).isEqualTo(400);
        assertThat(saved.json().get("detail").asString()).contains("events table");
    }

    @Test
    void clickHouseAsTheEventSourceAnswersQueriesThroughTheMapping() {
        assertThat(put("/api/v1/settings/clickhouse", settings(ClickHouseTestServer.port()))
                        .status())
                .isEqualTo(200);
        Http.Response chosen = put("/api/v1/settings/event-source", "{\"source\": \"clickhouse\"}");
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.json().get("source").asString()).isEqualTo("clickhouse");

        EventQuerySource source = querySources.of(workspace.id());
        int account = source.accountGroupIndex().orElseThrow();
        Query perAccount = Query.select(SelectItem.of(groupKey(account), "account"), SelectItem.of(count(), "events"))
                .groupBy(groupKey(account))
                .orderBy(OrderItem.asc(column("account")))
                .build();
        ResultRows rows = source.run(perAccount, Instant.parse("2026-11-23T00:00:00Z"));

        assertThat(source.dialect()).isEqualTo(Dialect.CLICKHOUSE);
        assertThat(source.description()).startsWith("ClickHouse ").contains(database.database());
        assertThat(rows.list())
                .extracting(r -> r.value("account").orElse(null) + "=" + r.count("events"))
                .containsExactly("acme.com=2", "null=1");

        assertThat(http.delete(at("/api/v1/settings/integrations/clickhouse"), admin)
                        .status())
                .isEqualTo(204);
        assertThat(List.of(http.get(at("/api/v1/settings/clickhouse"), admin)
                        .json()
                        .get("configured")
                        .asBoolean()))
                .containsExactly(false);
    }
}
