package dev.beton.routing;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} contributor {@code attioDeals}: deals waiting to reach Attio. Items
 * waiting for a retry (Attio down, rate limited, token refused) make it DEGRADED — reported with
 * HTTP 200, as Beton itself keeps working — with the counts and the latest error class; which
 * workspace waits is for its admins (Routing page), so no names or messages are shown here.
 */
@Component("attioDeals")
class OutboxHealth implements HealthIndicator {

    private final JdbcClient jdbc;

    OutboxHealth(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        long waiting = count("'pending', 'sent'");
        long retrying = count("'retrying'");
        long rejected = count("'rejected'");
        Health.Builder health = retrying > 0 ? Health.status(new Status("DEGRADED")) : Health.up();
        return health.withDetail(
                        "reason",
                        retrying > 0
                                ? "deals wait for Attio (down, rate limited or the token was refused); see the Routing page"
                                : "nothing waits for a retry")
                .withDetail("waiting", waiting)
                .withDetail("retrying", retrying)
                .withDetail("rejected", rejected)
                .build();
    }

    private long count(String states) {
        return jdbc.sql("SELECT count(*) FROM routing_items WHERE state IN (" + states + ")")
                .query(Long.class)
                .single();
    }
}
