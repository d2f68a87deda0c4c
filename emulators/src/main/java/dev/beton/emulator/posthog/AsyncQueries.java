package dev.beton.emulator.posthog;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queries submitted with {@code refresh: async}. The emulator evaluates at submission but only
 * reports the outcome once {@code duration} has passed on the clock, so clients see 202 while
 * "running", then 200 with the results (or 400 with {@code error_message}).
 */
final class AsyncQueries {

    sealed interface Outcome {}

    record Done(Map<String, Object> response) implements Outcome {}

    record Failed(HogQLError error) implements Outcome {}

    private record Submitted(String id, long projectId, Instant start, Outcome outcome) {}

    /** How long status responses stay in cache (PostHog keeps them for a day). */
    private static final Duration EXPIRY = Duration.ofDays(1);

    private final Clock clock;
    private final Duration duration;
    private final Map<String, Submitted> queries = new ConcurrentHashMap<>();

    AsyncQueries(Clock clock, Duration duration) {
        this.clock = clock;
        this.duration = duration;
    }

    EmulatorResponse submit(ProjectData project, String id, Outcome outcome) {
        Submitted submitted = new Submitted(id, project.project.id(), clock.instant(), outcome);
        queries.put(key(project, id), submitted);
        return EmulatorResponse.json(202, Map.of("query_status", status(submitted)));
    }

    /** {@code GET /query/{id}/}: 202 running, 200 complete, 400 failed, 404 unknown. */
    EmulatorResponse status(EmulatorRequest request, ProjectData project) {
        Optional<Submitted> found = find(request, project);
        if (found.isEmpty()) {
            return PostHogErrors.notFound();
        }
        Submitted submitted = found.get();
        int code = !complete(submitted) ? 202 : submitted.outcome() instanceof Failed ? 400 : 200;
        return EmulatorResponse.json(code, Map.of("query_status", status(submitted)));
    }

    EmulatorResponse cancel(EmulatorRequest request, ProjectData project) {
        Optional<Submitted> found = find(request, project);
        if (found.isEmpty()) {
            return PostHogErrors.notFound();
        }
        queries.remove(key(project, found.get().id()));
        return EmulatorResponse.json(200, Map.of("message", "Query cancelled"));
    }

    private Optional<Submitted> find(EmulatorRequest request, ProjectData project) {
        return Optional.ofNullable(queries.get(key(project, request.pathParam("query_id"))));
    }

    private boolean complete(Submitted submitted) {
        return !clock.instant().isBefore(submitted.start().plus(duration));
    }

    private Map<String, Object> status(Submitted submitted) {
        boolean complete = complete(submitted);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", submitted.id());
        body.put("team_id", submitted.projectId());
        body.put("query_async", true);
        body.put("complete", complete);
        body.put("error", complete && submitted.outcome() instanceof Failed);
        body.put(
                "error_message",
                complete && submitted.outcome() instanceof Failed f ? f.error().getMessage() : null);
        body.put("results", complete && submitted.outcome() instanceof Done d ? d.response() : null);
        body.put("start_time", submitted.start().toString());
        body.put("end_time", complete ? submitted.start().plus(duration).toString() : null);
        body.put("expiration_time", submitted.start().plus(EXPIRY).toString());
        body.put("task_id", null);
        body.put("query_progress", null);
        return body;
    }

    private static String key(ProjectData project, String id) {
        return project.project.id() + "/" + id;
    }
}
