package dev.beton.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run Beton as a server, configured from the environment and application.yml.")
final class ServeCommand extends ServerCommand {

    @Mixin
    ServerOptions server = new ServerOptions();

    @Override
    List<String> springArguments() {
        return server.springArguments();
    }
}
