package dev.beton.cli;

import dev.beton.workspace.credentials.SealingKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Print a new encryption key for BETON_ENCRYPTION_KEY (AES-256, base64).")
final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // The key goes to stdout alone, so `export BETON_ENCRYPTION_KEY=$(./beton keygen)` works;
        // the advice goes to stderr. Both through picocli's writers (System.out and System.err
        // unless a caller sets its own), so a test reads this command's output and no other thread's.
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println(SealingKey.generate().encoded());
        out.flush();
        err.println("Set it as BETON_ENCRYPTION_KEY and keep a copy somewhere safe: stored credentials cannot be"
                + " opened without it. To rotate, move the old key to BETON_ENCRYPTION_PREVIOUS_KEYS and run"
                + " ./beton rotate-key.");
        err.flush();
        return 0;
    }
}
