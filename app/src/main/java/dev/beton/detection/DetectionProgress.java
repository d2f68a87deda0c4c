package dev.beton.detection;

/** Progress of one run, in steps: the account count, then one per signal query, then storing. */
@FunctionalInterface
public interface DetectionProgress {

    DetectionProgress NONE = (done, total) -> {};

    void step(int done, int total);
}
