package dev.beton.workspace;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A login refused without checking the password, because of recent failures; 429 with Retry-After. */
final class LoginThrottled extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottled(Duration retryAfter) {
        super("Too many failed logins: try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds.");
        this.retryAfter = retryAfter;
    }

    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
