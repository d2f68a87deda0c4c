package dev.beton.query;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How queries are written for one ClickHouse server: its schema mapping and what its version can
 * do. A source reads the server's {@code SELECT version()} when it connects and renders through
 * {@link #forServer}; {@link Dialect#CLICKHOUSE} renders for current ClickHouse and the default
 * schema.
 *
 * <p>What adapts to the version:
 *
 * <ul>
 *   <li>JSON properties: before 20.1 only the "simple JSON" functions ({@code visitParamHas},
 *       {@code visitParamExtractString}, {@code visitParamExtractRaw}) exist, e.g. Debian's
 *       18.16; from 20.1 on, {@code JSONHas}/{@code JSONType}/{@code JSONExtractString}, which
 *       follow nested paths exactly where the simple functions match a key at any depth.
 *   <li>Window functions ({@code lagInFrame}, {@code row_number}): from 21.9 on; a query that
 *       needs them on an older server is refused with a sentence, not sent.
 * </ul>
 *
 * Common table expressions are always written as subqueries (ClickHouse before 20.10 knows {@code
 * WITH} only for scalar expressions), and every join is a one-join subquery level, because 18.16
 * allows one JOIN per SELECT.
 */
public record ClickHouseDialect(
        ClickHouseSchema schema, String serverVersion, boolean jsonFunctions, boolean windowFunctions) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+).*");

    public ClickHouseDialect {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(serverVersion, "serverVersion");
    }

    /** Adapts to the version a server reported ({@code SELECT version()}, e.g. {@code 18.16.1}). */
    public static ClickHouseDialect forServer(ClickHouseSchema schema, String version) {
        Matcher matcher = VERSION.matcher(version.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a ClickHouse version: " + version);
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        return new ClickHouseDialect(
                schema, version.strip(), atLeast(major, minor, 20, 1), atLeast(major, minor, 21, 9));
    }

    /** Current ClickHouse (what PostHog runs) with the seed's PostHog-style schema. */
    public static ClickHouseDialect current() {
        return new ClickHouseDialect(ClickHouseSchema.posthogStyle(), "current", true, true);
    }

    private static boolean atLeast(int major, int minor, int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    public RenderedQuery render(Query query, Instant asOf) {
        return new ClickHouseRenderer(this).render(query, asOf);
    }

    /**
     * For {@link Dialect#CLICKHOUSE} without a source: a query that names exactly one group type
     * addresses the account under that index.
     */
    ClickHouseDialect accountIndexFrom(Query query) {
        List<Integer> indexes = groupIndexes(query).distinct().toList();
        return indexes.size() == 1 && indexes.get(0) != schema.accountGroupIndex()
                ? new ClickHouseDialect(
                        schema.withAccountGroupIndex(indexes.get(0)), serverVersion, jsonFunctions, windowFunctions)
                : this;
    }

    private static Stream<Integer> groupIndexes(Query query) {
        return Stream.concat(
                query.with().stream().flatMap(cte -> groupIndexes(cte.query())),
                ExpressionScan.nodes(query).flatMap(e -> switch (e) {
                    case Expr.GroupKey k -> Stream.of(k.groupIndex());
                    case Expr.GroupProperty p -> Stream.of(p.groupIndex());
                    default -> Stream.empty();
                }));
    }
}
