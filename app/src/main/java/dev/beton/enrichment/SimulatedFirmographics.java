package dev.beton.enrichment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Made-up but plausible firmographics for the demo, derived from the account key alone (SHA-256
 * of it picks each value), so the same account always gets the same values on every machine.
 */
final class SimulatedFirmographics {

    static final List<String> INDUSTRIES = List.of(
            "Software", "Fintech", "Healthcare", "E-commerce", "Education", "Logistics", "Media", "Manufacturing");
    static final List<String> EMPLOYEE_RANGES = List.of("1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000");
    private static final long[] ARR_BY_RANGE = {40_000, 120_000, 450_000, 1_500_000, 4_000_000, 12_000_000};
    static final List<String> LOCATIONS = List.of(
            "San Francisco, US",
            "New York, US",
            "Austin, US",
            "London, GB",
            "Berlin, DE",
            "Paris, FR",
            "Amsterdam, NL",
            "Toronto, CA",
            "Sydney, AU",
            "Singapore, SG");
    static final List<String> OWNERS = List.of("Alex Morgan", "Sam Rivera", "Jordan Lee", "Casey Kim");

    private SimulatedFirmographics() {}

    static Firmographics of(String accountKey) {
        byte[] h = sha256(accountKey);
        int range = pick(h[1], EMPLOYEE_RANGES.size());
        // ARR grows with size, ±25 % around the range's typical value, rounded to $1,000
        long arr = Math.round(ARR_BY_RANGE[range] * (0.75 + (h[2] & 0xff) / 510.0) / 1000.0) * 1000;
        return new Firmographics(
                accountKey,
                Firmographics.Source.SIMULATED,
                Optional.of(INDUSTRIES.get(pick(h[0], INDUSTRIES.size()))),
                Optional.of(EMPLOYEE_RANGES.get(range)),
                Optional.of(arr),
                Optional.of(LOCATIONS.get(pick(h[3], LOCATIONS.size()))),
                Optional.of(OWNERS.get(pick(h[4], OWNERS.size()))));
    }

    private static int pick(byte b, int size) {
        return (b & 0xff) % size;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
