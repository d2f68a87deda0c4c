package dev.beton.emulator.posthog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds evaluator snapshots by hand: events relative to {@link #NOW}, groups and persons. */
final class HogQLWorld {

    static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");

    private final Instant now;
    private final List<CapturedEvent> events = new ArrayList<>();
    private final List<CapturedGroup> groups = new ArrayList<>();
    private final List<CapturedPerson> persons = new ArrayList<>();

    HogQLWorld() {
        this(NOW);
    }

    /** A world whose events are placed relative to {@code now}, which is also the query's now(). */
    HogQLWorld(Instant now) {
        this.now = now;
    }

    HogQLWorld event(
            String name, String distinctId, Duration ago, Map<String, Object> properties, String... groupKeys) {
        Map<Integer, String> keys = new java.util.HashMap<>();
        for (int i = 0; i < groupKeys.length; i++) {
            if (groupKeys[i] != null) {
                keys.put(i, groupKeys[i]);
            }
        }
        events.add(new CapturedEvent(UUID.randomUUID(), 1, name, distinctId, now.minus(ago), properties, keys));
        return this;
    }

    HogQLWorld group(int index, String key, Map<String, Object> properties) {
        groups.add(new CapturedGroup(index, "type" + index, key, properties, now.minus(Duration.ofDays(100))));
        return this;
    }

    HogQLWorld person(Map<String, Object> properties, String... distinctIds) {
        persons.add(new CapturedPerson(List.of(distinctIds), properties));
        return this;
    }

    HogQLEvaluator.Tables tables() {
        return new HogQLEvaluator.Tables(events, List.of("type0", "type1", "type2"), groups, persons);
    }

    HogQLEvaluator.Result run(String sql) {
        return run(sql, Map.of());
    }

    HogQLEvaluator.Result run(String sql, Map<String, Object> values) {
        return new HogQLQueryEvaluator().evaluate(sql, values, tables(), now);
    }

    List<List<Object>> rows(String sql) {
        return run(sql).rows();
    }

    List<List<Object>> rows(String sql, Map<String, Object> values) {
        return run(sql, values).rows();
    }
}
