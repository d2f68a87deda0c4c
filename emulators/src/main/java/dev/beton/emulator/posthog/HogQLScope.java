package dev.beton.emulator.posthog;

import dev.beton.emulator.posthog.HogQLSyntax.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources of one SELECT (its FROM and joins) and how a field name finds its source: a
 * qualified name by alias ({@code a.account}, {@code events.event}), an unqualified one by the
 * single source that has it. A row of the scope holds one entry per source: a {@link
 * CapturedEvent}, or a relation row ({@code List<Object>}).
 */
final class HogQLScope {

    /** A named table of rows: a CTE or subquery result. */
    record Relation(List<String> columns, List<HogQLType> types, List<List<Object>> rows) {

        List<Object> defaults() {
            return types.stream().map(HogQLType::defaultValue).toList();
        }
    }

    sealed interface Binding permits Events, Rows {
        String alias();
    }

    record Events(String alias, EventsTable table) implements Binding {}

    record Rows(String alias, Relation relation) implements Binding {}

    private record Location(int source, List<String> path) {}

    private final List<Binding> bindings = new ArrayList<>();
    private final Map<Field, Location> located = new HashMap<>();

    void add(Binding binding) {
        if (bindings.stream().anyMatch(b -> !b.alias().isEmpty() && b.alias().equals(binding.alias()))) {
            throw HogQLError.query("Table alias " + binding.alias() + " is used twice");
        }
        bindings.add(binding);
    }

    Binding binding(int index) {
        return bindings.get(index);
    }

    int size() {
        return bindings.size();
    }

    Object value(Field field, List<Object> row) {
        Location location = locate(field);
        return switch (bindings.get(location.source())) {
            case Events events -> events.table().value((CapturedEvent) row.get(location.source()), location.path());
            case Rows rows -> {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) row.get(location.source());
                yield values.get(
                        rows.relation().columns().indexOf(location.path().getFirst()));
            }
        };
    }

    HogQLType type(Field field) {
        Location location = locate(field);
        return switch (bindings.get(location.source())) {
            case Events events -> events.table().type(location.path());
            case Rows rows ->
                rows.relation()
                        .types()
                        .get(rows.relation().columns().indexOf(location.path().getFirst()));
        };
    }

    private Location locate(Field field) {
        Location known = located.get(field);
        if (known != null) {
            return known;
        }
        Location location = find(field.path());
        located.put(field, location);
        return location;
    }

    private Location find(List<String> path) {
        if (path.size() > 1) {
            for (int i = 0; i < bindings.size(); i++) {
                if (bindings.get(i).alias().equals(path.getFirst())
                        && has(bindings.get(i), path.subList(1, path.size()))) {
                    return new Location(i, path.subList(1, path.size()));
                }
            }
        }
        Location found = null;
        for (int i = 0; i < bindings.size(); i++) {
            if (has(bindings.get(i), path)) {
                if (found != null) {
                    throw HogQLError.query("Ambiguous field: " + String.join(".", path));
                }
                found = new Location(i, path);
            }
        }
        if (found == null) {
            throw EventsTable.unknown(String.join(".", path));
        }
        return found;
    }

    private static boolean has(Binding binding, List<String> path) {
        return switch (binding) {
            case Events events -> EventsTable.knows(path);
            case Rows rows -> path.size() == 1 && rows.relation().columns().contains(path.getFirst());
        };
    }
}
