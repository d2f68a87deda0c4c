package dev.beton.cli;

import dev.beton.events.imports.ImportListener;
import dev.beton.events.imports.ImportSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The import's console: a progress bar per file (MiB, rate, ETA), rejected lines, a summary. */
final class ImportConsole implements ImportListener, AutoCloseable {

    private static final int MAX_REPORTED = 1_000;

    private final List<Path> files;
    private final long startedNanos = System.nanoTime();
    private ProgressBar bar;
    private long reported;

    ImportConsole(List<Path> files) {
        this.files = files;
    }

    @Override
    public void fileStarted(Path file, long bytes) {
        close();
        // A file under 10 MiB counted in MiB showed "0/0 MiB … ? MiB/s": small files count in KiB,
        // and sizes and rates keep a decimal.
        boolean small = bytes < 10L << 20;
        bar = new ProgressBarBuilder()
                .setTaskName(file.getFileName().toString())
                .setInitialMax(Math.max(1, bytes))
                .setUnit(small ? " KiB" : " MiB", small ? 1 << 10 : 1 << 20)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed(new java.text.DecimalFormat("0.0"))
                .setUpdateIntervalMillis(500)
                .build();
    }

    @Override
    public void progress(long bytesDone, ImportSummary soFar) {
        if (bar != null) {
            bar.stepTo(bytesDone);
            double seconds = Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
            bar.setExtraMessage(String.format(" %,d events, %,.0f events/s", soFar.read(), soFar.read() / seconds));
        }
    }

    @Override
    public void rejected(Path file, long line, String reason) {
        if (++reported <= MAX_REPORTED) {
            System.err.println(file + ":" + line + ": " + reason);
        } else if (reported == MAX_REPORTED + 1) {
            System.err.println("(more rejected lines are counted but not listed)");
        }
    }

    void printSummary(ImportSummary summary) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        System.out.printf(
                "Imported %d file(s) in %.1f s: %,d read, %,d stored, %,d duplicates, %,d rejected.%n",
                files.size(),
                took.toMillis() / 1000.0,
                summary.read(),
                summary.stored(),
                summary.duplicates(),
                summary.rejected());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
