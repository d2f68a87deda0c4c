package dev.beton.query;

import static dev.beton.query.Expressions.column;
import static dev.beton.query.Expressions.count;
import static dev.beton.query.Expressions.eventProperty;
import static dev.beton.query.Expressions.groupKey;
import static dev.beton.query.Expressions.groupProperty;
import static dev.beton.query.Expressions.hasProperty;
import static dev.beton.query.Expressions.max;
import static dev.beton.query.Expressions.personProperty;
import static dev.beton.query.Expressions.toNumber;
import static dev.beton.query.Expressions.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.query.Expr.OrderItem;
import dev.beton.query.Query.SelectItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ClickHouse SQL of representative queries, pinned in {@code
 * src/test/resources/query/golden-clickhouse} as {@code <query>.<server>.sql} for Debian's 18.16
 * (simple JSON functions) and for current ClickHouse (JSON functions). Regenerate with {@code
 * -Dgolden.update=true} and review the diff.
 */
class ClickHouseGoldenFileTest {

    private static final Path GOLDEN = Path.of("src/test/resources/query/golden-clickhouse");
    private static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");
    private static final Map<String, ClickHouseDialect> SERVERS = Map.of(
            "v18", ClickHouseDialect.forServer(ClickHouseSchema.posthogStyle(), "18.16.1"),
            "current", ClickHouseDialect.forServer(ClickHouseSchema.posthogStyle(), "24.8.4.13"));

    static Map<String, Query> queries() {
        Map<String, Query> queries = new LinkedHashMap<>(SourceParityQueries.all(0));
        queries.put(
                "persons_accounts_nested",
                Query.select(
                                SelectItem.of(groupKey(0), "account"),
                                SelectItem.of(max(groupProperty(0, "name")), "account_name"),
                                SelectItem.of(max(toNumber(groupProperty(0, "employees"))), "employees"),
                                SelectItem.of(max(personProperty("email")), "email"),
                                SelectItem.of(max(eventProperty("$set", "plan")), "set_plan"),
                                SelectItem.of(count(), "events"))
                        .where(within(column("timestamp"), TimeWindow.lastDays(30)))
                        .where(hasProperty(eventProperty("$set", "plan")))
                        .groupBy(groupKey(0))
                        .orderBy(OrderItem.asc(column("account")))
                        .build());
        return queries;
    }

    static Stream<Arguments> renderings() {
        return queries().keySet().stream()
                .flatMap(name -> SERVERS.keySet().stream().sorted().map(server -> Arguments.of(name, server)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("renderings")
    void rendersClickHouseAsPinned(String name, String server) throws IOException {
        RenderedQuery rendered = SERVERS.get(server).render(queries().get(name), AS_OF);
        String actual = "-- " + name + " for ClickHouse " + SERVERS.get(server).serverVersion()
                + ", PostHog-style schema, as of " + AS_OF + "\n-- values: "
                + JsonMapper.builder().build().writeValueAsString(rendered.namedValues()) + "\n" + rendered.sql()
                + "\n";
        Path file = GOLDEN.resolve(name + "." + server + ".sql");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(actual);
    }

    @Test
    void everyGoldenFileBelongsToAQuery() throws IOException {
        List<String> expected = renderings()
                .map(a -> a.get()[0] + "." + a.get()[1] + ".sql")
                .sorted()
                .toList();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void adaptsToTheServerVersion() {
        assertThat(ClickHouseDialect.forServer(ClickHouseSchema.posthogStyle(), "18.16.1"))
                .returns(false, ClickHouseDialect::jsonFunctions)
                .returns(false, ClickHouseDialect::windowFunctions);
        assertThat(ClickHouseDialect.forServer(ClickHouseSchema.posthogStyle(), "20.3.8.53"))
                .returns(true, ClickHouseDialect::jsonFunctions)
                .returns(false, ClickHouseDialect::windowFunctions);
        assertThat(ClickHouseDialect.forServer(ClickHouseSchema.posthogStyle(), "25.3.2.39"))
                .returns(true, ClickHouseDialect::jsonFunctions)
                .returns(true, ClickHouseDialect::windowFunctions);
        assertThatThrownBy(() -> ClickHouseDialect.forServer(ClickHouseSchema.posthogStyle(), "banana"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesWindowFunctionsOnServersWithoutThem() {
        Query ranked = Query.select(SelectItem.of(
                        Expressions.rowNumber(List.of(), List.of(OrderItem.asc(column("timestamp")))), "n"))
                .build();
        assertThatThrownBy(() -> SERVERS.get("v18").render(ranked, AS_OF))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("18.16.1 has no window functions");
        assertThat(SERVERS.get("current").render(ranked, AS_OF).sql()).contains("row_number() OVER");
    }

    @Test
    void schemaMappingRenamesTablesAndColumnsAndLinksAccountsByTheMappedProperty() {
        Map<String, String> settings =
                new LinkedHashMap<>(ClickHouseSchema.posthogStyle().toSettings());
        settings.put("events_table", "cdp_events");
        settings.put("event_name", "name");
        settings.put("event_person_id", "");
        settings.put("account_link_property", "org_domain");
        settings.put("accounts_table", "companies");
        settings.put("account_key", "website");
        ClickHouseSchema schema = ClickHouseSchema.fromSettings(settings);
        String sql = new ClickHouseDialect(schema, "18.16.1", false, false)
                .render(
                        Query.select(
                                        SelectItem.of(groupKey(0), "account"),
                                        SelectItem.of(max(groupProperty(0, "plan")), "plan"))
                                .groupBy(groupKey(0))
                                .build(),
                        AS_OF)
                .sql();
        assertThat(sql)
                .contains("`ev`.`name` AS `event`")
                .contains("FROM `cdp_events` AS `ev` ANY LEFT JOIN (SELECT `distinct_id` AS `pdi__distinct_id`")
                .contains("visitParamExtractString(`ev`.`properties`, 'org_domain')")
                .contains("FROM `companies`) AS `a` ON `e`.`$group_0` = `a`.`group_0__key`")
                .contains("SELECT `website` AS `group_0__key`");
        assertThatThrownBy(() -> ClickHouseSchema.fromSettings(Map.of("events_table", "events; DROP TABLE x")))
                .isInstanceOf(InvalidIdentifier.class);
    }
}
