package dev.beton.cli;

import dev.beton.inspector.Finding;
import dev.beton.inspector.Inspections;
import dev.beton.inspector.PunchList;
import dev.beton.inspector.PunchListCsv;
import dev.beton.inspector.StoredRule;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
 * {@code ./beton inspect RULE [--csv FILE] [--workspace W]}: runs one inspection rule on the
 * workspace's event source against a stopped Beton's data directory and prints its punch list.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Run an inspection rule (by id or name) as of an instant (default now) and print its ranked punch list;"
                    + " --csv also writes it as an Excel-safe CSV file. Run it while Beton is stopped; while it runs,"
                    + " use the Inspection rules page or POST /api/v1/inspection-rules/{id}/run.",
            "Exit status: 0 ran (also with no findings), 2 failed."
        })
final class InspectCommand implements Callable<Integer> {

    private static final int TOP = 20;

    @Parameters(index = "0", paramLabel = "RULE", description = "Rule id or name (case-insensitive).")
    String rule;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the punch list to this CSV file.")
    Path csv;

    @Option(
            names = "--workspace",
            description = "Workspace slug or id (default: the only workspace, else 'demo', else 'default').")
    String workspace;

    @Option(names = "--as-of", description = "Evaluate as of this instant, e.g. 2025-12-01T06:00:00Z (default: now).")
    Instant asOf;

    @Option(
            names = "--data-dir",
            description = "Data directory of the stopped Beton (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        return OfflineContext.run(
                dataDir,
                "Use the Inspection rules page (/inspector) or POST /api/v1/inspection-rules/{id}/run, or stop it and"
                        + " run this command again.",
                "Inspection",
                this::run);
    }

    private int run(ConfigurableApplicationContext context) {
        Workspaces workspaces = context.getBean(Workspaces.class);
        Optional<Workspace> target = target(workspaces);
        if (target.isEmpty()) {
            System.err.println((workspace == null
                            ? "Say which workspace with --workspace."
                            : "There is no workspace '" + workspace + "'.")
                    + " Workspaces: "
                    + workspaces.all().stream().map(Workspace::slug).toList() + ".");
            return 2;
        }
        Inspections inspections = context.getBean(Inspections.class);
        long workspaceId = target.get().id();
        Optional<StoredRule> found = inspections.find(workspaceId, rule);
        if (found.isEmpty()) {
            System.err.println(
                    "There is no rule '" + rule + "' in " + target.get().slug() + ". Rules: "
                            + inspections.rules(workspaceId).stream()
                                    .map(r -> r.id() + " \"" + r.rule().name() + "\"")
                                    .toList()
                            + ".");
            return 2;
        }
        Instant instant = Optional.ofNullable(asOf).orElseGet(inspections::now);
        PunchList list;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Inspecting")
                .setInitialMax(csv == null ? 1 : 2)
                .setUnit(" steps", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .continuousUpdate()
                .build()) {
            list = inspections.run(workspaceId, found.get(), instant);
            bar.step();
            if (csv != null) {
                write(csv, PunchListCsv.of(list));
                bar.step();
            }
        } catch (IOException e) {
            System.err.println("Could not write " + csv + ": " + e.getMessage());
            return 2;
        }
        print(target.get(), list);
        return 0;
    }

    private void print(Workspace target, PunchList list) {
        System.out.printf(
                "\"%s\" (version %d, %s level) in %s as of %s on %s: %d findings.%n",
                list.ruleName(),
                list.ruleVersion(),
                list.level().key(),
                target.slug(),
                list.asOf(),
                list.source(),
                list.summary().findings());
        List<Finding> top = list.findings().stream().limit(TOP).toList();
        for (Finding f : top) {
            System.out.printf(
                    "  %3d  %8.2f  %-40s %6d events  %3d active days  %3d days since last%n",
                    f.rank(),
                    f.score(),
                    f.entityId() + (f.name() == null ? "" : " (" + f.name() + ")"),
                    f.eventCount(),
                    f.activeDays(),
                    f.daysSinceLastEvent());
        }
        if (list.findings().size() > TOP) {
            System.out.println("  … and " + (list.findings().size() - TOP) + " more.");
        }
        if (csv != null) {
            System.out.println("Wrote " + list.findings().size() + " findings to " + csv.toAbsolutePath() + ".");
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private Optional<Workspace> target(Workspaces workspaces) {
        return CliWorkspace.findOrDefault(workspaces, workspace);
    }
}
