package dev.beton.emulator.posthog;

import dev.beton.emulator.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HogQL's {@code events} table over captured events, with its lazy joins: {@code person} (the
 * person of the event's distinct id, as it is now) and {@code group_N} (the group whose key is the
 * event's {@code $group_N}, with the properties {@code $groupidentify} left). Property access
 * reads JSON as HogQL does: text, NULL when missing.
 */
final class EventsTable {

    private static final Pattern GROUP_KEY = Pattern.compile("\\$group_([0-4])");
    private static final Pattern GROUP_JOIN = Pattern.compile("group_([0-4])");

    private final Map<String, CapturedPerson> personsByDistinctId = new HashMap<>();
    private final Map<String, CapturedGroup> groups = new HashMap<>();
    private final List<Instant> groupTypesCreatedAt;
    private final PropertyDefinitions definitions;
    private final ZoneId timezone;

    EventsTable(HogQLEvaluator.Tables tables) {
        this.groupTypesCreatedAt = tables.groupTypesCreatedAt();
        this.definitions = tables.definitions();
        this.timezone = tables.timezone();
        for (CapturedPerson person : tables.persons()) {
            person.distinctIds().forEach(id -> personsByDistinctId.put(id, person));
        }
        for (CapturedGroup group : tables.groups()) {
            groups.put(group.groupTypeIndex() + "\u0000" + group.key(), group);
        }
    }

    /**
     * HogQL's {@code groups} table as PostHog has it: one row per group with its properties as they
     * are now (merged {@code $group_set}s) — {@code index}, {@code key}, {@code created_at},
     * {@code updated_at} (the emulator keeps no update time: the creation time) and {@code properties}
     * (JSON text).
     */
    HogQLScope.Relation groupsTable() {
        List<List<Object>> rows = new java.util.ArrayList<>();
        groups.values().stream()
                .sorted(java.util.Comparator.comparing(CapturedGroup::groupTypeIndex)
                        .thenComparing(CapturedGroup::key))
                .forEach(g -> rows.add(java.util.Arrays.asList(
                        (long) g.groupTypeIndex(), g.key(), g.createdAt(), g.createdAt(), Json.write(g.properties()))));
        return new HogQLScope.Relation(
                List.of("index", "key", "created_at", "updated_at", "properties"),
                List.of(HogQLType.INT64, HogQLType.STRING, HogQLType.DATETIME, HogQLType.DATETIME, HogQLType.STRING),
                rows);
    }

    /** Whether {@code path} names something on the table (so an unqualified name can be resolved). */
    static boolean knows(List<String> path) {
        String head = path.getFirst();
        return switch (head) {
            case "uuid", "event", "distinct_id", "timestamp", "created_at", "person_id", "$session_id", "$window_id" ->
                path.size() == 1;
            case "properties" -> true;
            case "person" -> path.size() >= 2;
            default ->
                (GROUP_KEY.matcher(head).matches() && path.size() == 1)
                        || (GROUP_JOIN.matcher(head).matches() && path.size() >= 2);
        };
    }

    HogQLType type(List<String> path) {
        String head = path.getFirst();
        Optional<PropertyDefinitions.Key> typed = typedKey(path);
        if (typed.isPresent()) {
            switch (definitions.type(typed.get()).orElse(PostHogPropertyType.STRING)) {
                case NUMERIC -> {
                    return HogQLType.FLOAT64.orNull();
                }
                case DATETIME -> {
                    return HogQLType.DATETIME.orNull();
                }
                case BOOLEAN -> {
                    return HogQLType.BOOL.orNull();
                }
                case STRING -> {
                    // the text, as below
                }
            }
        }
        return switch (head) {
            case "uuid", "person_id" -> HogQLType.UUID;
            case "event", "distinct_id" -> HogQLType.STRING;
            case "timestamp", "created_at" -> HogQLType.DATETIME;
            default -> {
                if (GROUP_KEY.matcher(head).matches()) {
                    yield HogQLType.STRING;
                }
                if (path.getLast().equals("created_at")) {
                    yield HogQLType.DATETIME.orNull();
                }
                yield HogQLType.NULLABLE_STRING;
            }
        };
    }

    Object value(CapturedEvent event, List<String> path) {
        Object value = untyped(event, path);
        Optional<PropertyDefinitions.Key> typed = typedKey(path);
        return typed.isEmpty() ? value : typed(typed.get(), value);
    }

    /**
     * The definition that types this access, if it is one HogQL types: {@code properties.x}, {@code
     * person.properties.x} and {@code group_N.properties.x}, one name deep
     * ({@code posthog/hogql/transforms/property_types.py} swaps only a chain of length one; nested
     * paths such as {@code properties.$group_set.plan} stay text).
     */
    private static Optional<PropertyDefinitions.Key> typedKey(List<String> path) {
        String head = path.getFirst();
        if (head.equals("properties") && path.size() == 2) {
            return Optional.of(PropertyDefinitions.Key.event(path.get(1)));
        }
        if (head.equals("person") && path.size() == 3 && path.get(1).equals("properties")) {
            return Optional.of(PropertyDefinitions.Key.person(path.get(2)));
        }
        Matcher join = GROUP_JOIN.matcher(head);
        if (join.matches() && path.size() == 3 && path.get(1).equals("properties")) {
            return Optional.of(PropertyDefinitions.Key.group(Integer.parseInt(join.group(1)), path.get(2)));
        }
        return Optional.empty();
    }

    /**
     * The casts of {@code PropertySwapper}: Numeric {@code toFloat} (NULL when not a number),
     * DateTime {@code toDateTime} (text without a zone read in the project's zone), Boolean {@code
     * toBool(transform(toString(x), ['true','false'], [1,0], NULL))}.
     */
    private Object typed(PropertyDefinitions.Key key, Object text) {
        if (!(text instanceof String s)) {
            return text;
        }
        return switch (definitions.type(key).orElse(PostHogPropertyType.STRING)) {
            case STRING -> s;
            case NUMERIC -> HogQLValues.parseNumber(s).orElse(null);
            case DATETIME -> HogQLValues.parseInstant(s, timezone).orElse(null);
            case BOOLEAN -> s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
        };
    }

    private Object untyped(CapturedEvent event, List<String> path) {
        String head = path.getFirst();
        List<String> rest = path.subList(1, path.size());
        return switch (head) {
            case "uuid" -> event.uuid().toString();
            case "event" -> event.event();
            case "distinct_id" -> event.distinctId();
            case "timestamp", "created_at" -> event.timestamp();
            case "person_id" -> personId(event.distinctId());
            case "$session_id", "$window_id" ->
                HogQLValues.propertyText(event.properties().get(head));
            case "properties" -> properties(event.properties(), rest);
            case "person" -> person(event.distinctId(), rest);
            default -> groupValue(event, head, rest);
        };
    }

    private Object groupValue(CapturedEvent event, String head, List<String> rest) {
        Matcher key = GROUP_KEY.matcher(head);
        if (key.matches()) {
            return groupKey(event, Integer.parseInt(key.group(1)));
        }
        Matcher join = GROUP_JOIN.matcher(head);
        if (!join.matches()) {
            throw unknown(head);
        }
        int index = Integer.parseInt(join.group(1));
        CapturedGroup group = groups.get(index + "\u0000" + groupKey(event, index));
        return switch (rest.getFirst()) {
            case "properties" -> group == null ? null : properties(group.properties(), rest.subList(1, rest.size()));
            case "key" -> rest.size() == 1 && group != null ? group.key() : null;
            case "created_at" -> rest.size() == 1 && group != null ? group.createdAt() : null;
            default -> throw unknown(head + "." + String.join(".", rest));
        };
    }

    /**
     * The event's {@code $group_N}, or {@code ''} when the event is older than the group type:
     * PostHog's HogQL blanks the key of events whose timestamp predates the type's {@code
     * created_at} (see PostHog PR #64265), so they belong to no group.
     */
    private String groupKey(CapturedEvent event, int index) {
        String key = event.groupKeys().getOrDefault(index, "");
        if (index < groupTypesCreatedAt.size()
                && groupTypesCreatedAt.get(index) != null
                && event.timestamp().isBefore(groupTypesCreatedAt.get(index))) {
            return "";
        }
        return key;
    }

    private Object person(String distinctId, List<String> rest) {
        CapturedPerson person = personsByDistinctId.get(distinctId);
        return switch (rest.getFirst()) {
            case "properties" -> person == null ? null : properties(person.properties(), rest.subList(1, rest.size()));
            case "id" -> rest.size() == 1 ? personId(distinctId) : null;
            default -> throw unknown("person." + String.join(".", rest));
        };
    }

    /**
     * PostHog gives every event a person id, also to events that create no profile. The emulator
     * derives it from the person's first distinct id, so aliased ids share one person.
     */
    private String personId(String distinctId) {
        CapturedPerson person = personsByDistinctId.get(distinctId);
        String first = person == null ? distinctId : person.distinctIds().getFirst();
        return UUID.nameUUIDFromBytes(first.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Object properties(Map<String, Object> properties, List<String> path) {
        if (path.isEmpty()) {
            return Json.write(properties);
        }
        return HogQLValues.dig(properties, path).map(HogQLValues::propertyText).orElse(null);
    }

    static HogQLError unknown(String name) {
        return HogQLError.query("Unable to resolve field: " + name);
    }
}
