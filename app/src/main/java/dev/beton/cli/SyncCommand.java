package dev.beton.cli;

import dev.beton.routing.Plan;
import dev.beton.routing.Routing;
import dev.beton.web.ProblemException;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./beton sync attio --workspace W [--dry-run]}: plans the workspace's hot accounts into
 * Attio deals against a stopped Beton's data, prints the plan, and (unless a dry run) applies it
 * with a progress bar.
 */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Send the workspace's hot accounts to Attio as deals: make a plan (create / update / skip, with reasons)"
                    + " and apply it. Run it while Beton is stopped; while it runs, use the Routing page or"
                    + " POST /api/v1/attio/sync/signals.",
            "Exit status: 0 every item done, 1 some items were rejected or wait for a retry, 2 failed."
        })
final class SyncCommand implements Callable<Integer> {

    enum Target {
        attio,
        cdp
    }

    @Parameters(
            index = "0",
            description = "attio (hot accounts → Attio deals) or cdp (Attio → PostHog and Beton's store)")
    Target target;

    @Option(names = "--workspace", required = true, description = "Workspace slug or id.")
    String workspace;

    @Option(names = "--dry-run", description = "Make and print the plan (cdp: count what would be sent), send nothing.")
    boolean dryRun;

    @Option(names = "--full", description = "cdp only: resend every record, not only what changed since the last sync.")
    boolean full;

    @Option(names = "--attio-url", description = "Attio's API root (default https://api.attio.com; an emulator's URL).")
    String attioUrl;

    @Option(
            names = "--data-dir",
            description = "Data directory of the stopped Beton (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        if (attioUrl != null) {
            System.setProperty("beton.attio.base-url", attioUrl);
        }
        return OfflineContext.run(
                dataDir,
                "Use the Routing page (/routing) or POST /api/v1/attio/sync/signals, or stop it and run this"
                        + " command again.",
                "Sync to Attio",
                this::run);
    }

    private int run(ConfigurableApplicationContext context) {
        Workspaces workspaces = context.getBean(Workspaces.class);
        Optional<Workspace> chosen = CliWorkspace.findOrSay(workspaces, workspace);
        if (chosen.isEmpty()) {
            return 2;
        }
        if (target == Target.cdp) {
            return CdpSyncRun.run(context, chosen.get(), full, dryRun);
        }
        Routing routing = context.getBean(Routing.class);
        long id = chosen.get().id();
        Routing.PlanView plan;
        try {
            plan = routing.sync(id, true, "cli", "cli");
        } catch (ProblemException e) {
            System.err.println(e.toProblemDetail().getDetail());
            return 2;
        }
        print(plan);
        if (dryRun) {
            System.out.println("Dry run: nothing was sent to Attio. Apply it with: ./beton sync attio --workspace "
                    + chosen.get().slug());
            return 0;
        }
        if (plan.plan().creates() + plan.plan().updates() == 0) {
            System.out.println("Nothing to send.");
            return 0;
        }
        Routing.PlanView applied;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Sending to Attio")
                .setInitialMax(plan.plan().creates() + plan.plan().updates())
                .setUnit(" deals", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .continuousUpdate()
                .build()) {
            applied = routing.applyHere(id, plan.plan().id(), "cli", (done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
        long done =
                applied.items().stream().filter(i -> i.state().equals("done")).count();
        long waiting = applied.items().stream()
                .filter(i -> i.state().equals("retrying") || i.state().equals("pending"))
                .count();
        long rejected = applied.items().stream()
                .filter(i -> i.state().equals("rejected"))
                .count();
        System.out.printf(
                "Plan %d applied: %d done, %d waiting for a retry, %d rejected.%n",
                plan.plan().id(), done, waiting, rejected);
        applied.items().stream()
                .filter(i -> !i.state().equals("done") && !i.state().equals("skipped"))
                .forEach(i -> System.out.println("  " + i.accountKey() + ": " + i.state() + " - "
                        + i.lastError().orElse("")));
        return waiting + rejected == 0 ? 0 : 1;
    }

    private static void print(Routing.PlanView view) {
        Plan plan = view.plan();
        System.out.printf(
                "Plan %d: %d to create, %d to update, %d skipped (threshold %d).%n",
                plan.id(), plan.creates(), plan.updates(), plan.skips(), plan.threshold());
        plan.warnings().forEach(w -> System.out.println("  warning: " + w));
        for (Plan.Item item : view.items()) {
            System.out.printf("  %-6s %3d  %s - %s%n", item.action(), item.score(), item.accountKey(), item.reason());
            item.diff()
                    .forEach(c -> System.out.printf(
                            "           %s: %s -> %s%n",
                            c.attribute(), c.before().isEmpty() ? "-" : c.before(), c.after()));
        }
    }
}
