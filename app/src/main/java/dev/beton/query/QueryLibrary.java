package dev.beton.query;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The named queries of one workspace configuration, sorted by id. Signals contribute theirs today;
 * dashboard tiles and backtests add more later. Ids are unique.
 */
public final class QueryLibrary {

    private final Map<String, QueryDefinition> byId;

    private QueryLibrary(Map<String, QueryDefinition> byId) {
        this.byId = byId;
    }

    public static QueryLibrary of(Collection<QueryDefinition> definitions) {
        Map<String, QueryDefinition> byId = new TreeMap<>();
        for (QueryDefinition definition : definitions) {
            if (byId.putIfAbsent(definition.id(), definition) != null) {
                throw new IllegalArgumentException("Two library queries share the id " + definition.id());
            }
        }
        return new QueryLibrary(byId);
    }

    /** This library plus {@code more} (dashboard tiles, backtests); ids stay unique. */
    public QueryLibrary with(Collection<QueryDefinition> more) {
        List<QueryDefinition> all = new java.util.ArrayList<>(byId.values());
        all.addAll(more);
        return of(all);
    }

    /** All definitions, sorted by id. */
    public List<QueryDefinition> all() {
        return List.copyOf(byId.values());
    }

    public Optional<QueryDefinition> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public QueryDefinition get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No library query " + id));
    }
}
