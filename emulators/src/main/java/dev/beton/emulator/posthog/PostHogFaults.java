package dev.beton.emulator.posthog;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Faults a test scripts on the emulator's routes: the next N answers of a route are a 429 with
 * {@code Retry-After}, a 500, a slow answer or a body that is not JSON; or a personal key is
 * revoked mid-run and answered 401 as PostHog does (reference §1). Scripted faults are used in the
 * order they were added; answers without a fault stay as the emulator gives them, contract-valid.
 * Thread-safe.
 *
 * <pre>{@code
 * emulator.faults().serverErrors(PostHogFaults.QUERY, 3);
 * emulator.faults().rateLimited(PostHogFaults.QUERY, 1, Duration.ofSeconds(2));
 * emulator.faults().revoke("phx_…");
 * }</pre>
 */
public final class PostHogFaults {

    /** Paths of the Query API ({@code /api/projects/{id}/query/}, environments too). */
    public static final String QUERY = "^/api/(projects|environments)/[^/]+/query/?$";
    /** Every private API path. */
    public static final String PRIVATE_API = "^/api/.*";

    private enum Kind {
        RATE_LIMITED,
        SERVER_ERROR,
        SLOW,
        MALFORMED_JSON
    }

    private record Scripted(Pattern route, Kind kind, AtomicInteger remaining, Duration duration) {}

    private final List<Scripted> scripted = new CopyOnWriteArrayList<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger injected = new AtomicInteger();

    PostHogFaults() {}

    /** The next {@code times} answers on {@code route} (a regex on the path) are 429 with this {@code Retry-After}. */
    public PostHogFaults rateLimited(String route, int times, Duration retryAfter) {
        return add(route, Kind.RATE_LIMITED, times, retryAfter);
    }

    /** The next {@code times} answers on {@code route} are PostHog's 500 envelope. */
    public PostHogFaults serverErrors(String route, int times) {
        return add(route, Kind.SERVER_ERROR, times, Duration.ZERO);
    }

    /** The next {@code times} answers on {@code route} come after {@code delay} (wall time), e.g. past a client timeout. */
    public PostHogFaults slow(String route, int times, Duration delay) {
        return add(route, Kind.SLOW, times, delay);
    }

    /** The next {@code times} answers on {@code route} are 200 with a body cut off mid-JSON. */
    public PostHogFaults malformedJson(String route, int times) {
        return add(route, Kind.MALFORMED_JSON, times, Duration.ZERO);
    }

    /** From now on this personal key is refused with 401, as a key revoked in PostHog's settings is. */
    public PostHogFaults revoke(String personalKey) {
        revoked.add(Objects.requireNonNull(personalKey, "personalKey"));
        return this;
    }

    /** Drops every scripted fault and revocation. */
    public void clear() {
        scripted.clear();
        revoked.clear();
    }

    /** How many answers were replaced or delayed by a fault so far. */
    public int injected() {
        return injected.get();
    }

    /** Scripted faults not used yet. */
    public int pending() {
        return scripted.stream().mapToInt(s -> Math.max(0, s.remaining().get())).sum();
    }

    Function<EmulatorRequest, EmulatorResponse> around(Function<EmulatorRequest, EmulatorResponse> answer) {
        return request -> {
            if (request.path().startsWith("/api/") && presentsRevokedKey(request)) {
                injected.incrementAndGet();
                return PostHogErrors.invalidPersonalKey(Site.url(request), "Authorization header");
            }
            for (Scripted fault : scripted) {
                if (fault.route().matcher(request.path()).find()
                        && fault.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                    injected.incrementAndGet();
                    return apply(fault, request, answer);
                }
            }
            return answer.apply(request);
        };
    }

    private static EmulatorResponse apply(
            Scripted fault, EmulatorRequest request, Function<EmulatorRequest, EmulatorResponse> answer) {
        return switch (fault.kind()) {
            case RATE_LIMITED ->
                PostHogErrors.throttled(Math.max(1, fault.duration().toSeconds()));
            case SERVER_ERROR -> PostHogErrors.serverError();
            case SLOW -> {
                try {
                    Thread.sleep(fault.duration());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield answer.apply(request);
            }
            case MALFORMED_JSON -> {
                EmulatorResponse real = answer.apply(request);
                // What a proxy that cut the connection short would pass on: valid start, no end.
                String body = real.body().isEmpty()
                        ? "{\"results\": ["
                        : real.body().substring(0, real.body().length() / 2);
                yield new EmulatorResponse(200, real.headers(), "application/json", body);
            }
        };
    }

    private boolean presentsRevokedKey(EmulatorRequest request) {
        return request.header("authorization")
                .map(h -> h.replaceFirst("^Bearer\\s+", "").trim())
                .filter(revoked::contains)
                .isPresent();
    }

    private PostHogFaults add(String route, Kind kind, int times, Duration duration) {
        if (times < 1) {
            throw new IllegalArgumentException("a fault needs times >= 1, got " + times);
        }
        scripted.add(new Scripted(Pattern.compile(route), kind, new AtomicInteger(times), duration));
        return this;
    }
}
