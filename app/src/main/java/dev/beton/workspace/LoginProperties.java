package dev.beton.workspace;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password logins ({@code beton.login.*}): throttling of failed attempts and the threads that
 * hash passwords.
 *
 * @param accountFreeFailures failed logins an account may have before each further attempt waits
 * @param addressFreeFailures the same for one client address, across accounts
 * @param backoff the first wait; it doubles with every further failure
 * @param maxBackoff the longest wait
 * @param hashingThreads platform threads that check passwords (BCrypt), at most this many at once;
 *     0 means half the processors, at least one
 * @param hashingQueue password checks that may wait for a thread; beyond it a login is refused
 *     with 503 rather than queued without end
 */
@ConfigurationProperties("beton.login")
public record LoginProperties(
        @DefaultValue("5") int accountFreeFailures,
        @DefaultValue("20") int addressFreeFailures,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("15m") Duration maxBackoff,
        @DefaultValue("0") int hashingThreads,
        @DefaultValue("64") int hashingQueue) {

    int threads() {
        return hashingThreads > 0
                ? hashingThreads
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
