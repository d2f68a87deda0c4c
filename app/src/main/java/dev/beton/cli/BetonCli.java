package dev.beton.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./beton} command line: one entry point for the server verbs and the CLI verbs. */
@Command(
        name = "beton",
        mixinStandardHelpOptions = true,
        versionProvider = BetonVersion.class,
        description = "Product-qualified-lead signals, scores and CRM routing from product events.",
        footer = {
            "",
            "./beton emulate posthog|attio [--port N] runs a PostHog or Attio emulator for trying Beton"
                    + " without real accounts (a separate jar, not part of the application)."
        },
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            ImportCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            DetectCommand.class,
            BacktestCommand.class,
            KeygenCommand.class,
            RotateKeyCommand.class,
            SyncCommand.class,
            ProvisionCommand.class
        })
public final class BetonCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new BetonCli()).execute(args);
        // Server verbs block in their own non-daemon threads and return here only after start-up;
        // they report -1 to mean "keep running".
        if (exit != ServerCommand.KEEP_RUNNING) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
