package dev.beton.cli;

import dev.beton.dashboards.ProvisionResult;
import dev.beton.dashboards.Provisioner;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./beton provision --workspace W}: provisions the four dashboards into the workspace's
 * PostHog project against a stopped Beton's data, and prints the result per dashboard.
 */
@Command(
        name = "provision",
        mixinStandardHelpOptions = true,
        description = {
            "Create or update Beton's four dashboards (Signal Overview, Account Health, PQL Performance,"
                    + " Backtesting) in the workspace's PostHog project. Run it while Beton is stopped; while it"
                    + " runs, use the Dashboards page or POST /api/v1/dashboards/provision.",
            "Exit status: 0 all provisioned, 1 some dashboards failed, 2 nothing could be done."
        })
final class ProvisionCommand implements Callable<Integer> {

    @Option(names = "--workspace", required = true, description = "Workspace slug or id.")
    String workspace;

    @Option(
            names = "--data-dir",
            description = "Data directory of the stopped Beton (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        return OfflineContext.run(
                dataDir,
                "Use the Dashboards page (/dashboards) or POST /api/v1/dashboards/provision, or stop it and run this"
                        + " command again.",
                "Provisioning",
                this::run);
    }

    private int run(ConfigurableApplicationContext context) {
        Workspaces workspaces = context.getBean(Workspaces.class);
        Optional<Workspace> chosen = CliWorkspace.findOrSay(workspaces, workspace);
        if (chosen.isEmpty()) {
            return 2;
        }
        ProvisionResult result =
                context.getBean(Provisioner.class).provision(chosen.get().id());
        for (ProvisionResult.Dashboard d : result.dashboards()) {
            System.out.printf(
                    "%-16s %-9s %d created, %d updated, %d removed, %d unchanged%s%n",
                    d.dashboardId(),
                    d.action(),
                    d.created(),
                    d.migrated(),
                    d.removed(),
                    d.unchanged(),
                    d.url() == null ? "" : "  " + d.url());
        }
        result.warnings().forEach(w -> System.out.println("warning: " + w));
        if (result.error() != null) {
            System.err.println(result.error());
        }
        if (result.success()) {
            return 0;
        }
        return result.dashboards().stream().anyMatch(d -> !"failed".equals(d.action())) ? 1 : 2;
    }
}
