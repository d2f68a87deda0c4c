package dev.beton.connections;

import java.time.Duration;
import java.util.Optional;

/**
 * A connection attempt that failed in a way the user can act on. The message is a sentence for a
 * RevOps manager (what went wrong, what to do); it never contains a key.
 */
public final class ConnectionFailure extends RuntimeException {

    private final ErrorType type;
    private final Duration retryAfter;

    public ConnectionFailure(ErrorType type, String message) {
        this(type, message, null);
    }

    public ConnectionFailure(ErrorType type, String message, Duration retryAfter) {
        super(message);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public ErrorType type() {
        return type;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
