package dev.beton.events.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** A CRM deal of the demo world ({@code crm_deals}). */
record Deal(
        String dealId,
        String accountKey,
        String name,
        String leadSource,
        String stage,
        BigDecimal amount,
        Instant createdAt,
        Optional<Instant> closedAt) {}
