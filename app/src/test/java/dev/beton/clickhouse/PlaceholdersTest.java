package dev.beton.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.query.Dialect;
import dev.beton.query.RenderedQuery;
import dev.beton.query.RenderedQuery.BoundParameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void bindsEachPlaceholderOnceAsALiteralOfItsType() {
        RenderedQuery query = new RenderedQuery(
                Dialect.CLICKHOUSE,
                "SELECT {a:String}, {n:Int64}, {x:Float64}, {b:UInt8}, {a:String}",
                List.of(
                        new BoundParameter("a", "it's {n:Int64} \\ ok\n"),
                        new BoundParameter("n", 42L),
                        new BoundParameter("x", 0.25),
                        new BoundParameter("b", true)));

        assertThat(Placeholders.bind(query))
                .isEqualTo("SELECT 'it\\'s {n:Int64} \\\\ ok\\n', 42, 0.25, 1, 'it\\'s {n:Int64} \\\\ ok\\n'");
    }

    @Test
    void refusesMissingValuesAndNonFiniteNumbers() {
        assertThatThrownBy(
                        () -> Placeholders.bind(new RenderedQuery(Dialect.CLICKHOUSE, "SELECT {a:String}", List.of())))
                .hasMessageContaining("No value for placeholder a");
        assertThatThrownBy(() -> Placeholders.literal("Float64", Double.NaN)).hasMessageContaining("finite");
    }
}
