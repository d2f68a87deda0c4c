package dev.beton.emulator.posthog;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Json;
import dev.beton.emulator.Router;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Public ingestion as capture-rs answers it: the project token travels in the body, errors are
 * plain text, nothing is rate limited, and an unknown {@code phc_} token is accepted and dropped.
 */
final class CaptureRoutes {

    private static final int EVENT_ROUTE_LIMIT = 2 * 1024 * 1024;
    private static final int BATCH_ROUTE_LIMIT = 20 * 1024 * 1024;
    /** Kafka's default {@code message.max.bytes}: larger events are refused. */
    private static final int EVENT_LIMIT = 1_000_000;

    private final PostHogState state;
    private final EventIngestion ingestion;

    CaptureRoutes(PostHogState state) {
        this.state = state;
        this.ingestion = new EventIngestion(state.clock);
    }

    void register(Router router) {
        for (String path : List.of("/i/v0/e/", "/e/", "/capture/", "/track/", "/engage/")) {
            router.route("POST", path, request -> capture(request, EVENT_ROUTE_LIMIT));
        }
        router.route("POST", "/batch/", request -> capture(request, BATCH_ROUTE_LIMIT));
    }

    private EmulatorResponse capture(EmulatorRequest request, int bodyLimit) {
        if (request.body().getBytes(StandardCharsets.UTF_8).length > bodyLimit) {
            return EmulatorResponse.text(413, "request body exceeds the " + bodyLimit + " byte limit of this route");
        }
        JsonNode body;
        try {
            body = Json.parse(request.body());
        } catch (JacksonException e) {
            return EmulatorResponse.text(400, "failed to parse request: " + e.getOriginalMessage());
        }
        return switch (ingestion.read(body)) {
            case EventIngestion.Rejected r -> EmulatorResponse.text(r.status(), r.message());
            case EventIngestion.Accepted a
            when a.events().stream().anyMatch(CaptureRoutes::tooLarge) ->
                EmulatorResponse.text(413, "maximum event size exceeded");
            case EventIngestion.Accepted a -> store(a);
        };
    }

    private static boolean tooLarge(EventIngestion.RawEvent event) {
        return Json.write(event.properties()).getBytes(StandardCharsets.UTF_8).length > EVENT_LIMIT;
    }

    private EmulatorResponse store(EventIngestion.Accepted accepted) {
        // Capture cannot validate the token against a team: unknown tokens are dropped later.
        Optional<ProjectData> project = state.projectByToken(accepted.token());
        project.ifPresent(p -> accepted.events().forEach(e -> store(p, e)));
        return EmulatorResponse.json(200, Map.of("status", "Ok"));
    }

    private void store(ProjectData project, EventIngestion.RawEvent raw) {
        synchronized (project) {
            Map<Integer, String> groupKeys = new java.util.LinkedHashMap<>();
            raw.groups().forEach((type, key) -> project.groupTypeIndex(type, raw.timestamp())
                    .ifPresent(i -> groupKeys.put(i, key)));
            project.definitions.observe(raw.properties(), PropertyDefinitions.Key::event);
            if ("$groupidentify".equals(raw.event())) {
                identifyGroup(project, raw);
            } else if (!Boolean.FALSE.equals(raw.properties().get("$process_person_profile"))) {
                processPerson(project, raw);
            }
            project.addEvent(new CapturedEvent(
                    raw.uuid(),
                    project.project.id(),
                    raw.event(),
                    raw.distinctId(),
                    raw.timestamp(),
                    raw.properties(),
                    groupKeys));
        }
    }

    private static void processPerson(ProjectData project, EventIngestion.RawEvent raw) {
        if ("$create_alias".equals(raw.event()) && raw.properties().get("alias") instanceof String alias) {
            project.alias(raw.distinctId(), alias);
        }
        project.updatePerson(raw.distinctId(), raw.set(), raw.setOnce());
        project.definitions.observe(raw.set(), PropertyDefinitions.Key::person);
        project.definitions.observe(raw.setOnce(), PropertyDefinitions.Key::person);
    }

    @SuppressWarnings("unchecked")
    private void identifyGroup(ProjectData project, EventIngestion.RawEvent raw) {
        Object type = raw.properties().get("$group_type");
        Object key = raw.properties().get("$group_key");
        Object set = raw.properties().getOrDefault("$group_set", Map.of());
        if (!(type instanceof String groupType) || key == null) {
            return;
        }
        // A non-object $group_set is discarded with an ingestion warning; null upserts nothing.
        Map<String, Object> properties;
        if (set == null) {
            properties = Map.of();
        } else if (set instanceof Map<?, ?> map) {
            properties = (Map<String, Object>) map;
        } else {
            return;
        }
        Optional<Integer> index = project.groupTypeIndex(groupType, raw.timestamp());
        index.ifPresent(i -> {
            project.upsertGroup(i, groupType, String.valueOf(key), properties, raw.timestamp());
            project.definitions.observe(properties, name -> PropertyDefinitions.Key.group(i, name));
        });
    }
}
