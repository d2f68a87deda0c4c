package dev.beton.cli;

import dev.beton.BetonApplication;
import dev.beton.boot.DataDirectory;
import dev.beton.boot.StartupProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs a CLI verb against the stores of a stopped Beton: checks there is data, takes the data
 * directory's lock (the event store opens in one process only), and boots the application without
 * a port, demo generation or schedules, so the verb does exactly its own work.
 */
final class OfflineContext {

    private OfflineContext() {}

    /**
     * @param whileRunning what to tell the user when a running Beton holds the data directory
     * @param failure what failed, for the one-line error (e.g. "Detection")
     * @return the verb's exit code, or 2 when it could not run
     */
    static int run(
            Path requestedDir,
            String whileRunning,
            String failure,
            ToIntFunction<ConfigurableApplicationContext> verb) {
        Path dir = Optional.ofNullable(requestedDir)
                .orElseGet(() -> Path.of(
                        Optional.ofNullable(System.getenv("BETON_DATA_DIR")).orElse("./data")));
        if (System.getenv("DATABASE_URL") == null && !Files.exists(dir.resolve("beton.mv.db"))) {
            System.err.println("There is no Beton data in " + dir.toAbsolutePath()
                    + ". Start Beton once (./beton demo or ./beton serve) to create it, or pass --data-dir.");
            return 2;
        }
        try {
            DataDirectory.claim(dir);
        } catch (StartupProblem inUse) {
            System.err.println("Beton is running on " + dir.toAbsolutePath() + ", and its event store can only be"
                    + " opened by one process. " + whileRunning);
            return 2;
        }
        try (ConfigurableApplicationContext context = boot(dir)) {
            return verb.applyAsInt(context);
        } catch (RuntimeException e) {
            System.err.println(failure + " failed: " + e.getMessage());
            return 2;
        }
    }

    private static ConfigurableApplicationContext boot(Path dir) {
        // A servlet context without a listening port: the security configuration needs the web
        // stack; the verb must not take a port, generate demo data or start the daily schedules.
        return new SpringApplicationBuilder(BetonApplication.class)
                .logStartupInfo(false)
                .run(
                        "--beton.data-dir=" + dir,
                        "--server.port=-1",
                        "--beton.demo=false",
                        "--db-scheduler.enabled=false",
                        "--logging.level.dev.beton=WARN");
    }
}
