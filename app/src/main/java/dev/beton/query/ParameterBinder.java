package dev.beton.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects the parameters of one rendering and refuses one name bound to two different values. */
final class ParameterBinder {

    private final Instant asOf;
    private final List<RenderedQuery.BoundParameter> bound = new ArrayList<>();
    private final Map<String, Object> byName = new HashMap<>();

    ParameterBinder(Instant asOf) {
        this.asOf = asOf;
    }

    Instant asOf() {
        return asOf;
    }

    /** Records a use of {@code name}; returns true on its first use. */
    boolean use(String name, Object rawValue, Object driverValue, boolean everyOccurrence) {
        Object previous = byName.putIfAbsent(name, rawValue);
        if (previous != null && !previous.equals(rawValue)) {
            throw new IllegalArgumentException(
                    "Parameter " + name + " is bound to two different values: " + previous + " and " + rawValue);
        }
        boolean first = previous == null;
        if (first || everyOccurrence) {
            bound.add(new RenderedQuery.BoundParameter(name, driverValue));
        }
        return first;
    }

    List<RenderedQuery.BoundParameter> bound() {
        return bound;
    }
}
