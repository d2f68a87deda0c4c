package dev.beton.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The rows a rendered query returned, from either engine: values read over JDBC from DuckDB, or the
 * positional {@code results} of a HogQL response (numbers, strings, ISO dates). Accessors convert
 * by column name and say which column was wrong when they cannot. Times are {@code java.time}
 * values or text; a JDBC adapter converts {@code java.sql.Timestamp} (UTC wall time in the
 * warehouse) with {@code toLocalDateTime()} before building rows, which keeps this package free of
 * JDBC.
 */
public record ResultRows(List<String> columns, List<List<Object>> rows) {

    public ResultRows {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "Row has " + row.size() + " values for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // rows may hold nulls
        }
        rows = List.copyOf(copy);
    }

    public static ResultRows empty(List<String> columns) {
        return new ResultRows(columns, List.of());
    }

    public List<Row> list() {
        return rows.stream().map(Row::new).toList();
    }

    /** One row, read by column name. */
    public final class Row {
        private final List<Object> values;

        private Row(List<Object> values) {
            this.values = values;
        }

        public Optional<Object> value(String column) {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("No column " + column + " in " + columns);
            }
            return Optional.ofNullable(values.get(index));
        }

        public Optional<String> text(String column) {
            // Written out rather than through Optional.map: signals read every row's text columns
            // (a backtest: every account on each of 180 days), and that shared, megamorphic call
            // site was a tenth of the evaluation in a profile.
            Object value = value(column).orElse(null);
            if (value == null) {
                return Optional.empty();
            }
            String text = value instanceof String s ? s : value.toString();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        public String requiredText(String column) {
            return text(column).orElseThrow(() -> new IllegalArgumentException("Column " + column + " is empty"));
        }

        public long count(String column) {
            return value(column).map(v -> toNumber(column, v).longValue()).orElse(0L);
        }

        public Optional<Double> number(String column) {
            return value(column).map(v -> toNumber(column, v).doubleValue());
        }

        public Optional<Instant> instant(String column) {
            return value(column).map(v -> toInstant(column, v));
        }

        private static Number toNumber(String column, Object value) {
            return switch (value) {
                case Number n -> n;
                case String s -> {
                    try {
                        yield new BigDecimal(s.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("Column " + column + " is not a number: " + s, e);
                    }
                }
                default -> throw new IllegalArgumentException("Column " + column + " is not a number: " + value);
            };
        }
    }

    /**
     * Reads an instant from a driver value or text: ISO-8601 with offset, ISO local date-time or
     * {@code yyyy-MM-dd HH:mm:ss} (taken as UTC), or a date (start of that day, UTC).
     */
    public static Instant toInstant(String column, Object value) {
        return switch (value) {
            case Instant i -> i;
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            case OffsetDateTime t -> t.toInstant();
            case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
            case String s ->
                parseInstant(s)
                        .orElseThrow(() -> new IllegalArgumentException("Column " + column + " is not a time: " + s));
            default -> throw new IllegalArgumentException("Column " + column + " is not a time: " + value);
        };
    }

    /** Parses the textual forms {@link #toInstant} accepts; empty when the text is none of them. */
    public static Optional<Instant> parseInstant(String text) {
        String s = text.trim().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException notOffset) {
            // fall through to the zone-less forms
        }
        try {
            return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            // fall through
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }
}
