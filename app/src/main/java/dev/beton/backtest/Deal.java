package dev.beton.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A deal of the CRM mirror ({@code crm_deals}), whoever created it.
 *
 * @param stage {@code won}, {@code lost} or {@code open} (other CRM stages are mapped before)
 * @param amount annual value in USD
 */
public record Deal(
        String dealId,
        String accountKey,
        String leadSource,
        String stage,
        BigDecimal amount,
        Instant createdAt,
        Optional<Instant> closedAt) {

    public boolean won() {
        return "won".equals(stage) && closedAt.isPresent();
    }

    public boolean closed() {
        return closedAt.isPresent() && ("won".equals(stage) || "lost".equals(stage));
    }
}
