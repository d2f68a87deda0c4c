package dev.beton.events.demo;

import java.util.List;

/**
 * The Inspector seed's set: 15 named accounts with one founding user each (two buyers add two
 * teammates, so team growth shows), chosen so that every stage of the PLG funnel and all 31
 * standard events show up: trials ending, buyers, a downgrade, a failed payment, churners.
 */
final class SeedAccounts {

    static final int COUNT = 15;

    private record Seed(
            String name, String industry, int employees, double intent, Plan plan, boolean converts, boolean churns) {}

    private static final List<Seed> SEEDS = List.of(
            new Seed("Acme Corp", "Manufacturing", 450, 0.92, Plan.TRIAL, true, false),
            new Seed("Globex", "Energy", 1200, 0.85, Plan.FREE, true, false),
            new Seed("Initech", "Software", 180, 0.55, Plan.TRIAL, false, false),
            new Seed("Umbrella Health", "Healthcare", 3000, 0.78, Plan.FREE, true, false),
            new Seed("Hooli", "Software", 800, 0.35, Plan.FREE, false, false),
            new Seed("Vandelay Industries", "Logistics", 60, 0.20, Plan.FREE, false, true),
            new Seed("Stark Analytics", "Financial Services", 240, 0.88, Plan.TRIAL, true, false),
            new Seed("Wayne Retail", "Retail", 950, 0.40, Plan.TRIAL, false, false),
            new Seed("Soylent Foods", "Food & Beverage", 320, 0.15, Plan.FREE, false, true),
            new Seed("Cyberdyne Labs", "Software", 75, 0.70, Plan.FREE, true, false),
            new Seed("Tyrell Bio", "Biotech", 140, 0.60, Plan.TRIAL, false, false),
            new Seed("Wonka Media", "Media", 55, 0.25, Plan.FREE, false, false),
            new Seed("Oscorp", "Manufacturing", 2200, 0.82, Plan.FREE, true, false),
            new Seed("Pied Piper", "Software", 25, 0.95, Plan.TRIAL, true, false),
            new Seed("Massive Dynamic", "Research", 5000, 0.45, Plan.FREE, false, false));

    private SeedAccounts() {}

    static List<AccountProfile> profiles(int days) {
        return java.util.stream.IntStream.range(0, COUNT)
                .mapToObj(i -> profile(i, SEEDS.get(i), days))
                .toList();
    }

    private static AccountProfile profile(int index, Seed seed, int days) {
        String slug = seed.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        int signup = Math.max(0, (index * days) / (COUNT * 3));
        int convert = seed.converts() ? Math.min(days - 2, signup + 14 + (index * 7) % Math.max(1, days / 2)) : -1;
        int churn = seed.churns() ? Math.max(signup + 7, days / 2) : -1;
        // Story beats, so that the seed world shows every standard event at least once.
        int downgrade = index == 0 ? convert + days / 4 : -1;
        int paymentFail = index == 1 ? convert + days / 4 : -1;
        if (index == 6) {
            churn = days - 5; // a buyer who cancels again
        }
        return new AccountProfile(
                index,
                slug,
                seed.name(),
                slug + ".example.com",
                seed.industry(),
                seed.employees(),
                seed.intent(),
                seed.plan(),
                signup,
                index == 0 || index == 13 ? 3 : 1,
                convert,
                index % 3 == 0 ? Plan.PRO : Plan.STARTER,
                true,
                churn,
                List.of(days / 3 + index),
                downgrade < days ? downgrade : -1,
                paymentFail < days ? paymentFail : -1);
    }
}
