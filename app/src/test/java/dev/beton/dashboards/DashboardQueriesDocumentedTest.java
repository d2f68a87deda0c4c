package dev.beton.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.query.Dialect;
import dev.beton.query.QueryDefinition;
import dev.beton.query.QueryLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tile query renders in both dialects, joins the query library without clashing ids, and
 * docs/DASHBOARDS.md shows exactly the HogQL its PostHog insight runs (company group index 2).
 * After changing a tile, bump its version and regenerate the blocks with {@code
 * -Ddashboards.docs.print=true}, which prints them.
 */
class DashboardQueriesDocumentedTest {

    static final Instant AS_OF = Instant.parse("2026-11-23T06:00:00Z");
    static final int COMPANY = 2;

    @Test
    void everyTileQueryRendersAndIsInTheLibraryOnce() {
        QueryLibrary library = QueryLibrary.of(DashboardCatalog.libraryQueries(COMPANY));
        assertThat(library.all()).hasSize(15);
        for (QueryDefinition definition : library.all()) {
            assertThat(definition.render(Dialect.DUCKDB, AS_OF).sql()).isNotBlank();
            assertThat(definition.render(Dialect.HOGQL, AS_OF).sql()).isNotBlank();
        }
    }

    @Test
    void theDocsShowEachTilesHogQl() throws IOException {
        String docs = Files.readString(Path.of("../docs/DASHBOARDS.md"));
        StringBuilder blocks = new StringBuilder();
        for (DashboardDefinition dashboard : DashboardCatalog.all()) {
            for (TileDefinition tile : dashboard.tiles()) {
                if (tile.query().isEmpty()) {
                    assertThat(docs)
                            .as("docs name the native tile " + tile.id())
                            .contains("`" + tile.id() + "`");
                    continue;
                }
                QueryDefinition definition = tile.query().get().build(COMPANY, dashboard.defaultPeriodDays());
                Map<String, Object> node = InsightQueries.node(tile, definition, AS_OF);
                String block = "```sql\n-- " + definition.reference() + "\n" + InsightQueries.hogql(node) + "\n```";
                blocks.append("#### `")
                        .append(tile.id())
                        .append("` — ")
                        .append(tile.title())
                        .append("\n\n")
                        .append(block)
                        .append("\n\n");
                if (!Boolean.getBoolean("dashboards.docs.print")) {
                    assertThat(docs)
                            .as("docs/DASHBOARDS.md shows " + definition.reference())
                            .contains(block);
                }
            }
        }
        if (Boolean.getBoolean("dashboards.docs.print")) {
            Files.writeString(Path.of("target/dashboard-queries.md"), blocks.toString());
        }
    }
}
