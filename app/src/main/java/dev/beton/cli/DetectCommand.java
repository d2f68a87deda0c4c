package dev.beton.cli;

import dev.beton.detection.DetectionResult;
import dev.beton.detection.DetectionRun;
import dev.beton.detection.Detector;
import dev.beton.detection.Trigger;
import dev.beton.jobs.JobStatus;
import dev.beton.signals.ScoreReceipt;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./beton detect --workspace W [--as-of T] [--dry-run]}: one detection run against a
 * stopped Beton's data directory, with progress, then a summary and the top scores.
 */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Run signal detection for a workspace as of an instant (default now) and store the results, as the"
                    + " daily job does. Run it while Beton is stopped; while it runs, use 'Run now' on the Runs page"
                    + " or POST /api/v1/signals/runs.",
            "Exit status: 0 succeeded, 1 partial (some signal queries failed), 2 failed."
        })
final class DetectCommand implements Callable<Integer> {

    private static final int TOP = 10;

    @Option(names = "--workspace", required = true, description = "Workspace slug or id.")
    String workspace;

    @Option(names = "--as-of", description = "Detect as of this instant, e.g. 2025-12-01T06:00:00Z (default: now).")
    Instant asOf;

    @Option(names = "--dry-run", description = "Detect and score, but store and announce nothing.")
    boolean dryRun;

    @Option(
            names = "--data-dir",
            description = "Data directory of the stopped Beton (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        return OfflineContext.run(
                dataDir,
                "Use 'Run now' on its Runs page (/signals/runs) or POST /api/v1/signals/runs, or stop it and"
                        + " run this command again.",
                "Detection",
                this::run);
    }

    private int run(ConfigurableApplicationContext context) {
        Workspaces workspaces = context.getBean(Workspaces.class);
        Optional<Workspace> target = CliWorkspace.findOrSay(workspaces, workspace);
        if (target.isEmpty()) {
            return 2;
        }
        Instant instant = Optional.ofNullable(asOf).orElseGet(() -> Detector.now(context.getBean(Clock.class)));
        Detector detector = context.getBean(Detector.class);
        DetectionResult result;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(dryRun ? "Detecting (dry run)" : "Detecting")
                .setInitialMax(10)
                .setUnit(" steps", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .continuousUpdate()
                .build()) {
            result = dryRun
                    ? detector.dryRun(target.get().id(), instant, (done, total) -> step(bar, done, total))
                    : detector.detect(target.get().id(), instant, Trigger.CLI, (done, total) -> step(bar, done, total));
        }
        print(target.get(), result);
        return switch (result.run().status()) {
            case SUCCEEDED -> 0;
            case PARTIAL -> 1;
            case FAILED, RUNNING -> 2;
        };
    }

    private static void step(ProgressBar bar, int done, int total) {
        bar.maxHint(total);
        bar.stepTo(done);
    }

    private void print(Workspace target, DetectionResult result) {
        DetectionRun run = result.run();
        System.out.printf(
                "%s %s as of %s: %s.%n",
                dryRun ? "Dry run of" : "Run " + run.id() + " of", target.slug(), run.asOf(), run.summary());
        run.errors().forEach(error -> System.out.println("  error: " + error));
        result.signals().receipts().stream()
                .sorted(Comparator.comparingInt(ScoreReceipt::score).reversed().thenComparing(ScoreReceipt::accountKey))
                .limit(TOP)
                .forEach(r -> System.out.printf("  %3d  %s%s%n", r.score(), r.accountKey(), r.hot() ? "  (hot)" : ""));
        if (run.status() == JobStatus.FAILED) {
            System.out.println("The run failed; see the errors above.");
        }
        if (dryRun) {
            System.out.println("Nothing was stored (--dry-run).");
        }
    }
}
