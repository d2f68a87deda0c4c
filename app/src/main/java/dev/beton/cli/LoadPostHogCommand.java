package dev.beton.cli;

import dev.beton.backtest.PostHogCopies;
import dev.beton.backtest.PostHogCopy;
import dev.beton.connections.PostHogNotConnected;
import dev.beton.posthog.PostHogException;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
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
 * {@code ./beton load-posthog --days N}: copies a PostHog project's events and company groups of
 * the last N days into a stopped Beton's embedded store, for backtests; says first how many
 * PostHog queries it will spend; {@code --resume} continues the newest copy that stopped.
 */
@Command(
        name = "load-posthog",
        mixinStandardHelpOptions = true,
        description = {
            "Copy the events (and company groups) of the last N days from the workspace's PostHog project into"
                    + " Beton's own store, so backtests replay them there instead of spending PostHog's query budget."
                    + " Prints the queries it will spend first. Run it while Beton is stopped; while it runs, use"
                    + " Backtest → Load data from PostHog or POST /api/v1/posthog-copies.",
            "Exit status: 0 loaded, 1 stopped early (budget used up: run again with --resume later), 2 failed."
        })
final class LoadPostHogCommand implements Callable<Integer> {

    @Option(names = "--workspace", description = "Workspace slug or id (default: the only workspace, or 'demo').")
    String workspace;

    @Option(names = "--days", defaultValue = "180", description = "Days to copy, 1–180 (default: 180).")
    int days;

    @Option(
            names = "--row-limit",
            defaultValue = "" + PostHogCopies.DEFAULT_ROW_LIMIT,
            description = "Copy at most this many events (default: ${DEFAULT-VALUE}).")
    long rowLimit;

    @Option(names = "--resume", description = "Continue the newest copy that stopped instead of starting a new one.")
    boolean resume;

    @Option(names = "--yes", description = "Do not stop when the copy needs more queries than are left this hour.")
    boolean yes;

    @Option(
            names = "--data-dir",
            description = "Data directory of the stopped Beton (default: $BETON_DATA_DIR or ./data).")
    java.nio.file.Path dataDir;

    @Override
    public Integer call() {
        return OfflineContext.run(
                dataDir,
                "Use Backtest → Load data from PostHog (/backtests/posthog-copy) or POST /api/v1/posthog-copies, or"
                        + " stop it and run this command again.",
                "Load from PostHog",
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
        long workspaceId = target.get().id();
        PostHogCopies copies = context.getBean(PostHogCopies.class);
        PostHogCopies.Request request = new PostHogCopies.Request(days, rowLimit);
        List<String> errors = request.errors();
        if (!errors.isEmpty()) {
            errors.forEach(e -> System.err.println(e + "."));
            return 2;
        }
        try {
            Optional<PostHogCopy> unfinished = resume ? copies.latestUnfinished(workspaceId) : Optional.empty();
            if (resume && unfinished.isEmpty()) {
                System.err.println("There is no stopped copy to resume; run without --resume to start one.");
                return 2;
            }
            if (unfinished.isEmpty()) {
                PostHogCopies.Estimate estimate = copies.estimate(workspaceId, request);
                System.out.printf(
                        "PostHog has %,d events from %s to %s and %,d company groups.%n"
                                + "Loading them will spend %,d PostHog queries; %,d of %,d are left this hour.%n",
                        estimate.events(),
                        estimate.periodStart(),
                        estimate.periodEnd(),
                        estimate.groups(),
                        estimate.queries(),
                        estimate.usage().queriesRemaining(),
                        estimate.usage().queriesPerHour());
                if (!estimate.fitsThisHour() && !yes) {
                    System.err.println("That is more than is left this hour. Run again with --yes to load what fits"
                            + " now and --resume after the next full hour for the rest.");
                    return 1;
                }
            }
            PostHogCopy copy;
            try (ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName("Copying")
                    .setInitialMax(Math.max(1, rowLimit))
                    .setUnit(" events", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .continuousUpdate()
                    .build()) {
                if (unfinished.isPresent()) {
                    copy = copies.resumeHere(workspaceId, unfinished.get().id(), (done, total) -> {
                                bar.maxHint(Math.max(1, total));
                                bar.stepTo(done);
                            })
                            .orElseThrow();
                } else {
                    copy = copies.run(workspaceId, request, (done, total) -> {
                        bar.maxHint(Math.max(1, total));
                        bar.stepTo(done);
                    });
                }
            }
            System.out.printf(
                    "Copy %d: %,d events%s and %,d company groups of the last %d days from %s, %d PostHog queries.%n",
                    copy.id(),
                    copy.eventsCopied(),
                    copy.eventsTotal().isPresent() ? " of " + copy.eventsTotal().getAsLong() : "",
                    copy.groupsCopied(),
                    copy.days(),
                    copy.source(),
                    copy.queriesSpent());
            copy.note().ifPresent(System.out::println);
            if (!copy.complete()) {
                return copy.note().map(n -> n.contains("budget")).orElse(false) ? 1 : 2;
            }
            System.out.println("Backtests now read this copy: ./beton backtest --days " + copy.days());
            return 0;
        } catch (PostHogNotConnected | PostHogException e) {
            System.err.println("PostHog: " + e.getMessage());
            return 2;
        }
    }

    private Optional<Workspace> target(Workspaces workspaces) {
        return CliWorkspace.findOrDefault(workspaces, workspace);
    }
}
