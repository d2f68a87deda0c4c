package dev.beton.emulator.attio;

import dev.beton.emulator.attio.Schema.AttioObject;
import dev.beton.emulator.attio.Schema.Attribute;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Records of every object with Attio's write rules: required values on create, unique
 * attributes, assert by a matching attribute, and multiselect append (PATCH) versus overwrite
 * (PUT). Only current values are kept; a replaced value is gone rather than historic.
 */
final class RecordStore implements ValueWriter.Lookup {

    enum Mode {
        /** PATCH: multiselect values are added in front of the existing ones. */
        APPEND,
        /** PUT by id: every supplied attribute is replaced. */
        OVERWRITE
    }

    /** Who writes: the token's actor. */
    record Actor(String type, UUID id) {}

    /** A change Attio announces to webhooks: {@code record.created|updated|deleted}, per attribute for updates. */
    record Change(String eventType, AttioObject object, UUID recordId, Optional<UUID> attributeId, Actor actor) {}

    /** Told of every change, inside the store's lock: it must only hand the change on. */
    private volatile java.util.function.Consumer<Change> changes = change -> {};

    void onChange(java.util.function.Consumer<Change> listener) {
        this.changes = listener;
    }

    static final class StoredRecord {
        final UUID id;
        final AttioObject object;
        final Instant createdAt;
        final Map<String, List<Map<String, Object>>> values = new LinkedHashMap<>();
        /** Values that were replaced or removed, with their {@code active_until}. */
        final Map<String, List<Map<String, Object>>> history = new LinkedHashMap<>();

        StoredRecord(UUID id, AttioObject object, Instant createdAt) {
            this.id = id;
            this.object = object;
            this.createdAt = createdAt;
        }
    }

    private final Schema schema;
    private final Clock clock;
    private final Map<String, UUID> members;
    private final ValueWriter writer;
    private final Relationships relationships;
    private final Map<UUID, Map<UUID, StoredRecord>> byObject = new HashMap<>();
    private final UniqueValues unique = new UniqueValues();
    /** Bumped by every write of a record's values, so a reader can tell its copy is current. */
    private long version;

    RecordStore(Schema schema, Clock clock, Map<String, UUID> members) {
        this.schema = schema;
        this.clock = clock;
        this.members = Map.copyOf(members);
        this.writer = new ValueWriter(schema, this);
        this.relationships = new Relationships(
                schema, (object, id) -> Optional.ofNullable(records(object).get(id)));
    }

    synchronized StoredRecord create(AttioObject object, JsonNode values, Actor actor) {
        Map<Attribute, List<Map<String, Object>>> parsed = parse(object, values);
        requireRequired(object, parsed);
        StoredRecord record = new StoredRecord(UUID.randomUUID(), object, clock.instant());
        checkUnique(object, record.id, parsed);
        for (Attribute attribute : schema.attributes(object)) {
            record.values.put(attribute.slug(), new ArrayList<>());
        }
        record.values.put(
                "created_at", List.of(stamp(system("timestamp", "value", Timestamps.format(record.createdAt)), actor)));
        Map<String, Object> creator = system("actor-reference", "referenced_actor_type", actor.type());
        creator.put("referenced_actor_id", actor.id().toString());
        record.values.put("created_by", List.of(stamp(creator, actor)));
        parsed.forEach((attribute, list) -> record.values.put(
                attribute.slug(),
                list.stream().map(v -> stamp(v, actor)).collect(Collectors.toCollection(ArrayList::new))));
        records(object).put(record.id, record);
        version++;
        parsed.keySet().forEach(attribute -> indexUnique(record, attribute, List.of()));
        parsed.keySet().forEach(attribute -> relationships.mirror(record, attribute, Set.of(), v -> stamp(v, actor)));
        changes.accept(new Change("record.created", object, record.id, Optional.empty(), actor));
        return record;
    }

    /**
     * {@code PUT …/records?matching_attribute=}: updates the one record sharing a value of the
     * unique matching attribute, or creates one.
     */
    synchronized StoredRecord assertBy(AttioObject object, String matching, JsonNode values, Actor actor) {
        Attribute match = schema.attribute(object, matching)
                .orElseThrow(() -> AttioProblem.invalid(
                        "value_not_found",
                        "No attribute was found for matching_attribute slug/ID \"" + matching + "\"."));
        if (!match.unique()) {
            throw AttioProblem.invalid(
                    "validation_type", "The matching attribute specified is not a unique attribute.");
        }
        Map<Attribute, List<Map<String, Object>>> parsed = parse(object, values);
        List<Map<String, Object>> wanted = parsed.getOrDefault(match, List.of());
        if (wanted.isEmpty()) {
            throw AttioProblem.invalid(
                    "missing_value", "A value for the matching attribute \"" + match.slug() + "\" was not provided.");
        }
        Set<String> keys = keys(wanted);
        List<StoredRecord> found = records(object).values().stream()
                .filter(r -> keys(r.values.get(match.slug())).stream().anyMatch(keys::contains))
                .toList();
        if (found.size() > 1) {
            throw AttioProblem.invalid(
                    "multiple_match_results", "Multiple records match the value of \"" + match.slug() + "\".");
        }
        if (found.isEmpty()) {
            return create(object, values, actor);
        }
        return merge(found.getFirst(), parsed, Mode.OVERWRITE, Optional.of(match), actor);
    }

    synchronized StoredRecord update(AttioObject object, UUID id, JsonNode values, Mode mode, Actor actor) {
        StoredRecord record = get(object, id).orElseThrow(() -> AttioProblem.recordNotFound(id.toString()));
        return merge(record, parse(object, values), mode, Optional.empty(), actor);
    }

    synchronized Optional<StoredRecord> get(AttioObject object, UUID id) {
        return Optional.ofNullable(records(object).get(id));
    }

    synchronized List<StoredRecord> all(AttioObject object) {
        return List.copyOf(records(object).values());
    }

    /** Changes with every create, update and delete (of any object). */
    synchronized long version() {
        return version;
    }

    synchronized boolean delete(AttioObject object, UUID id) {
        StoredRecord removed = records(object).remove(id);
        if (removed != null) {
            version++;
            unique.forget(id, schema.attributes(object), a -> keys(removed.values.get(a.slug())));
            relationships.forget(removed);
            changes.accept(
                    new Change("record.deleted", object, id, Optional.empty(), new Actor("system", new UUID(0, 0))));
        }
        return removed != null;
    }

    @Override
    public synchronized boolean exists(String objectSlug, UUID recordId) {
        return schema.object(objectSlug)
                .map(o -> records(o).containsKey(recordId))
                .orElse(false);
    }

    @Override
    public synchronized Optional<UUID> findByUnique(String objectSlug, String attributeSlug, String key) {
        return schema.object(objectSlug).stream()
                .flatMap(o -> records(o).values().stream())
                .filter(r -> keys(r.values.get(attributeSlug)).contains(key))
                .map(r -> r.id)
                .findFirst();
    }

    @Override
    public Optional<UUID> member(String email) {
        return Optional.ofNullable(members.get(email));
    }

    private StoredRecord merge(
            StoredRecord record,
            Map<Attribute, List<Map<String, Object>>> parsed,
            Mode mode,
            Optional<Attribute> matching,
            Actor actor) {
        checkUnique(record.object, record.id, parsed);
        version++;
        parsed.forEach((attribute, incoming) -> {
            List<Map<String, Object>> current = record.values.getOrDefault(attribute.slug(), List.of());
            boolean keepExisting = attribute.multiselect()
                    && (mode == Mode.APPEND
                            || matching.filter(attribute::equals).isPresent());
            Set<UUID> before = Relationships.targets(record, attribute);
            List<Map<String, Object>> after = combine(current, incoming, keepExisting, actor);
            retire(record, attribute, current, after);
            record.values.put(attribute.slug(), after);
            indexUnique(record, attribute, current);
            relationships.mirror(record, attribute, before, v -> stamp(v, actor));
            if (!keys(current).equals(keys(after))) {
                changes.accept(
                        new Change("record.updated", record.object, record.id, Optional.of(attribute.id()), actor));
            }
        });
        return record;
    }

    /**
     * New values go first; a value equal to a current one keeps its {@code active_from}. When
     * {@code keepExisting}, current values stay after the new ones, otherwise they are replaced.
     */
    /** Values no longer current are kept as history, ended now. */
    private void retire(
            StoredRecord record,
            Attribute attribute,
            List<Map<String, Object>> before,
            List<Map<String, Object>> after) {
        for (Map<String, Object> value : before) {
            if (after.stream().noneMatch(v -> v == value)) {
                Map<String, Object> ended = new LinkedHashMap<>(value);
                ended.put("active_until", Timestamps.format(clock.instant()));
                record.history
                        .computeIfAbsent(attribute.slug(), k -> new ArrayList<>())
                        .add(ended);
            }
        }
    }

    private List<Map<String, Object>> combine(
            List<Map<String, Object>> current, List<Map<String, Object>> incoming, boolean keepExisting, Actor actor) {
        List<Map<String, Object>> result = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Map<String, Object> value : incoming) {
            String key = key(value);
            if (seen.add(key)) {
                result.add(current.stream()
                        .filter(c -> key(c).equals(key))
                        .findFirst()
                        .orElseGet(() -> stamp(value, actor)));
            }
        }
        if (keepExisting) {
            current.stream().filter(c -> seen.add(key(c))).forEach(result::add);
        }
        return result;
    }

    private Map<Attribute, List<Map<String, Object>>> parse(AttioObject object, JsonNode values) {
        if (!values.isObject()) {
            throw AttioProblem.invalid("validation_type", "Body must have data.values as an object.");
        }
        Map<Attribute, List<Map<String, Object>>> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            Attribute attribute = schema.attribute(object, entry.getKey())
                    .orElseThrow(() -> AttioProblem.invalid(
                            "value_not_found", "Cannot find attribute with slug/ID \"" + entry.getKey() + "\"."));
            if (!attribute.writable()) {
                throw AttioProblem.invalid(
                        "immutable_value", "Attribute \"" + attribute.slug() + "\" cannot be written to.");
            }
            parsed.put(attribute, writer.read(attribute, entry.getValue()));
        }
        return parsed;
    }

    private void requireRequired(AttioObject object, Map<Attribute, List<Map<String, Object>>> parsed) {
        for (Attribute attribute : schema.attributes(object)) {
            if (attribute.required()
                    && parsed.getOrDefault(attribute, List.of()).isEmpty()) {
                throw AttioProblem.invalid(
                        "missing_value",
                        "Required value for attribute with ID \"" + attribute.id() + "\" was not provided.");
            }
        }
    }

    private void checkUnique(AttioObject object, UUID self, Map<Attribute, List<Map<String, Object>>> parsed) {
        parsed.forEach((attribute, incoming) -> {
            if (!attribute.unique()) {
                return;
            }
            Optional<UUID> clash = unique.holder(attribute, keys(incoming), self, id -> Optional.ofNullable(
                            records(object).get(id))
                    .map(r -> keys(r.values.get(attribute.slug())))
                    .orElse(Set.of()));
            if (clash.isPresent()) {
                throw AttioProblem.invalid(
                        "uniqueness_conflict",
                        "A record already has a value of unique attribute \"" + attribute.slug() + "\" given here.");
            }
        });
    }

    private void indexUnique(StoredRecord record, Attribute attribute, List<Map<String, Object>> before) {
        if (attribute.unique()) {
            unique.changed(attribute, record.id, keys(before), keys(record.values.get(attribute.slug())));
        }
    }

    private Map<String, Object> stamp(Map<String, Object> value, Actor actor) {
        Map<String, Object> stamped = new LinkedHashMap<>();
        stamped.put("active_from", Timestamps.format(clock.instant()));
        stamped.put("active_until", null);
        Map<String, Object> by = new LinkedHashMap<>();
        by.put("type", actor.type());
        by.put("id", actor.id().toString());
        stamped.put("created_by_actor", by);
        value.forEach((k, v) -> {
            if (!k.equals("attribute_type")) {
                stamped.put(k, v);
            }
        });
        stamped.put("attribute_type", value.get("attribute_type"));
        return stamped;
    }

    private static Map<String, Object> system(String type, String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        map.put("attribute_type", type);
        return map;
    }

    private static Set<String> keys(List<Map<String, Object>> values) {
        return values == null ? Set.of() : values.stream().map(RecordStore::key).collect(Collectors.toSet());
    }

    private static String key(Map<String, Object> value) {
        return ValueKeys.comparable(ValueKeys.identity(value));
    }

    private Map<UUID, StoredRecord> records(AttioObject object) {
        return byObject.computeIfAbsent(object.id(), k -> new LinkedHashMap<>());
    }
}
