package dev.beton.posthog;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Why a call to PostHog failed, as a closed set callers switch over. Messages describe the
 * failure in PostHog's terms and never contain a key.
 */
public abstract sealed class PostHogException extends RuntimeException {

    PostHogException(String message) {
        super(message);
    }

    PostHogException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 401: the personal API key is unknown or revoked on this host. */
    public static final class Unauthorized extends PostHogException {
        Unauthorized(String message) {
            super(message);
        }
    }

    /** 403: the key works but lacks a scope or access to the project. */
    public static final class Forbidden extends PostHogException {
        Forbidden(String message) {
            super(message);
        }
    }

    /** 404: the project (or other resource) does not exist or is not visible to the key. */
    public static final class NotFound extends PostHogException {
        NotFound(String message) {
            super(message);
        }
    }

    /** 429: PostHog's throttle; {@code retryAfter} from its {@code Retry-After} header when given. */
    public static final class RateLimited extends PostHogException {
        private final Duration retryAfter;

        RateLimited(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** No HTTP answer: DNS, refused connection, TLS, timeout. */
    public static final class Unreachable extends PostHogException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Any other answer PostHog should not have given (5xx, unexpected 4xx, unreadable JSON). */
    public static final class ApiError extends PostHogException {
        private final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Beton's own query budget for this PostHog project is used up, so the call was not sent;
     * {@code retryAt} is when the budget refills. Shared by every Beton instance on the same
     * PostgreSQL, so another instance may have spent it.
     */
    public static final class BudgetExhausted extends PostHogException {
        private final Instant retryAt;

        BudgetExhausted(String message, Instant retryAt) {
            super(message);
            this.retryAt = retryAt;
        }

        public Instant retryAt() {
            return retryAt;
        }
    }

    /**
     * The circuit breaker of this PostHog project is open after repeated failures, so the call
     * was not sent; {@code retryAt} is when one trial call will be let through again.
     */
    public static final class CircuitOpen extends PostHogException {
        private final Instant retryAt;

        CircuitOpen(String message, Instant retryAt) {
            super(message);
            this.retryAt = retryAt;
        }

        public Instant retryAt() {
            return retryAt;
        }
    }
}
