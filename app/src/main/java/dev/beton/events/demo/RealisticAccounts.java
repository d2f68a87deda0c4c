package dev.beton.events.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Draws the accounts of the realistic world: who they are, how much they intend to buy, and when. */
final class RealisticAccounts {

    private static final String[] PREFIXES = {
        "North", "Blue", "Iron", "Bright", "Silver", "Quantum", "Red", "Green", "Swift", "Clear", "Atlas", "Nova",
        "Summit", "Harbor", "Pioneer", "Vertex", "Cobalt", "Amber", "Orbit", "Lumen"
    };
    private static final String[] SUFFIXES = {
        "wind", "field", "stack", "works", "labs", "cloud", "forge", "point", "ware", "grid", "path", "scale"
    };
    private static final String[] INDUSTRIES = {
        "Software", "Financial Services", "Healthcare", "Retail", "Manufacturing", "Media", "Education", "Logistics"
    };

    private static final int UPCOMING_DAYS = 10;

    private RealisticAccounts() {}

    static List<AccountProfile> profiles(int count, int days, long seed) {
        List<AccountProfile> profiles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            profiles.add(profile(i, days, new SplittableRandom(seed * 1_000_003L + i)));
        }
        return profiles;
    }

    private static AccountProfile profile(int index, int days, SplittableRandom random) {
        String name = PREFIXES[random.nextInt(PREFIXES.length)] + SUFFIXES[random.nextInt(SUFFIXES.length)];
        String key = name.toLowerCase(Locale.ROOT) + "-" + index;
        // Most accounts browse; a minority truly intend to buy (a skewed distribution).
        double intent = Math.pow(random.nextDouble(), 2.2);
        int employees = (int) Math.round(Math.exp(2.5 + random.nextDouble() * 5.5));
        int users = Math.max(1, Math.min(40, (int) Math.round(Math.exp(random.nextDouble() * 2.8))));
        Plan start = random.nextDouble() < 0.45 ? Plan.TRIAL : Plan.FREE;
        // A third of the accounts existed before the window; the rest sign up during it, up to the
        // last day, so that some trials are still running "now" (trial_expiring can fire).
        int signup = random.nextDouble() < 0.33 ? -random.nextInt(1, 120) : random.nextInt(0, Math.max(1, days - 1));
        int convertDay = -1;
        boolean converts = random.nextDouble() < 0.08 + 0.75 * intent;
        if (converts) {
            int earliest = Math.max(signup + 10, 7);
            // Up to 10 days after the window: those buyers are in their build-up "now", so the
            // latest day shows what a live run sees (new features, teammates, pricing visits).
            int latest = days - 1 + UPCOMING_DAYS;
            convertDay = earliest < latest ? random.nextInt(earliest, latest + 1) : -1;
            if (start == Plan.TRIAL && convertDay > signup + 30 && random.nextDouble() < 0.6) {
                convertDay = Math.max(earliest, Math.min(latest, signup + 12 + random.nextInt(4)));
            }
        }
        boolean loud = random.nextDouble() < 0.8;
        int churnDay = convertDay < 0 && random.nextDouble() < 0.25 * (1 - intent)
                ? Math.max(Math.max(signup, 0) + 7, random.nextInt(0, days))
                : -1;
        if (convertDay >= 0 && random.nextDouble() < 0.08) {
            churnDay = convertDay + 30 + random.nextInt(60);
        }
        if (churnDay >= days) {
            churnDay = -1;
        }
        Plan target = employees > 300 || random.nextDouble() < 0.3 ? Plan.PRO : Plan.STARTER;
        int downgradeDay = convertDay >= 0 && target == Plan.PRO && random.nextDouble() < 0.1
                ? convertDay + 30 + random.nextInt(60)
                : -1;
        int paymentFailDay = convertDay >= 0 && random.nextDouble() < 0.1 ? convertDay + 20 + random.nextInt(40) : -1;
        List<Integer> spikes = new ArrayList<>();
        int spikeCount = random.nextDouble() < 0.35 ? 1 + random.nextInt(2) : 0;
        for (int s = 0; s < spikeCount; s++) {
            spikes.add(random.nextInt(0, days));
        }
        return new AccountProfile(
                index,
                key,
                name + (index % 7 == 0 ? " Inc" : ""),
                key + ".example.com",
                INDUSTRIES[random.nextInt(INDUSTRIES.length)],
                employees,
                intent,
                start,
                signup,
                users,
                convertDay,
                target,
                loud,
                churnDay,
                List.copyOf(spikes),
                downgradeDay < days ? downgradeDay : -1,
                paymentFailDay < days ? paymentFailDay : -1);
    }
}
