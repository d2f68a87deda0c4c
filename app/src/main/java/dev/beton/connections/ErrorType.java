package dev.beton.connections;

import org.springframework.http.HttpStatus;

/** Seed 002's error types with their HTTP statuses; also used by the Attio and settings routes. */
public enum ErrorType {
    INVALID_FORMAT(HttpStatus.BAD_REQUEST),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    CONNECTION_ERROR(HttpStatus.BAD_GATEWAY),
    API_ERROR(HttpStatus.BAD_GATEWAY),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    ErrorType(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** The wire name, e.g. {@code invalid_format}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
