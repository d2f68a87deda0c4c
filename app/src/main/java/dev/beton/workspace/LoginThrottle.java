package dev.beton.workspace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down, per account and per client address. The first few failures are
 * free; after them every attempt waits a backoff that doubles with each further failure (1 s, 2
 * s, 4 s … up to {@code maxBackoff}). A waiting attempt is refused before its password is checked,
 * so a flood of guesses costs no hashing. A success clears the account's failures; an address's
 * failures only age out, so one known password does not reset guessing at others.
 *
 * <p>The counts live in memory (Caffeine, forgotten after {@code maxBackoff} without failures):
 * per instance, and gone on restart.
 */
@Component
class LoginThrottle {

    private record Failures(int count, Instant last) {}

    private final LoginProperties properties;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    LoginThrottle(LoginProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(properties.maxBackoff().multipliedBy(2))
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000)
                .build();
    }

    /** @throws LoginThrottled when the account or the address must wait */
    void check(String email, String address) {
        Optional<Duration> wait = waitFor(accountKey(email), properties.accountFreeFailures())
                .or(() -> waitFor(addressKey(address), properties.addressFreeFailures()));
        if (wait.isPresent()) {
            throw new LoginThrottled(wait.get());
        }
    }

    void failed(String email, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {accountKey(email), addressKey(address)}) {
            failures.asMap().merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
    }

    void succeeded(String email) {
        failures.invalidate(accountKey(email));
    }

    private Optional<Duration> waitFor(String key, int free) {
        Failures seen = failures.getIfPresent(key);
        if (seen == null || seen.count() < free) {
            return Optional.empty();
        }
        int doublings = Math.min(30, seen.count() - free);
        Duration backoff = properties.backoff().multipliedBy(1L << doublings);
        if (backoff.compareTo(properties.maxBackoff()) > 0) {
            backoff = properties.maxBackoff();
        }
        Duration left = Duration.between(clock.instant(), seen.last().plus(backoff));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    private static String accountKey(String email) {
        return "account:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
