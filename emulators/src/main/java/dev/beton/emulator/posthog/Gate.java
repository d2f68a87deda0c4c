package dev.beton.emulator.posthog;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Router;
import dev.beton.emulator.SlidingWindowLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What stands in front of every private endpoint, in DRF's order: authenticate the personal
 * key, check its scope, check project access, then throttle.
 */
final class Gate {

    enum RateClass {
        QUERY,
        ANALYTICS,
        CRUD
    }

    @FunctionalInterface
    interface KeyHandler {
        EmulatorResponse handle(EmulatorRequest request, PersonalApiKey key);
    }

    @FunctionalInterface
    interface ProjectHandler {
        EmulatorResponse handle(EmulatorRequest request, ProjectData project);
    }

    private record Credential(String value, String source) {}

    private final PostHogState state;
    private final Map<RateClass, List<SlidingWindowLimiter>> limiters = new EnumMap<>(RateClass.class);

    Gate(PostHogState state, PostHogRateLimits limits) {
        this.state = state;
        limiters.put(RateClass.QUERY, limiters(limits.query()));
        limiters.put(RateClass.ANALYTICS, limiters(limits.analytics()));
        limiters.put(RateClass.CRUD, limiters(limits.crud()));
    }

    /** An endpoint outside any project, e.g. {@code /api/users/@me/}. */
    Router.Handler user(String scope, RateClass rateClass, KeyHandler handler) {
        return request -> authenticate(request).orElseGet(() -> {
            PersonalApiKey key = keyOf(request);
            return scopeDenial(key, scope)
                    .or(() -> throttle(key, rateClass))
                    .orElseGet(() -> handler.handle(request, key));
        });
    }

    /** An endpoint under {@code /api/projects/{project_id}/}. */
    Router.Handler project(String scope, RateClass rateClass, ProjectHandler handler) {
        return request -> authenticate(request).orElseGet(() -> {
            PersonalApiKey key = keyOf(request);
            Optional<EmulatorResponse> denied = scopeDenial(key, scope);
            if (denied.isPresent()) {
                return denied.get();
            }
            Optional<ProjectData> project = resolveProject(request.pathParam("project_id"));
            if (project.isEmpty()) {
                return PostHogErrors.notFound();
            }
            return projectDenial(key, project.get().project)
                    .or(() -> throttle(key, rateClass))
                    .orElseGet(() -> handler.handle(request, project.get()));
        });
    }

    /** Whether the key may see this project (scoped teams and organizations). */
    static boolean canSee(PersonalApiKey key, PostHogProject project) {
        return (key.scopedTeams().isEmpty() || key.scopedTeams().contains(project.id()))
                && (key.scopedOrganizations().isEmpty()
                        || key.scopedOrganizations().contains(project.organizationId()));
    }

    Optional<ProjectData> resolveProject(String idText) {
        if ("@current".equals(idText)) {
            return state.currentProject();
        }
        try {
            return state.project(Long.parseLong(idText));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<EmulatorResponse> authenticate(EmulatorRequest request) {
        Optional<Credential> credential = credential(request);
        if (credential.isEmpty()) {
            return Optional.of(PostHogErrors.notAuthenticated(Site.url(request)));
        }
        if (state.key(credential.get().value()).isEmpty()) {
            return Optional.of(PostHogErrors.invalidPersonalKey(
                    Site.url(request), credential.get().source()));
        }
        return Optional.empty();
    }

    private PersonalApiKey keyOf(EmulatorRequest request) {
        return credential(request).flatMap(c -> state.key(c.value())).orElseThrow();
    }

    /** First match wins: bearer header, JSON body field, query parameter. */
    private static Optional<Credential> credential(EmulatorRequest request) {
        Optional<String> bearer = request.header("authorization")
                .filter(h -> h.matches("(?s)^Bearer\\s+\\S.*"))
                .map(h -> h.substring("Bearer".length()).trim())
                // OAuth and project secret keys are handled by other authenticators upstream.
                .filter(token -> !token.startsWith("pha_") && !token.startsWith("phs_"));
        if (bearer.isPresent()) {
            return Optional.of(new Credential(bearer.get(), "Authorization header"));
        }
        Optional<String> inBody = bodyKey(request);
        if (inBody.isPresent()) {
            return Optional.of(new Credential(inBody.get(), "body"));
        }
        return request.queryParam("personal_api_key").map(v -> new Credential(v, "query string"));
    }

    private static Optional<String> bodyKey(EmulatorRequest request) {
        try {
            return Optional.of(request.json().path("personal_api_key"))
                    .filter(n -> n.isString())
                    .map(n -> n.asString());
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<EmulatorResponse> scopeDenial(PersonalApiKey key, String scope) {
        String[] parts = scope.split(":");
        return key.grants(parts[0], parts[1]) ? Optional.empty() : Optional.of(PostHogErrors.missingScope(scope));
    }

    private static Optional<EmulatorResponse> projectDenial(PersonalApiKey key, PostHogProject project) {
        if (!key.scopedOrganizations().isEmpty() && !key.scopedOrganizations().contains(project.organizationId())) {
            UUID org = project.organizationId();
            return Optional.of(PostHogErrors.permissionDenied(
                    "API key does not have access to the requested organization '" + org + "'"));
        }
        if (!key.scopedTeams().isEmpty() && !key.scopedTeams().contains(project.id())) {
            return Optional.of(PostHogErrors.permissionDenied(
                    "API key does not have access to the requested project '" + project.id() + "'"));
        }
        return Optional.empty();
    }

    /** Every throttle of the class counts the request; the longest wait wins. */
    private Optional<EmulatorResponse> throttle(PersonalApiKey key, RateClass rateClass) {
        Optional<Duration> longest = Optional.empty();
        for (SlidingWindowLimiter limiter : limiters.get(rateClass)) {
            Optional<Duration> wait = limiter.tryAcquire(key.value());
            if (wait.isPresent() && (longest.isEmpty() || wait.get().compareTo(longest.get()) > 0)) {
                longest = wait;
            }
        }
        // DRF rounds the wait up to whole seconds for Retry-After.
        return longest.map(wait -> PostHogErrors.throttled(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }

    private List<SlidingWindowLimiter> limiters(List<RateLimit> limits) {
        List<SlidingWindowLimiter> result = new ArrayList<>();
        limits.forEach(l -> result.add(new SlidingWindowLimiter(l.requests(), l.per(), state.clock)));
        return List.copyOf(result);
    }
}
