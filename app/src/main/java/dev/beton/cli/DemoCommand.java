package dev.beton.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run Beton on its embedded stores with a demo workspace (no database server, PostHog or Attio).")
final class DemoCommand extends ServerCommand {

    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(names = "--preset", description = "Demo world preset: realistic (default) or seed (15 accounts).")
    String preset;

    @Option(
            names = "--small",
            description = "The small demo (seed 003's compact mock mode): the seed preset's 15 accounts and their"
                    + " users over 60 days, so every page answers in seconds. Same as --preset seed --days 60.")
    boolean small;

    /** Days of history of the small demo: enough for every funnel stage of the seed's story. */
    static final int SMALL_DAYS = 60;

    @Spec
    CommandSpec spec;

    @Option(names = "--accounts", description = "Accounts of the realistic demo world (default 200).")
    Integer accounts;

    @Option(names = "--days", description = "Days of history of the demo world (default 180).")
    Integer days;

    @Option(names = "--seed", description = "Seed of the demo world: the same seed gives the same world (default 42).")
    Long seed;

    @Override
    List<String> springArguments() {
        List<String> args = new ArrayList<>(server.springArguments());
        args.add("--beton.demo=true");
        if (server.host == null) {
            // the demo prints its admin password: reachable from this machine only unless asked
            args.add("--server.address=127.0.0.1");
        }
        // The world is generated on first start only; these options matter for a fresh --data-dir.
        if (small) {
            if ((preset != null && !preset.equalsIgnoreCase("seed")) || accounts != null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--small is the seed preset's 15 accounts: leave out --preset and --accounts.");
            }
            preset = "seed";
            days = days == null ? SMALL_DAYS : days;
        }
        if (preset != null) {
            args.add("--beton.demo-world.preset=" + preset);
        }
        if (accounts != null) {
            args.add("--beton.demo-world.accounts=" + accounts);
        }
        if (days != null) {
            args.add("--beton.demo-world.days=" + days);
        }
        if (seed != null) {
            args.add("--beton.demo-world.seed=" + seed);
        }
        return args;
    }
}
