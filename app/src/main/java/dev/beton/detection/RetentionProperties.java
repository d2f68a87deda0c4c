package dev.beton.detection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long detection history is kept ({@code beton.retention.*}), enforced by the daily detection
 * job after each workspace's run.
 *
 * @param detectionHistory signal outcomes, score receipts and the queries of runs whose as-of is
 *     older than this are deleted, and so are Beton's own {@code beton_signal_fired} events older
 *     than this in the workspace's warehouse; default 400 days (a year of history for backtests and
 *     year-over-year comparison, plus a margin); {@code 0} keeps everything
 */
@ConfigurationProperties("beton.retention")
public record RetentionProperties(@DefaultValue("400d") Duration detectionHistory) {

    public boolean keepsEverything() {
        return detectionHistory.isZero() || detectionHistory.isNegative();
    }
}
