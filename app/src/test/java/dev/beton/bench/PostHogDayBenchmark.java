package dev.beton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@code bench/posthog-day.sh} (sets {@code BETON_BENCH=1}): the simulated days and the
 * cache-hit latency loop; figures to {@code target/bench/posthog-day-report.txt}.
 */
@EnabledIfEnvironmentVariable(named = "BETON_BENCH", matches = "1")
class PostHogDayBenchmark {

    @Test
    void simulateTheDayAndMeasureACacheHit() throws Exception {
        String report = PostHogDay.fullReport();
        Path out = Path.of("target", "bench", "posthog-day-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }
}
