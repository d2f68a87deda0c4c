package dev.beton.emulator.attio;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Router;
import dev.beton.emulator.SlidingWindowLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In front of every route: the bearer (or Basic) token, its rate budget (reads and writes per
 * second, per token) and its scopes. Also turns {@link AttioProblem}s into Attio's envelope.
 */
final class AttioGate {

    enum Kind {
        READ,
        WRITE
    }

    @FunctionalInterface
    interface Handler {
        EmulatorResponse handle(EmulatorRequest request, AttioToken token);
    }

    private final Map<String, AttioToken> tokens;
    private final Clock clock;
    /** Requests still to be answered with {@link #faultStatus} instead of being handled (fault injection). */
    private final java.util.concurrent.atomic.AtomicInteger faults = new java.util.concurrent.atomic.AtomicInteger();

    private volatile int faultStatus = 503;
    private final SlidingWindowLimiter reads;
    private final SlidingWindowLimiter writes;

    AttioGate(Map<String, AttioToken> tokens, Clock clock, AttioRateLimits limits) {
        this.tokens = new java.util.concurrent.ConcurrentHashMap<>(tokens);
        this.clock = clock;
        this.reads = new SlidingWindowLimiter(limits.readsPerSecond(), Duration.ofSeconds(1), clock);
        this.writes = new SlidingWindowLimiter(limits.writesPerSecond(), Duration.ofSeconds(1), clock);
    }

    /** Revokes a token as an admin would in Attio: {@code /v2/self} says inactive, everything else 401. */
    void revoke(String value) {
        tokens.computeIfPresent(value, (k, t) -> AttioToken.inactive(k));
    }

    /** The next {@code count} guarded requests are answered {@code status} (5xx, or 429 with Retry-After) unhandled. */
    void failNext(int count, int status) {
        this.faultStatus = status;
        faults.set(count);
    }

    /** A route that needs an active token with all of {@code scopes}. */
    Router.Handler guard(Kind kind, List<String> scopes, Handler handler) {
        return request -> {
            try {
                if (faults.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    if (faultStatus == 429) {
                        throw new RateLimited(clock.instant().plusMillis(1));
                    }
                    throw new AttioProblem(
                            faultStatus, "invalid_request_error", "internal_error", "An internal error occurred.");
                }
                AttioToken token = token(request).filter(AttioToken::active).orElseThrow(() -> unauthorized(request));
                throttle(kind, token);
                List<String> missing =
                        scopes.stream().filter(s -> !token.grants(s)).toList();
                if (!missing.isEmpty()) {
                    // Attio documents a 403 auth_error for missing scopes but not its code.
                    throw new AttioProblem(
                            403,
                            "auth_error",
                            "unauthorized",
                            "The access token is missing the required scope(s): " + String.join(", ", missing) + ".");
                }
                return handler.handle(request, token);
            } catch (AttioProblem problem) {
                return problem.response();
            }
        };
    }

    /** {@code /v2/self}: any known token, active or not; no scope needed. */
    Router.Handler introspection(Handler handler) {
        return request -> {
            try {
                AttioToken token = token(request).orElseThrow(() -> unauthorized(request));
                throttle(Kind.READ, token);
                return handler.handle(request, token);
            } catch (AttioProblem problem) {
                return problem.response();
            }
        };
    }

    private void throttle(Kind kind, AttioToken token) {
        Optional<Duration> wait = (kind == Kind.READ ? reads : writes).tryAcquire(token.value());
        if (wait.isPresent()) {
            throw new RateLimited(clock.instant().plus(wait.get()));
        }
    }

    /** Bearer, or Basic with the token as user name and an empty password. */
    private Optional<AttioToken> token(EmulatorRequest request) {
        Optional<String> header = request.header("authorization");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        String secret = null;
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            secret = value.substring(7).trim();
        } else if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            secret = basicUser(value.substring(6).trim());
        }
        return Optional.ofNullable(secret).map(tokens::get);
    }

    private static String basicUser(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static AttioProblem unauthorized(EmulatorRequest request) {
        String message = request.header("authorization").isEmpty()
                ? "The Authorization header was not provided. Please provide a valid access token."
                : "The access token provided is invalid or has been revoked.";
        return new AttioProblem(401, "auth_error", "unauthorized", message);
    }

    /** 429 with {@code Retry-After} as an HTTP-date, rounded up to the next whole second. */
    static final class RateLimited extends AttioProblem {

        /** IMF-fixdate (RFC 9110): two-digit day, always GMT. */
        private static final DateTimeFormatter HTTP_DATE =
                DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);

        private final Instant retryAt;

        RateLimited(Instant retryAt) {
            super(429, "rate_limit_error", "rate_limit_exceeded", "Rate limit exceeded, please try again later");
            this.retryAt = retryAt;
        }

        @Override
        EmulatorResponse response() {
            Instant rounded = retryAt.truncatedTo(ChronoUnit.SECONDS).equals(retryAt)
                    ? retryAt
                    : retryAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            String date = HTTP_DATE.format(rounded.atOffset(ZoneOffset.UTC));
            return super.response().withHeader("Retry-After", date);
        }
    }
}
