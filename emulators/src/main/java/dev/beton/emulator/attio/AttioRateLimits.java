package dev.beton.emulator.attio;

/**
 * Requests per second and token, counted in a sliding one-second window.
 *
 * @param readsPerSecond GETs and record queries, at least 1
 * @param writesPerSecond POST, PUT, PATCH and DELETE other than queries, at least 1
 */
public record AttioRateLimits(int readsPerSecond, int writesPerSecond) {

    public AttioRateLimits {
        if (readsPerSecond < 1 || writesPerSecond < 1) {
            throw new IllegalArgumentException("rate limits must be at least 1 per second");
        }
    }

    /** The published limits: 100 reads and 25 writes per second. */
    public static AttioRateLimits documented() {
        return new AttioRateLimits(100, 25);
    }
}
