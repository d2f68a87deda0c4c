package dev.beton.cli;

import dev.beton.workspace.credentials.SealingKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Print a new encryption key for BETON_ENCRYPTION_KEY (AES-256, base64).")
final class KeygenCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // The key goes to stdout alone, so `export BETON_ENCRYPTION_KEY=$(./beton keygen)` works;
        // the advice goes to stderr.
        System.out.println(SealingKey.generate().encoded());
        System.err.println("Set it as BETON_ENCRYPTION_KEY and keep a copy somewhere safe: stored credentials cannot be"
                + " opened without it. To rotate, move the old key to BETON_ENCRYPTION_PREVIOUS_KEYS and run"
                + " ./beton rotate-key.");
        return 0;
    }
}
