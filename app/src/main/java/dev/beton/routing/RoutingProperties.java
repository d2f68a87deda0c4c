package dev.beton.routing;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deal pipeline's knobs ({@code beton.routing.*}).
 *
 * @param publicUrl where people reach this Beton; the deals' link back to the account page
 * @param background whether applying runs by itself (after detection, and every {@code interval});
 *     tests turn it off and drive the outbox by hand
 * @param interval how often the outbox looks for due items (retries)
 * @param lease how long an item being sent belongs to the worker that took it; after a crash
 *     another worker takes it over once this has passed
 * @param maxAttempts tries of one item before it is rejected (a 429 is not counted against it)
 * @param writesPerSecond Attio's documented write limit per token (shared by every instance on PostgreSQL)
 * @param readsPerSecond Attio's documented read limit per token
 * @param breakerPause how long sending to an Attio workspace pauses after repeated server failures
 * @param tokenRefusedWait how long items wait when Attio refuses the token (revoked) before trying again
 * @param workers outbox workers per instance when applying: items in flight at once. One spends
 *     most of each item on reads, Beton's database and waiting for Attio's answers, so several keep
 *     the write budget busy; the rate limiter, not the pool, bounds what reaches Attio (8: measured
 *     in docs/PERFORMANCE.md, 4 left the budget idle on a loaded machine)
 * @param mirrorInterval how often every Attio deal is read back into the CRM mirror (the safety
 *     net under webhooks, as Attio has no updated-since cursor)
 * @param rerouteAfter how long after Beton's deal closed (won/lost) a still-hot account waits
 *     before a new routing episode makes it a new deal; also the Done/Disqualify cooldown
 */
@ConfigurationProperties("beton.routing")
public record RoutingProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("true") boolean background,
        @DefaultValue("5s") Duration interval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("25") int writesPerSecond,
        @DefaultValue("100") int readsPerSecond,
        @DefaultValue("30s") Duration breakerPause,
        @DefaultValue("5m") Duration tokenRefusedWait,
        @DefaultValue("15m") Duration mirrorInterval,
        @DefaultValue("8") int workers,
        @DefaultValue("30d") Duration rerouteAfter) {

    /** Backoff after the n-th failed attempt: 2 s, 4 s, 8 s … capped at 10 minutes. */
    Duration backoff(int attempts) {
        long seconds = (long) Math.min(600, Math.pow(2, Math.max(1, attempts)));
        return Duration.ofSeconds(seconds);
    }
}
