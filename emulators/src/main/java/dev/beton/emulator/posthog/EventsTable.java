package dev.beton.emulator.posthog;

import dev.beton.emulator.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    EventsTable(HogQLEvaluator.Tables tables) {
        for (CapturedPerson person : tables.persons()) {
            person.distinctIds().forEach(id -> personsByDistinctId.put(id, person));
        }
        for (CapturedGroup group : tables.groups()) {
            groups.put(group.groupTypeIndex() + "\u0000" + group.key(), group);
        }
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

    static HogQLType type(List<String> path) {
        String head = path.getFirst();
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
            return event.groupKeys().getOrDefault(Integer.parseInt(key.group(1)), "");
        }
        Matcher join = GROUP_JOIN.matcher(head);
        if (!join.matches()) {
            throw unknown(head);
        }
        int index = Integer.parseInt(join.group(1));
        CapturedGroup group = groups.get(index + "\u0000" + event.groupKeys().getOrDefault(index, ""));
        return switch (rest.getFirst()) {
            case "properties" -> group == null ? null : properties(group.properties(), rest.subList(1, rest.size()));
            case "key" -> rest.size() == 1 && group != null ? group.key() : null;
            case "created_at" -> rest.size() == 1 && group != null ? group.createdAt() : null;
            default -> throw unknown(head + "." + String.join(".", rest));
        };
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
