package dev.beton.cli;

import dev.beton.backtest.BacktestRun;
import dev.beton.backtest.BacktestTable;
import dev.beton.backtest.Backtests;
import dev.beton.detection.SignalSettingsStore;
import dev.beton.signals.SignalSettings;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./beton backtest [--days 180] [--settings FILE]}: replays detection over past days against
 * a stopped Beton's data directory, stores the backtest and prints the per-signal table.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Replay signal detection as of 06:00 of each of the last N days with the live settings (or a draft"
                    + " from --settings), score it against the deals of the CRM mirror and print precision and"
                    + " recall per signal. Run it while Beton is stopped; while it runs, use the Backtest page or"
                    + " POST /api/v1/backtests.",
            "Exit status: 0 succeeded, 2 failed."
        })
final class BacktestCommand implements Callable<Integer> {

    @Option(names = "--workspace", description = "Workspace slug or id (default: the only workspace, or 'demo').")
    String workspace;

    @Option(names = "--days", defaultValue = "180", description = "Days to replay (default: 180).")
    int days;

    @Option(
            names = "--attribution-days",
            defaultValue = "90",
            description = "A signal counts when its account wins within this many days (default: 90).")
    int attributionDays;

    @Option(names = "--settings", description = "Signal settings JSON to try instead of the live ones.")
    Path settingsFile;

    @Option(
            names = "--data-dir",
            description = "Data directory of the stopped Beton (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        return OfflineContext.run(
                dataDir,
                "Use its Backtest page (/backtests) or POST /api/v1/backtests, or stop it and run this command"
                        + " again.",
                "Backtest",
                this::run);
    }

    private int run(ConfigurableApplicationContext context) {
        Workspaces workspaces = context.getBean(Workspaces.class);
        Optional<Workspace> target = target(workspaces);
        if (target.isEmpty()) {
            System.err.println("Name the workspace with --workspace. Workspaces: "
                    + workspaces.all().stream().map(Workspace::slug).toList() + ".");
            return 2;
        }
        Optional<SignalSettings> draft = Optional.empty();
        if (settingsFile != null) {
            try {
                draft = context.getBean(SignalSettingsStore.class).parse(Files.readString(settingsFile));
            } catch (IOException | RuntimeException e) {
                System.err.println("Cannot read the settings in " + settingsFile + ": " + e.getMessage());
                return 2;
            }
            if (draft.isEmpty()) {
                System.err.println(settingsFile + " does not hold signal settings (JSON as GET /api/v1/settings/signals"
                        + " returns them).");
                return 2;
            }
        }
        Backtests.Request request =
                new Backtests.Request(days, attributionDays, draft, draft.isPresent() ? fileLabel() : "live");
        List<String> errors = request.errors();
        if (!errors.isEmpty()) {
            errors.forEach(e -> System.err.println(e + "."));
            return 2;
        }
        BacktestRun run;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Replaying")
                .setInitialMax(days)
                .setUnit(" days", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .continuousUpdate()
                .build()) {
            run = context.getBean(Backtests.class).run(target.get().id(), request, (done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
        BacktestTable.lines(run).forEach(System.out::println);
        return run.status() == BacktestRun.Status.SUCCEEDED ? 0 : 2;
    }

    private String fileLabel() {
        String name = settingsFile.getFileName().toString();
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    private Optional<Workspace> target(Workspaces workspaces) {
        return CliWorkspace.findOrDefault(workspaces, workspace);
    }
}
