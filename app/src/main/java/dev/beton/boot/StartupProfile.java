package dev.beton.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;
import org.springframework.core.metrics.StartupStep;

/**
 * An opt-in profile of a start: with {@code BETON_STARTUP_PROFILE=<file>} in the environment,
 * Spring's own start-up steps (bean creation, context refresh, post-processors) are recorded and,
 * once the application is ready, written to the file as a table of where the time went, each step
 * with its own time (its duration less its nested steps'). An environment variable and not a JVM
 * option, because the launcher's class-data/AOT cache only fits the JVM options it was trained
 * with, and a profile of a start without the cache would measure a different start.
 */
public final class StartupProfile {

    static final String VARIABLE = "BETON_STARTUP_PROFILE";

    private StartupProfile() {}

    /** Records the start of {@code application} when the variable is set; otherwise does nothing. */
    public static void attachIfAsked(SpringApplication application) {
        String file = System.getenv(VARIABLE);
        if (file == null || file.isBlank()) {
            return;
        }
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
        application.setApplicationStartup(startup);
        long began = System.nanoTime();
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) ready ->
                write(startup.getBufferedTimeline(), Duration.ofNanos(System.nanoTime() - began), Path.of(file)));
    }

    private static void write(StartupTimeline timeline, Duration toReady, Path file) {
        try {
            Files.writeString(file, String.join("\n", table(timeline.getEvents(), toReady)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("The start-up profile cannot be written to " + file, e);
        }
    }

    /** The steps by own time, largest first, with a total per step kind. */
    static List<String> table(List<StartupTimeline.TimelineEvent> events, Duration toReady) {
        Map<Long, Long> childNanos = new HashMap<>();
        for (StartupTimeline.TimelineEvent event : events) {
            Long parent = event.getStartupStep().getParentId();
            if (parent != null) {
                childNanos.merge(parent, event.getDuration().toNanos(), Long::sum);
            }
        }
        record Step(String name, String detail, long ownNanos, long totalNanos) {}
        List<Step> steps = new ArrayList<>();
        Map<String, Long> byKind = new HashMap<>();
        long recorded = 0;
        for (StartupTimeline.TimelineEvent event : events) {
            StartupStep step = event.getStartupStep();
            long total = event.getDuration().toNanos();
            long own = Math.max(0, total - childNanos.getOrDefault(step.getId(), 0L));
            recorded += own;
            steps.add(new Step(step.getName(), detail(step), own, total));
            byKind.merge(step.getName(), own, Long::sum);
        }
        List<String> lines = new ArrayList<>();
        lines.add("Start-up profile: %d steps, %d ms of own time recorded, %d ms from main to ready (wall)"
                .formatted(events.size(), recorded / 1_000_000, toReady.toMillis()));
        lines.add("");
        lines.add("By kind (own time, ms):");
        byKind.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(kind -> lines.add("  %8d  %s".formatted(kind.getValue() / 1_000_000, kind.getKey())));
        lines.add("");
        lines.add("Top 40 steps (own ms / with nested ms, step, detail):");
        steps.stream()
                .sorted(Comparator.comparingLong(Step::ownNanos).reversed())
                .limit(40)
                .forEach(s -> lines.add("  %8d  %8d  %s  %s"
                        .formatted(s.ownNanos() / 1_000_000, s.totalNanos() / 1_000_000, s.name(), s.detail())));
        return lines;
    }

    private static String detail(StartupStep step) {
        return String.join(
                " ",
                StreamSupport.stream(step.getTags().spliterator(), false)
                        .filter(tag -> !tag.getKey().equals("beanType"))
                        .map(tag -> tag.getKey() + "=" + tag.getValue())
                        .toList());
    }
}
