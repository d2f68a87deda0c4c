package dev.beton.crm;

import java.time.Duration;
import java.util.Optional;

/** Why a call to Attio failed, as a closed set. Messages never contain the token. */
public abstract sealed class AttioException extends RuntimeException {

    AttioException(String message) {
        super(message);
    }

    AttioException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 401 (bad, missing or revoked token) or {@code /v2/self} answering {@code active: false}. */
    public static final class Unauthorized extends AttioException {
        Unauthorized(String message) {
            super(message);
        }
    }

    /** 403: the token lacks a scope, or the workspace's plan forbids the call. */
    public static final class Forbidden extends AttioException {
        Forbidden(String message) {
            super(message);
        }
    }

    /** 404: no such object or record. */
    public static final class NotFound extends AttioException {
        NotFound(String message) {
            super(message);
        }
    }

    /** 429, with Attio's {@code Retry-After} (an HTTP date, or seconds) as a duration when given. */
    public static final class RateLimited extends AttioException {
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
    public static final class Unreachable extends AttioException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Any other unexpected answer. */
    public static final class ApiError extends AttioException {
        private final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
