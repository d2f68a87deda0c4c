package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioGate.Kind.READ;
import static dev.beton.emulator.attio.AttioGate.Kind.WRITE;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Router;
import dev.beton.emulator.attio.RecordStore.Actor;
import dev.beton.emulator.attio.Schema.AttioObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Notes on records. There is no idempotency key: creating the same note twice makes two notes,
 * as in Attio. Listing defaults to 10 per page and caps at 50.
 */
final class NoteRoutes {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;
    private static final Set<String> FORMATS = Set.of("plaintext", "markdown");

    private record Note(
            UUID id,
            AttioObject parent,
            UUID parentRecordId,
            String title,
            String plaintext,
            String markdown,
            Instant createdAt,
            Actor actor) {}

    private final Schema schema;
    private final RecordStore records;
    private final AttioGate gate;
    private final Clock clock;
    private final List<Note> notes = new ArrayList<>();

    NoteRoutes(Schema schema, RecordStore records, AttioGate gate, Clock clock) {
        this.schema = schema;
        this.records = records;
        this.gate = gate;
        this.clock = clock;
    }

    void register(Router router) {
        router.route(
                "POST",
                "/v2/notes",
                gate.guard(
                        WRITE,
                        List.of("note:read-write", "object_configuration:read", "record_permission:read"),
                        this::create));
        router.route(
                "GET",
                "/v2/notes",
                gate.guard(
                        READ, List.of("note:read", "object_configuration:read", "record_permission:read"), this::list));
    }

    List<String> titlesOf(UUID parentRecordId) {
        synchronized (notes) {
            return notes.stream()
                    .filter(n -> n.parentRecordId().equals(parentRecordId))
                    .map(Note::title)
                    .toList();
        }
    }

    private EmulatorResponse create(EmulatorRequest request, AttioToken token) {
        JsonNode data = request.json().path("data");
        for (String field : List.of("parent_object", "parent_record_id", "title", "format", "content")) {
            if (!data.path(field).isString()) {
                throw AttioProblem.invalid("validation_type", "Body is missing data." + field + ".");
            }
        }
        String format = data.get("format").asString();
        if (!FORMATS.contains(format)) {
            throw AttioProblem.invalid(
                    "validation_type", "format must be plaintext or markdown, got \"" + format + "\".");
        }
        AttioObject parent = schema.object(data.get("parent_object").asString())
                .orElseThrow(() ->
                        AttioProblem.objectNotFound(data.get("parent_object").asString()));
        UUID parentId = parentRecord(parent, data.get("parent_record_id").asString());
        String content = data.get("content").asString();
        Note note = new Note(
                UUID.randomUUID(),
                parent,
                parentId,
                data.get("title").asString(),
                format.equals("markdown") ? Markdown.toPlaintext(content) : content,
                content,
                createdAt(data),
                RecordRoutes.actor(token));
        synchronized (notes) {
            notes.add(note);
        }
        return EmulatorResponse.json(200, Map.of("data", json(note)));
    }

    private EmulatorResponse list(EmulatorRequest request, AttioToken token) {
        int limit = Math.min(MAX_LIMIT, QueryParams.nonNegative(request, "limit", DEFAULT_LIMIT));
        int offset = QueryParams.nonNegative(request, "offset", 0);
        String parentObject = request.queryParam("parent_object").orElse(null);
        String parentRecord = request.queryParam("parent_record_id").orElse(null);
        List<Map<String, Object>> page;
        synchronized (notes) {
            page = notes.stream()
                    .filter(n -> parentObject == null
                            || n.parent().slug().equals(parentObject)
                            || n.parent().id().toString().equals(parentObject))
                    .filter(n -> parentRecord == null
                            || n.parentRecordId().toString().equals(parentRecord))
                    .skip(offset)
                    .limit(limit)
                    .map(this::json)
                    .toList();
        }
        return EmulatorResponse.json(200, Map.of("data", page));
    }

    private UUID parentRecord(AttioObject parent, String idText) {
        try {
            UUID id = UUID.fromString(idText);
            if (records.get(parent, id).isPresent()) {
                return id;
            }
        } catch (IllegalArgumentException notUuid) {
            // answered below like any unknown record
        }
        throw AttioProblem.recordNotFound(idText);
    }

    /** An optional backdate; never in the future and not before 1970. */
    private Instant createdAt(JsonNode data) {
        if (!data.path("created_at").isString()) {
            return clock.instant();
        }
        Instant at = ScalarValues.instant(
                new Schema.Attribute(
                        null,
                        null,
                        "created_at",
                        "",
                        "timestamp",
                        true,
                        true,
                        false,
                        false,
                        false,
                        List.of(),
                        List.of()),
                data.get("created_at"));
        if (at.isAfter(clock.instant()) || at.isBefore(Instant.EPOCH)) {
            throw AttioProblem.invalid("validation_type", "created_at must be between 1970 and now.");
        }
        return at;
    }

    private Map<String, Object> json(Note note) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("workspace_id", schema.workspaceId.toString());
        id.put("note_id", note.id().toString());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("type", note.actor().type());
        actor.put("id", note.actor().id().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("parent_object", note.parent().slug());
        body.put("parent_record_id", note.parentRecordId().toString());
        body.put("title", note.title());
        body.put("meeting_id", null);
        body.put("content_plaintext", note.plaintext());
        body.put("content_markdown", note.markdown());
        body.put("tags", List.of());
        body.put("created_by_actor", actor);
        body.put("created_at", Timestamps.format(note.createdAt()));
        return body;
    }

    /** The markdown subset Attio stores, reduced to its text. */
    static final class Markdown {

        private Markdown() {}

        static String toPlaintext(String markdown) {
            return markdown.lines()
                    .map(line -> line.replaceFirst("^#{1,3}\\s+", "")
                            .replaceFirst("^(\\s*)[-*+]\\s+", "$1")
                            .replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
                            .replaceAll("(\\*\\*|~~|==|\\*)", ""))
                    .reduce((a, b) -> a + "\n" + b)
                    .orElse("");
        }
    }
}
