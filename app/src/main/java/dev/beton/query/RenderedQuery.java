package dev.beton.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * SQL text and the values bound to it. The text never contains a value that came from
 * configuration or from the caller; those are all in {@link #parameters()}.
 *
 * @param parameters for {@link Dialect#DUCKDB} one entry per {@code ?} in order (a name may
 *     repeat); for {@link Dialect#HOGQL} and {@link Dialect#CLICKHOUSE} one entry per distinct
 *     {@code {placeholder}} (ClickHouse: {@code {name:Type}}, timestamps as UTC {@code
 *     yyyy-MM-dd HH:mm:ss} text). Values are
 *     ready for the driver: DuckDB timestamps are {@link java.time.LocalDateTime} in UTC, HogQL
 *     timestamps ISO-8601 strings with {@code Z}.
 * @param definition the library definition it was rendered from ({@code id@version}), when it
 *     was: how run histories name a query without comparing SQL text
 */
public record RenderedQuery(Dialect dialect, String sql, List<BoundParameter> parameters, Optional<String> definition) {

    public RenderedQuery {
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(definition, "definition");
    }

    /** A query that is not a library definition (ad hoc, paging, counts). */
    public RenderedQuery(Dialect dialect, String sql, List<BoundParameter> parameters) {
        this(dialect, sql, parameters, Optional.empty());
    }

    /** The same query, naming the definition it came from. */
    public RenderedQuery from(QueryDefinition source) {
        return new RenderedQuery(dialect, sql, parameters, Optional.of(source.reference()));
    }

    /** One bound value. */
    public record BoundParameter(String name, Object value) {}

    /** The values for {@code PreparedStatement.setObject(i + 1, ...)}, in order. */
    public List<Object> positionalValues() {
        return parameters.stream().map(BoundParameter::value).toList();
    }

    /** The HogQL {@code values} object: placeholder name to value, in first-use order. */
    public Map<String, Object> namedValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        parameters.forEach(p -> values.putIfAbsent(p.name(), p.value()));
        return Collections.unmodifiableMap(values);
    }
}
