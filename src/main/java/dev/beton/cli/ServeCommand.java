package dev.beton.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run Beton as a server, configured from the environment and application.yml.")
final class ServeCommand extends ServerCommand {

    @Mixin
    ServerOptions server = new ServerOptions();

    /** Beton settings as {@code --beton.<name>=<value>} (see {@link ServerOptions#springArguments}). */
    @Unmatched
    List<String> settings = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    List<String> springArguments() {
        return server.springArguments(spec, settings);
    }
}
