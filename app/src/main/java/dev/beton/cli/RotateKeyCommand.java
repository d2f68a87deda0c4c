package dev.beton.cli;

import dev.beton.BetonApplication;
import dev.beton.workspace.credentials.SecretVault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "rotate-key",
        mixinStandardHelpOptions = true,
        description = {
            "Re-seal every stored credential under the current BETON_ENCRYPTION_KEY.",
            "Set the new key as BETON_ENCRYPTION_KEY and the old one in BETON_ENCRYPTION_PREVIOUS_KEYS first;"
                    + " afterwards the old key can be dropped. Stop Beton first when it uses the embedded store."
        })
final class RotateKeyCommand implements Callable<Integer> {

    @Option(
            names = "--data-dir",
            description = "Directory of the embedded stores (default: $BETON_DATA_DIR or ./data).")
    java.nio.file.Path dataDir;

    @Override
    public Integer call() {
        SpringApplication application = new SpringApplication(BetonApplication.class);
        // The web layer is part of the application's wiring; port -1 keeps it from listening.
        List<String> args = new ArrayList<>(List.of("--server.port=-1"));
        if (dataDir != null) {
            args.add("--beton.data-dir=" + dataDir);
        }
        try (ConfigurableApplicationContext context = application.run(args.toArray(String[]::new))) {
            SecretVault.Rotation rotation = context.getBean(SecretVault.class).resealAll();
            System.out.println("Re-sealed " + rotation.resealed() + " of " + rotation.total()
                    + " stored credentials under the current key. BETON_ENCRYPTION_PREVIOUS_KEYS can now be removed.");
            return 0;
        } catch (RuntimeException e) {
            // Spring printed a short report for start-up problems; a secret no key opens says which.
            if (e.getMessage() != null && !e.getClass().getName().startsWith("org.springframework")) {
                System.err.println(e.getMessage());
            }
            return 1;
        }
    }
}
