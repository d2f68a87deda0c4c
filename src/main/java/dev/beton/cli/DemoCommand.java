package dev.beton.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run Beton on its embedded stores with a demo workspace (no database server, PostHog or Attio).")
final class DemoCommand extends ServerCommand {

    @Mixin
    ServerOptions server = new ServerOptions();

    /** Beton settings as {@code --beton.<name>=<value>} (see {@link ServerOptions#springArguments}). */
    @Unmatched
    List<String> settings = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", description = "Demo world preset: realistic (default) or seed (15 accounts).")
    String preset;

    @Option(names = "--accounts", description = "Accounts of the realistic demo world (default 200).")
    Integer accounts;

    @Option(names = "--days", description = "Days of history of the demo world (default 180).")
    Integer days;

    @Option(names = "--seed", description = "Seed of the demo world: the same seed gives the same world (default 42).")
    Long seed;

    @Override
    List<String> springArguments() {
        List<String> args = new ArrayList<>(server.springArguments(spec, settings));
        args.add("--beton.demo=true");
        // The world is generated on first start only; these options matter for a fresh --data-dir.
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
