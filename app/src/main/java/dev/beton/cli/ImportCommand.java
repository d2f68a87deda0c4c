package dev.beton.cli;

import dev.beton.events.imports.EventFileImport;
import dev.beton.events.imports.ImportSummary;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./beton import --workspace W FILE…}: imports event files into a workspace of a stopped
 * Beton's data directory; {@code --deals FILE} imports historical deals (CSV) into its CRM mirror. The embedded stores belong to one process at a time, so while Beton
 * runs this says so and points to the upload page and the capture API instead.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import events from JSON Lines (.jsonl/.ndjson/.json), CSV (PostHog events columns) or Parquet files,"
                    + " optionally gzipped, into a workspace. Run it while Beton is stopped; while it runs, upload"
                    + " on the Import page or send to /batch instead.",
            "With --deals FILE: historical deals from a CSV file (columns domain, amount, stage, outcome, created,"
                    + " closed, lead_source; optional account, deal_id, name) into the CRM mirror the backtests read.",
            "Exit status: 0 all lines stored (or already there), 1 some lines rejected, 2 nothing imported."
        })
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--workspace", required = true, description = "Workspace slug or id.")
    String workspace;

    @Option(
            names = "--data-dir",
            description = "Data directory of the stopped Beton (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    @Option(
            names = "--deals",
            paramLabel = "FILE",
            description = "A CSV file of historical deals to import into the CRM mirror (instead of events).")
    Path deals;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Event files to import, in order.")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        if (deals != null) {
            if (!files.isEmpty()) {
                System.err.println("Import deals (--deals) and events in two runs.");
                return 2;
            }
            if (!Files.isReadable(deals)) {
                System.err.println("Cannot read " + deals + ".");
                return 2;
            }
            return OfflineContext.run(
                    dataDir,
                    "Upload the deal file with POST /api/v1/crm/deals/import (Content-Type: text/csv) on the running"
                            + " Beton, or stop it and run this command again.",
                    "The deal import",
                    context -> DealImportConsole.run(context, workspace, deals));
        }
        if (files.isEmpty()) {
            System.err.println("Name the event files to import (or --deals FILE for a deal file).");
            return 2;
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                System.err.println("Cannot read " + file + ".");
                return 2;
            }
        }
        return OfflineContext.run(
                dataDir,
                "Upload the file on the Import page (/events/import) of the running Beton, send the events to"
                        + " its /batch endpoint, or stop it and run this command again.",
                "The import",
                this::run);
    }

    private int run(ConfigurableApplicationContext context) {
        Workspaces workspaces = context.getBean(Workspaces.class);
        Optional<Workspace> target = CliWorkspace.findOrSay(workspaces, workspace);
        if (target.isEmpty()) {
            return 2;
        }
        ImportConsole console = new ImportConsole(files);
        ImportSummary summary;
        try (console) {
            summary = context.getBean(EventFileImport.class)
                    .importFiles(target.get().id(), files, console);
        } catch (IOException e) {
            System.err.println("The import stopped: " + e.getMessage());
            return 2;
        }
        console.printSummary(summary);
        return summary.rejected() > 0 ? 1 : 0;
    }
}
