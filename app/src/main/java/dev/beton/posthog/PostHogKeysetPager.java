package dev.beton.posthog;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import dev.beton.query.RenderedQuery;
import dev.beton.query.RenderedQuery.BoundParameter;
import dev.beton.query.ResultRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a HogQL result too large for one answer, the way PostHog asks (reference §2): {@code
 * OFFSET} is refused for personal API keys, so each page is {@code ORDER BY key LIMIT n} and the
 * next one starts {@code WHERE key > {last key}} with the last key bound as a value. A page shorter
 * than {@code n} is the last (an explicit {@code LIMIT} gets no {@code hasMore} from PostHog).
 *
 * <p>Keys are compared in order, so {@code orderedBy("timestamp", "uuid")} pages by time without
 * losing events that share a timestamp across a page boundary. Every key must be a column of the
 * result (by its name or alias), unique in combination and never NULL.
 *
 * <pre>{@code
 * PostHogKeysetPager pager = PostHogKeysetPager.select("uuid, timestamp, event")
 *         .from("events")
 *         .where("event = {ev}")
 *         .bind("ev", "report_created")
 *         .orderedBy("timestamp", "uuid")
 *         .pageSize(10_000)
 *         .build();
 * pager.forEachPage(runner, rows -> ...);
 * }</pre>
 *
 * The runner is any {@link QueryRunner} (e.g. {@link PostHogQueryRunner}), so budgets and retries
 * wrapped around it apply to every page.
 */
public final class PostHogKeysetPager {

    static final String AFTER = "beton_keyset_after_";
    private static final Pattern KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]*");

    private final String select;
    private final String from;
    private final Optional<String> where;
    private final Optional<String> groupBy;
    private final List<String> keys;
    private final List<BoundParameter> parameters;
    private final int pageSize;

    private PostHogKeysetPager(Builder builder) {
        this.select = builder.select;
        this.from = Objects.requireNonNull(builder.from, "from(...) is required");
        this.where = Optional.ofNullable(builder.where);
        this.groupBy = Optional.ofNullable(builder.groupBy);
        this.keys = List.copyOf(builder.keys);
        this.parameters = List.copyOf(builder.parameters);
        this.pageSize = builder.pageSize;
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("orderedBy(...) needs at least one key column");
        }
    }

    /** Starts a pager over {@code SELECT columns}. */
    public static Builder select(String columns) {
        return new Builder(columns);
    }

    /** Runs page after page and hands each to {@code page}; returns the number of rows read. */
    public long forEachPage(QueryRunner runner, Consumer<ResultRows> page) {
        long total = 0;
        Optional<List<Object>> after = Optional.empty();
        while (true) {
            ResultRows rows = runner.run(after.map(this::pageAfter).orElseGet(this::firstPage));
            page.accept(rows);
            total += rows.rows().size();
            if (rows.rows().size() < pageSize) {
                return total;
            }
            List<Object> last = lastKey(rows);
            if (after.isPresent() && after.get().equals(last)) {
                throw new IllegalStateException("keyset pagination made no progress past " + last
                        + ": the server ignored the key condition or the keys are not unique");
            }
            after = Optional.of(last);
        }
    }

    /** Every row of every page, in key order. Mind the memory: prefer {@link #forEachPage}. */
    public ResultRows all(QueryRunner runner) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        forEachPage(runner, page -> {
            if (columns.isEmpty()) {
                columns.addAll(page.columns());
            }
            rows.addAll(page.rows());
        });
        return new ResultRows(columns, rows);
    }

    /** The first page's HogQL: no key condition yet. */
    public RenderedQuery firstPage() {
        return render(Optional.empty(), parameters);
    }

    /** The HogQL of the page after the row whose keys were {@code lastKey} (in key order). */
    public RenderedQuery pageAfter(List<Object> lastKey) {
        if (lastKey.size() != keys.size()) {
            throw new IllegalArgumentException("expected " + keys.size() + " key values, got " + lastKey.size());
        }
        List<BoundParameter> bound = new ArrayList<>(parameters);
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Object value = lastKey.get(i);
            Optional<java.time.Instant> time =
                    value instanceof String s && POSTHOG_TIME.matcher(s).matches()
                            ? dev.beton.query.ResultRows.parseInstant(s)
                            : Optional.empty();
            // PostHog returns a DateTime as ISO-8601 with the project's offset and microseconds
            // ("2026-11-22T23:00:00.123456-06:00"). Bound back as a bare string, ClickHouse would
            // parse it in its basic format (no "T", no offset) for the comparison; toDateTime
            // parses it best-effort with the offset, and the instant is sent in UTC.
            bound.add(new BoundParameter(
                    AFTER + i, time.<Object>map(java.time.Instant::toString).orElse(value)));
            placeholders.add(time.isPresent() ? "toDateTime({" + AFTER + i + "})" : "{" + AFTER + i + "}");
        }
        return render(Optional.of(afterCondition(placeholders)), bound);
    }

    /** An ISO-8601 date-time with a "T" and an offset or "Z": how PostHog's JSON carries DateTime columns. */
    private static final java.util.regex.Pattern POSTHOG_TIME = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    /** (k0 > a0) OR (k0 = a0 AND k1 > a1) OR …: the row order's "strictly after". */
    private String afterCondition(List<String> placeholders) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(keys.get(j) + " = " + placeholders.get(j));
            }
            terms.add(keys.get(i) + " > " + placeholders.get(i));
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return String.join(" OR ", alternatives);
    }

    private RenderedQuery render(Optional<String> after, List<BoundParameter> bound) {
        StringBuilder sql =
                new StringBuilder("SELECT ").append(select).append(" FROM ").append(from);
        // Grouped rows are only known after GROUP BY, so their keys are compared in HAVING.
        Optional<String> rowCondition = groupBy.isPresent() ? Optional.empty() : after;
        List<String> conditions = new ArrayList<>();
        where.ifPresent(w -> conditions.add("(" + w + ")"));
        rowCondition.ifPresent(a -> conditions.add("(" + a + ")"));
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        groupBy.ifPresent(g -> sql.append(" GROUP BY ").append(g));
        if (groupBy.isPresent()) {
            after.ifPresent(a -> sql.append(" HAVING ").append(a));
        }
        sql.append(" ORDER BY ")
                .append(String.join(", ", keys))
                .append(" LIMIT ")
                .append(pageSize);
        return new RenderedQuery(Dialect.HOGQL, sql.toString(), bound);
    }

    private List<Object> lastKey(ResultRows rows) {
        ResultRows.Row last = rows.list().getLast();
        List<Object> values = new ArrayList<>();
        for (String key : keys) {
            String column = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
            values.add(last.value(column)
                    .orElseThrow(() -> new IllegalStateException("key column " + column
                            + " is NULL in the last row; keyset pagination needs non-null keys")));
        }
        return values;
    }

    /** Collects the query's parts; {@link #build()} checks them. */
    public static final class Builder {
        private final String select;
        private String from;
        private String where;
        private String groupBy;
        private final List<String> keys = new ArrayList<>();
        private final List<BoundParameter> parameters = new ArrayList<>();
        private int pageSize = 10_000;

        private Builder(String select) {
            this.select = requireText(select, "select");
        }

        public Builder from(String table) {
            this.from = requireText(table, "from");
            return this;
        }

        /** A condition on rows, with {@code {placeholders}} bound by {@link #bind}. */
        public Builder where(String condition) {
            this.where = requireText(condition, "where");
            return this;
        }

        public Builder groupBy(String expressions) {
            this.groupBy = requireText(expressions, "groupBy");
            return this;
        }

        public Builder bind(String name, Object value) {
            if (name.startsWith(AFTER)) {
                throw new IllegalArgumentException("placeholder names starting " + AFTER + " are the pager's own");
            }
            parameters.add(new BoundParameter(name, value));
            return this;
        }

        /** Result columns to order and page by, most significant first. */
        public Builder orderedBy(String... columns) {
            for (String column : columns) {
                if (!KEY.matcher(column).matches()) {
                    throw new IllegalArgumentException("a key must be a plain column name, got \"" + column + "\"");
                }
                keys.add(column);
            }
            return this;
        }

        /**
         * Rows per page, 1 to {@value PostHogClient#MAX_LIMIT}: PostHog silently cuts a larger
         * {@code LIMIT} to that, which would end the paging early.
         */
        public Builder pageSize(int rows) {
            if (rows < 1 || rows > PostHogClient.MAX_LIMIT) {
                throw new IllegalArgumentException("pageSize must be between 1 and " + PostHogClient.MAX_LIMIT
                        + " (PostHog cuts a larger LIMIT to " + PostHogClient.MAX_LIMIT + "), got " + rows);
            }
            this.pageSize = rows;
            return this;
        }

        public PostHogKeysetPager build() {
            return new PostHogKeysetPager(this);
        }

        private static String requireText(String text, String what) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return text;
        }
    }
}
