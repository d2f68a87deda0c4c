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

    /** Any other unexpected answer: a 400 (with Attio's {@code code}, e.g. {@code uniqueness_conflict}), 409, 5xx. */
    public static final class ApiError extends AttioException {
        private final int status;
        private final String code;

        ApiError(int status, String message) {
            this(status, "", message);
        }

        ApiError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code == null ? "" : code;
        }

        public int status() {
            return status;
        }

        /** Attio's error {@code code}, empty when the answer had none. */
        public String code() {
            return code;
        }

        /** Worth trying again later: Attio's server side or a timeout, not a refusal of the request. */
        public boolean transientFailure() {
            return status >= 500 || status == 408;
        }
    }
}
