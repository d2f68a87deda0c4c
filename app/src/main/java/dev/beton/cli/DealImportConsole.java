package dev.beton.cli;

import dev.beton.routing.DealCsvImport;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code ./beton import --deals FILE}: the deal file into the CRM mirror, with a progress bar in lines. */
final class DealImportConsole {

    private static final int MAX_REPORTED = 1_000;

    private DealImportConsole() {}

    static int run(ConfigurableApplicationContext context, String workspace, Path file) {
        Workspaces workspaces = context.getBean(Workspaces.class);
        Optional<Workspace> target = CliWorkspace.findOrSay(workspaces, workspace);
        if (target.isEmpty()) {
            return 2;
        }
        long lines;
        try (Stream<String> all = Files.lines(file)) {
            lines = Math.max(1, all.count() - 1);
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("Cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        DealCsvImport.Summary summary;
        try (InputStream in = Files.newInputStream(file);
                ProgressBar bar = new ProgressBarBuilder()
                        .setTaskName(file.getFileName().toString())
                        .setInitialMax(lines)
                        .setUnit(" deals", 1)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(200)
                        .build()) {
            long[] reported = {0};
            summary = context.getBean(DealCsvImport.class)
                    .importCsv(target.get().id(), in, new DealCsvImport.Listener() {
                        @Override
                        public void progress(long linesRead) {
                            bar.stepTo(linesRead);
                        }

                        @Override
                        public void rejected(long line, String reason) {
                            if (++reported[0] <= MAX_REPORTED) {
                                System.err.println(file + ":" + line + ": " + reason);
                            }
                        }
                    });
        } catch (IllegalArgumentException e) {
            System.err.println(file + ": " + e.getMessage());
            return 2;
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("The deal import stopped: " + e.getMessage());
            return 2;
        }
        System.out.printf(
                "Imported %s in %.1f s: %,d deals read, %,d stored, %,d rejected.%n",
                file.getFileName(),
                (System.nanoTime() - started) / 1e9,
                summary.read(),
                summary.stored(),
                summary.rejected());
        if (summary.stored() == 0) {
            return 2;
        }
        return summary.rejected() > 0 ? 1 : 0;
    }
}
