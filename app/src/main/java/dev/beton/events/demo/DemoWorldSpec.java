package dev.beton.events.demo;

import java.util.Locale;

/**
 * What to generate. Same spec and same end day → the same world, event for event.
 *
 * @param accounts number of accounts (the {@code seed} preset always has 15)
 * @param days length of the generated window, ending at the generation day
 * @param seed seed of every random choice
 */
public record DemoWorldSpec(Preset preset, int accounts, int days, long seed) {

    /** {@code seed}: the Inspector's 15 accounts and users; {@code realistic}: N accounts over D days. */
    public enum Preset {
        SEED,
        REALISTIC;

        public static Preset of(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown demo preset '" + name + "': use 'seed' or 'realistic'.", e);
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DemoWorldSpec {
        if (preset == Preset.SEED) {
            accounts = SeedAccounts.COUNT;
        }
        if (accounts < 1 || accounts > 100_000) {
            throw new IllegalArgumentException("A demo world needs 1 to 100,000 accounts, not " + accounts + ".");
        }
        if (days < 7 || days > 3_650) {
            throw new IllegalArgumentException("A demo world spans 7 to 3,650 days, not " + days + ".");
        }
    }

    public static DemoWorldSpec realistic(int accounts, int days, long seed) {
        return new DemoWorldSpec(Preset.REALISTIC, accounts, days, seed);
    }
}
