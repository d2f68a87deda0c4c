package dev.beton.boot;

/**
 * First-start work that need not hold back readiness (the demo world, its first detection): run
 * once Beton answers requests, in {@code @Order}, one after the other on one background thread by
 * {@link BackgroundStart}. A step checks itself whether it has anything to do.
 */
public interface BackgroundStartStep {

    void run();
}
