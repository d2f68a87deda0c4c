package dev.beton.events.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The CRM side of the world, caused by the same hidden intent as the product behaviour, with
 * noise: buyers get a won deal (mostly sourced from product signals when their signals were
 * loud), some interested non-buyers get lost or still-open deals, and sales prospects cold
 * accounts (outbound) with little success.
 */
final class DealBook {

    private DealBook() {}

    static List<Deal> deals(List<AccountProfile> accounts, Instant start, int days, long seed) {
        List<Deal> deals = new ArrayList<>();
        for (AccountProfile account : accounts) {
            SplittableRandom random = new SplittableRandom(seed * 7_919L + account.index());
            if (account.convertsWithin(days)) {
                deals.add(won(account, start, random));
            } else if (account.intent() > 0.3 && random.nextDouble() < 0.5) {
                deals.add(unconverted(account, start, days, random, pick(random, 0.25, 0.35, 0.3)));
            } else if (random.nextDouble() < 0.12) {
                deals.add(unconverted(account, start, days, random, pick(random, 0.05, 0.1, 0.75)));
            }
        }
        return deals;
    }

    private static Deal won(AccountProfile account, Instant start, SplittableRandom random) {
        int cycle = account.loud() ? 5 + random.nextInt(25) : 15 + random.nextInt(50);
        String source = account.loud() && random.nextDouble() < 0.7 ? "pql" : pick(random, 0.0, 0.5, 0.3);
        Instant closed = start.plus(Duration.ofDays(account.convertDay())).plus(Duration.ofHours(11));
        Instant created = closed.minus(Duration.ofDays(cycle));
        return new Deal(
                "deal-" + account.key(),
                account.key(),
                account.name() + " – " + account.convertsTo().name(),
                source,
                "won",
                annual(account.convertsTo(), random),
                created,
                Optional.of(closed));
    }

    private static Deal unconverted(
            AccountProfile account, Instant start, int days, SplittableRandom random, String source) {
        int createdDay = random.nextInt(Math.max(0, account.signupDay()), days);
        Instant created = start.plus(Duration.ofDays(createdDay)).plus(Duration.ofHours(10));
        int cycle = 20 + random.nextInt(50);
        boolean open = createdDay + cycle >= days;
        return new Deal(
                "deal-" + account.key(),
                account.key(),
                account.name() + " – " + account.convertsTo().name(),
                source,
                open ? "open" : "lost",
                annual(account.convertsTo(), random),
                created,
                open ? Optional.empty() : Optional.of(created.plus(Duration.ofDays(cycle))));
    }

    private static BigDecimal annual(Plan plan, SplittableRandom random) {
        double seats = 1 + random.nextInt(4);
        return BigDecimal.valueOf(Math.round(plan.monthlyPrice() * 12 * seats)).setScale(2);
    }

    /** A non-product lead source: pql, inbound, outbound or partner with the given weights. */
    private static String pick(SplittableRandom random, double pql, double inbound, double outbound) {
        double roll = random.nextDouble();
        if (roll < pql) {
            return "pql";
        }
        if (roll < pql + inbound) {
            return "inbound";
        }
        return roll < pql + inbound + outbound ? "outbound" : "partner";
    }
}
