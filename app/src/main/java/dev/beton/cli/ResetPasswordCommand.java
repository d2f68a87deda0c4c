package dev.beton.cli;

import dev.beton.web.ProblemException;
import dev.beton.workspace.Users;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./beton reset-password EMAIL}: the operator's way back in for someone who forgot their
 * password, with or without a mail server. The new password is printed once and must be replaced
 * at the next login, since the operator has seen it.
 */
@Command(
        name = "reset-password",
        mixinStandardHelpOptions = true,
        description = {
            "Give a user a new one-time password (printed once); they must choose their own at their next login.",
            "Run it while Beton is stopped when it uses the embedded store.",
            "Exit status: 0 reset, 1 no such user, 2 it could not run."
        })
final class ResetPasswordCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EMAIL", description = "The user's email.")
    String email;

    @Option(names = "--data-dir", description = "Data directory of Beton (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    @Override
    public Integer call() {
        return OfflineContext.run(dataDir, "Stop it first, then run this again.", "The password reset", context -> {
            try {
                String password = context.getBean(Users.class).issueOneTimePassword(email);
                // Printed, never logged: logs are often shipped elsewhere.
                System.out.println("New one-time password for " + email + ": " + password);
                System.out.println("They must choose their own at their next login.");
                return 0;
            } catch (ProblemException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        });
    }
}
