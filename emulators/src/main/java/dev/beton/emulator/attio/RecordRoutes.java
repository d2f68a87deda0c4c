package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioGate.Kind.READ;
import static dev.beton.emulator.attio.AttioGate.Kind.WRITE;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Router;
import dev.beton.emulator.attio.RecordStore.Actor;
import dev.beton.emulator.attio.RecordStore.StoredRecord;
import dev.beton.emulator.attio.Schema.AttioObject;
import dev.beton.emulator.attio.Schema.Attribute;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Records: query, get, create, assert, update (append or overwrite) and delete. */
final class RecordRoutes {

    static final int DEFAULT_QUERY_LIMIT = 500;
    private static final List<String> READ_SCOPES = List.of("record_permission:read", "object_configuration:read");
    private static final List<String> WRITE_SCOPES =
            List.of("record_permission:read-write", "object_configuration:read");

    private final Schema schema;
    private final RecordStore store;
    private final AttioGate gate;
    private final AttioJson json;
    private final LastAnswers lastAnswers = new LastAnswers();

    RecordRoutes(Schema schema, RecordStore store, AttioGate gate, AttioJson json) {
        this.schema = schema;
        this.store = store;
        this.gate = gate;
        this.json = json;
    }

    void register(Router router) {
        String records = "/v2/objects/{object}/records";
        // A query only reads, although it is a POST.
        router.route("POST", records + "/query", gate.guard(READ, READ_SCOPES, locked(this::query)));
        router.route("POST", records, gate.guard(WRITE, WRITE_SCOPES, locked(this::create)));
        router.route("PUT", records, gate.guard(WRITE, WRITE_SCOPES, locked(this::assertRecord)));
        router.route("GET", records + "/{record_id}", gate.guard(READ, READ_SCOPES, locked(this::get)));
        router.route(
                "PATCH",
                records + "/{record_id}",
                gate.guard(WRITE, WRITE_SCOPES, locked((r, t) -> update(r, t, RecordStore.Mode.APPEND))));
        router.route(
                "PUT",
                records + "/{record_id}",
                gate.guard(WRITE, WRITE_SCOPES, locked((r, t) -> update(r, t, RecordStore.Mode.OVERWRITE))));
        router.route(
                "GET",
                records + "/{record_id}/attributes/{attribute}/values",
                gate.guard(READ, READ_SCOPES, locked(this::values)));
        router.route("DELETE", records + "/{record_id}", gate.guard(WRITE, WRITE_SCOPES, locked(this::delete)));
    }

    /**
     * Runs a handler holding the store's lock, so a record is not changed by another request
     * between being written or filtered and being rendered.
     */
    private AttioGate.Handler locked(AttioGate.Handler handler) {
        return (request, token) -> {
            synchronized (store) {
                return handler.handle(request, token);
            }
        };
    }

    private EmulatorResponse query(EmulatorRequest request, AttioToken token) {
        AttioObject object = object(request);
        JsonNode body = request.json();
        var filter = new RecordFilter(schema, object).parse(body.path("filter"));
        int limit = body.path("limit").isNumber() ? body.get("limit").asInt() : DEFAULT_QUERY_LIMIT;
        int offset = body.path("offset").isNumber() ? body.get("offset").asInt() : 0;
        if (limit < 0 || offset < 0) {
            throw AttioProblem.invalid("validation_type", "limit and offset must not be negative.");
        }
        String question = object.id() + "\n" + body.path("filter") + "\n" + body.path("sorts");
        List<StoredRecord> ordered = lastAnswers.get(
                question,
                store.version(),
                () -> Sorts.sorted(store.all(object).stream().filter(filter).toList(), body.path("sorts")));
        List<StoredRecord> matching = ordered.subList(
                Math.min(offset, ordered.size()), (int) Math.min((long) offset + limit, ordered.size()));
        return EmulatorResponse.json(
                200, Map.of("data", matching.stream().map(json::record).toList()));
    }

    private EmulatorResponse get(EmulatorRequest request, AttioToken token) {
        AttioObject object = object(request);
        StoredRecord record = store.get(object, recordId(request)).orElseThrow(() -> notFound(request));
        return EmulatorResponse.json(200, Map.of("data", json.record(record)));
    }

    /** A value's history, oldest first; current values only unless {@code show_historic=true}. */
    private EmulatorResponse values(EmulatorRequest request, AttioToken token) {
        AttioObject object = object(request);
        StoredRecord record = store.get(object, recordId(request)).orElseThrow(() -> notFound(request));
        String slug = request.pathParam("attribute");
        Attribute attribute = schema.attribute(object, slug)
                .orElseThrow(() -> AttioProblem.notFound("Attribute with slug/ID \"" + slug + "\" not found."));
        List<Map<String, Object>> all =
                new java.util.ArrayList<>(record.values.getOrDefault(attribute.slug(), List.of()));
        if (request.queryParam("show_historic").map(Boolean::parseBoolean).orElse(false)) {
            all.addAll(record.history.getOrDefault(attribute.slug(), List.of()));
        }
        all.sort(Comparator.comparing(v -> String.valueOf(v.get("active_from"))));
        int offset = Math.min(QueryParams.nonNegative(request, "offset", 0), all.size());
        int limit = QueryParams.nonNegative(request, "limit", all.size());
        return EmulatorResponse.json(200, Map.of("data", all.subList(offset, Math.min(all.size(), offset + limit))));
    }

    private EmulatorResponse create(EmulatorRequest request, AttioToken token) {
        AttioObject object = object(request);
        StoredRecord record = store.create(object, values(request), actor(token));
        return EmulatorResponse.json(200, Map.of("data", json.record(record)));
    }

    private EmulatorResponse assertRecord(EmulatorRequest request, AttioToken token) {
        AttioObject object = object(request);
        String matching = request.queryParam("matching_attribute")
                .orElseThrow(() ->
                        AttioProblem.invalid("validation_type", "Query parameter matching_attribute is required."));
        StoredRecord record = store.assertBy(object, matching, values(request), actor(token));
        return EmulatorResponse.json(200, Map.of("data", json.record(record)));
    }

    private EmulatorResponse update(EmulatorRequest request, AttioToken token, RecordStore.Mode mode) {
        AttioObject object = object(request);
        UUID id = recordId(request);
        if (store.get(object, id).isEmpty()) {
            throw notFound(request);
        }
        StoredRecord record = store.update(object, id, values(request), mode, actor(token));
        return EmulatorResponse.json(200, Map.of("data", json.record(record)));
    }

    private EmulatorResponse delete(EmulatorRequest request, AttioToken token) {
        if (!store.delete(object(request), recordId(request))) {
            throw notFound(request);
        }
        return EmulatorResponse.json(200, Map.of());
    }

    private static JsonNode values(EmulatorRequest request) {
        JsonNode values = request.json().path("data").path("values");
        if (!values.isObject()) {
            throw AttioProblem.invalid("validation_type", "Body must be {\"data\":{\"values\":{…}}}.");
        }
        return values;
    }

    private AttioObject object(EmulatorRequest request) {
        String slug = request.pathParam("object");
        return schema.object(slug).orElseThrow(() -> AttioProblem.objectNotFound(slug));
    }

    private static UUID recordId(EmulatorRequest request) {
        try {
            return UUID.fromString(request.pathParam("record_id"));
        } catch (IllegalArgumentException e) {
            throw notFound(request);
        }
    }

    private static AttioProblem notFound(EmulatorRequest request) {
        return AttioProblem.recordNotFound(request.pathParam("record_id"));
    }

    static Actor actor(AttioToken token) {
        return new Actor(
                "api-token",
                UUID.nameUUIDFromBytes(("token/" + token.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** {@code sorts: [{attribute, direction, field?}]}; records without a value sort last. */
    static final class Sorts {

        private Sorts() {}

        /**
         * The records in the sorts' order. Each record's sort values are read (and timestamps
         * parsed) once, not in every comparison: a page of a large object sorted every record
         * with two timestamp parses per comparison, which made reading it cost more than what
         * the client did with it.
         */
        static List<StoredRecord> sorted(List<StoredRecord> records, JsonNode sorts) {
            if (!sorts.isArray() || sorts.isEmpty()) {
                return records;
            }
            record Sort(String attribute, String field, boolean descending) {}
            List<Sort> specs = new java.util.ArrayList<>();
            for (JsonNode sort : sorts.values()) {
                specs.add(new Sort(
                        sort.path("attribute").asString(""),
                        sort.path("field").asString(""),
                        "desc".equals(sort.path("direction").asString("asc"))));
            }
            record Keyed(StoredRecord record, Ordering.Parsed[] keys) {}
            List<Keyed> keyed = new java.util.ArrayList<>(records.size());
            for (StoredRecord r : records) {
                Ordering.Parsed[] keys = new Ordering.Parsed[specs.size()];
                for (int i = 0; i < keys.length; i++) {
                    Object key = key(r, specs.get(i).attribute(), specs.get(i).field());
                    keys[i] = key == null ? null : Ordering.parsed(key);
                }
                keyed.add(new Keyed(r, keys));
            }
            Comparator<Keyed> order = (a, b) -> 0;
            for (int i = 0; i < specs.size(); i++) {
                int at = i;
                Comparator<Keyed> one =
                        Comparator.comparing(k -> k.keys()[at], Comparator.nullsLast(Ordering::compare));
                order = order.thenComparing(specs.get(i).descending() ? one.reversed() : one);
            }
            keyed.sort(order);
            return keyed.stream().map(Keyed::record).toList();
        }

        private static Object key(StoredRecord record, String attribute, String field) {
            List<Map<String, Object>> values = record.values.getOrDefault(attribute, List.of());
            if (values.isEmpty()) {
                return null;
            }
            return field.isEmpty() ? ValueKeys.identity(values.getFirst()) : ValueKeys.field(values.getFirst(), field);
        }
    }

    /**
     * The ordered matches of the last few distinct queries, for as long as no record changes. A
     * client paging through an object asks the same question once per page; filtering and sorting
     * every record again for each page made reading N records cost O(N²) here (at 60,000 records,
     * 70 % of the CPU samples during the benchmark's sync), which real Attio does not charge.
     */
    static final class LastAnswers {
        private static final int KEPT = 8;
        private final Map<String, Answer> answers = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > KEPT;
            }
        };

        private record Answer(long version, List<StoredRecord> records) {}

        /** Called under the store's lock, so the version and the records it answers for agree. */
        List<StoredRecord> get(String question, long version, java.util.function.Supplier<List<StoredRecord>> ask) {
            Answer answer = answers.get(question);
            if (answer == null || answer.version() != version) {
                answer = new Answer(version, List.copyOf(ask.get()));
                answers.put(question, answer);
            }
            return answer.records();
        }
    }
}
