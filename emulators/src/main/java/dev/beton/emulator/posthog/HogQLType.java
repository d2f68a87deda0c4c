package dev.beton.emulator.posthog;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A ClickHouse column type as the response's {@code types} names it. The evaluator needs types for
 * one ClickHouse rule Beton depends on: a LEFT JOIN row without a match gets each column's default
 * ({@code ''}, {@code 0}, …, NULL only for {@code Nullable} columns), not NULL.
 */
record HogQLType(String base, boolean nullable) {

    static final HogQLType STRING = new HogQLType("String", false);
    static final HogQLType NULLABLE_STRING = new HogQLType("String", true);
    static final HogQLType UINT64 = new HogQLType("UInt64", false);
    static final HogQLType INT64 = new HogQLType("Int64", false);
    static final HogQLType FLOAT64 = new HogQLType("Float64", false);
    static final HogQLType BOOL = new HogQLType("Bool", false);
    static final HogQLType DATETIME = new HogQLType("DateTime64(6, 'UTC')", false);
    static final HogQLType DATE = new HogQLType("Date", false);
    static final HogQLType UUID = new HogQLType("UUID", false);
    static final HogQLType NOTHING = new HogQLType("Nothing", true);

    String name() {
        return nullable ? "Nullable(" + base + ")" : base;
    }

    HogQLType orNull() {
        return new HogQLType(base, true);
    }

    HogQLType notNull() {
        return new HogQLType(base, false);
    }

    boolean isNumeric() {
        return base.startsWith("UInt") || base.startsWith("Int") || base.startsWith("Float");
    }

    /** The value ClickHouse puts where a row has none of its own (unmatched joins, empty aggregates). */
    Object defaultValue() {
        if (nullable) {
            return null;
        }
        return switch (base) {
            case "String" -> "";
            case "UInt64", "Int64", "UInt8" -> 0L;
            case "Float64" -> 0.0;
            case "Bool" -> false;
            case "Date" -> LocalDate.EPOCH;
            case "UUID" -> "00000000-0000-0000-0000-000000000000";
            default -> base.startsWith("DateTime") ? Instant.EPOCH : null;
        };
    }

    /** The type of a constant (a literal or a bound value). */
    static HogQLType ofValue(Object value) {
        return switch (value) {
            case null -> NOTHING;
            case String s -> STRING;
            case Long l -> INT64;
            case Double d -> FLOAT64;
            case Boolean b -> BOOL;
            case Instant i -> DATETIME;
            case java.time.ZonedDateTime z -> DATETIME;
            case LocalDate d -> DATE;
            default -> STRING;
        };
    }
}
