package dev.beton.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
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
            InspectCommand.class,
            LoadPostHogCommand.class,
            KeygenCommand.class,
            RotateKeyCommand.class,
            SyncCommand.class,
            ResetPasswordCommand.class,
            ProvisionCommand.class
        })
public final class BetonCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        // Server verbs block in their own non-daemon threads and return here only after start-up;
        // they report -1 to mean "keep running".
        if (exit != ServerCommand.KEEP_RUNNING) {
            System.exit(exit);
        }
    }

    /** The command line with Beton's value converters: a bad value is answered with a sentence. */
    public static CommandLine commandLine() {
        return new CommandLine(new BetonCli()).registerConverter(Instant.class, BetonCli::instant);
    }

    /**
     * Picocli's own Instant conversion reports a {@code DateTimeParseException} by its class name;
     * a user wants to know what to type instead.
     */
    static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an instant; write it as an ISO-8601 UTC time, e.g. 2026-12-01T06:00:00Z");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
