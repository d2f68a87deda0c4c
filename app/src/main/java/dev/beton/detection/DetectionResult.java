package dev.beton.detection;

import dev.beton.signals.SignalRun;

/**
 * What a run found: its history entry and every outcome and receipt.
 *
 * @param dryRun nothing was stored or announced; {@code run().id()} is 0
 */
public record DetectionResult(DetectionRun run, SignalRun signals, boolean dryRun) {}
