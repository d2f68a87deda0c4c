package dev.beton.bizevents;

import java.util.List;

/**
 * One property of a business event schema: its JSON type, whether it must be present, and its
 * bounds. The validator and the published JSON Schema are both derived from these, so they can
 * never disagree.
 */
record FieldSpec(String name, Kind kind, boolean required, Double min, Double max, List<String> values) {

    enum Kind {
        STRING,
        NUMBER,
        INTEGER,
        BOOLEAN,
        DATE_TIME,
        ENUM,
        STRING_LIST
    }

    static FieldSpec text(String name, boolean required) {
        return new FieldSpec(name, Kind.STRING, required, null, null, List.of());
    }

    static FieldSpec number(String name, boolean required, Double min, Double max) {
        return new FieldSpec(name, Kind.NUMBER, required, min, max, List.of());
    }

    /** A non-negative amount of money (USD). */
    static FieldSpec amount(String name, boolean required) {
        return number(name, required, 0.0, null);
    }

    /** A rate in 0–1 (0.12 = 12 %). */
    static FieldSpec rate(String name, boolean required) {
        return number(name, required, 0.0, 1.0);
    }

    /** A percentage or score in 0–100. */
    static FieldSpec percent(String name, boolean required) {
        return number(name, required, 0.0, 100.0);
    }

    static FieldSpec count(String name, boolean required) {
        return new FieldSpec(name, Kind.INTEGER, required, 0.0, null, List.of());
    }

    static FieldSpec flag(String name, boolean required) {
        return new FieldSpec(name, Kind.BOOLEAN, required, null, null, List.of());
    }

    static FieldSpec date(String name, boolean required) {
        return new FieldSpec(name, Kind.DATE_TIME, required, null, null, List.of());
    }

    static FieldSpec oneOf(String name, boolean required, String... values) {
        return new FieldSpec(name, Kind.ENUM, required, null, null, List.of(values));
    }

    static FieldSpec list(String name, boolean required) {
        return new FieldSpec(name, Kind.STRING_LIST, required, null, null, List.of());
    }
}
