package dev.beton.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run Beton on its embedded stores with a demo workspace (no database server, PostHog or Attio).")
final class DemoCommand extends ServerCommand {

    @Mixin
    ServerOptions server = new ServerOptions();

    @Override
    List<String> springArguments() {
        List<String> args = new ArrayList<>(server.springArguments());
        args.add("--beton.demo=true");
        return args;
    }
}
