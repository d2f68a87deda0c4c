package dev.beton.clickhouse;

import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.eq;
import static dev.beton.query.Expressions.eventProperty;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.groupProperty;
import static dev.beton.query.Expressions.max;
import static dev.beton.query.Expressions.param;
import static dev.beton.query.Expressions.personProperty;
import static dev.beton.query.Expressions.toNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.query.ClickHouseDialect;
import dev.beton.query.ClickHouseSchema;
import dev.beton.query.Expr.OrderItem;
import dev.beton.query.Query;
import dev.beton.query.Query.SelectItem;
import dev.beton.query.ResultRows;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client, the dialect for the server's own version and the schema mapping, on a real server. */
@ExtendWith(ClickHouseTestServer.class)
class ClickHouseServerTest {

    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");

    private ClickHouseServer server;
    private ClickHouseDialect dialect;

    @BeforeEach
    void open() {
        server = ClickHouseServer.open(ClickHouseTestServer.freshDatabase());
        dialect = ClickHouseDialect.forServer(ClickHouseSchema.posthogStyle(), server.version());
        PostHogStyleTables.create(server)
                .event(
                        "signed_up",
                        "u1",
                        AS_OF.minusSeconds(3600),
                        "{\"company_domain\":\"acme.com\",\"plan\":\"pro\",\"seats\":12,\"$set\":{\"role\":\"admin\"}}",
                        "p1")
                .event(
                        "signed_up",
                        "u2",
                        AS_OF.minusSeconds(7200),
                        "{\"company_domain\":\"acme.com\",\"plan\":\"x'); DROP TABLE events; --\"}",
                        "p2")
                .event("viewed", "u3", AS_OF.minusSeconds(60), "{\"plan\":\"free\"}", null)
                .flush()
                .person("p1", "u1", "{\"email\":\"ada@acme.com\"}")
                .account("a1", "Acme", "acme.com", 1200.5, "{\"employees\":40}");
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void reportsTheServerVersionTheDialectAdaptsTo() {
        assertThat(server.version()).isEqualTo(ClickHouseTestServer.version()).matches("\\d+\\.\\d+.*");
    }

    @Test
    void readsEventsPersonsAndAccountsThroughTheMapping() {
        Query query = Query.select(
                        SelectItem.of(groupKey(0), "account"),
                        SelectItem.of(count(), "events"),
                        SelectItem.of(max(personProperty("email")), "email"),
                        SelectItem.of(max(groupProperty(0, "name")), "account_name"),
                        SelectItem.of(max(toNumber(groupProperty(0, "arr"))), "arr"),
                        SelectItem.of(max(toNumber(groupProperty(0, "employees"))), "employees"),
                        SelectItem.of(max(toNumber(eventProperty("seats"))), "seats"),
                        SelectItem.of(max(eventProperty("$set", "role")), "role"))
                .groupBy(groupKey(0))
                .orderBy(OrderItem.asc(column("account")))
                .build();

        List<ResultRows.Row> rows = new ClickHouseQueryRunner(server)
                .run(dialect.render(query, AS_OF))
                .list();

        assertThat(rows).hasSize(2);
        ResultRows.Row acme = rows.get(0);
        assertThat(acme.requiredText("account")).isEqualTo("acme.com");
        assertThat(acme.count("events")).isEqualTo(2);
        assertThat(acme.text("email")).contains("ada@acme.com");
        assertThat(acme.text("account_name")).contains("Acme");
        assertThat(acme.number("arr")).contains(1200.5);
        assertThat(acme.number("employees")).contains(40.0);
        assertThat(acme.number("seats")).contains(12.0);
        assertThat(acme.text("role")).contains("admin");
        assertThat(rows.get(1).value("account")).isEmpty();
    }

    @Test
    void bindsHostileValuesAsLiteralsThatMatchExactly() {
        String hostile = "x'); DROP TABLE events; --";
        Query query = Query.select(SelectItem.of(count(), "n"))
                .where(eq(eventProperty("plan"), param("plan", hostile)))
                .build();

        assertThat(new ClickHouseQueryRunner(server)
                        .run(dialect.render(query, AS_OF))
                        .list()
                        .getFirst()
                        .count("n"))
                .isEqualTo(1);
        assertThat(server.query("SELECT count() AS n FROM events")
                        .list()
                        .getFirst()
                        .count("n"))
                .isEqualTo(3);
    }

    @Test
    void aRejectedQueryIsASentenceNamingTheServer() {
        assertThatThrownBy(() -> server.query("SELECT nope FROM missing_table"))
                .isInstanceOf(ClickHouseFailure.class)
                .hasMessageStartingWith("ClickHouse at http://127.0.0.1:")
                .hasMessageContaining("missing_table");
    }

    @Test
    void anUnreachableServerIsASentence() {
        try (ClickHouseServer nowhere =
                ClickHouseServer.open(new ClickHouseSettings("127.0.0.1", 1, "default", "secret", "default", false))) {
            assertThatThrownBy(nowhere::version)
                    .isInstanceOf(ClickHouseFailure.class)
                    .hasMessageStartingWith("ClickHouse at http://127.0.0.1:1 failed")
                    .hasMessageNotContaining("secret");
        }
    }
}
