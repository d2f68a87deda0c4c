package dev.beton.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** Options shared by the verbs that start the web server. */
final class ServerOptions {

    @Option(names = "--port", description = "HTTP port (default: $PORT or 8080).")
    Integer port;

    @Option(
            names = "--host",
            description = "Address to listen on, e.g. 0.0.0.0 for every interface (default: 127.0.0.1 for demo,"
                    + " every interface for serve).")
    String host;

    @Option(
            names = "--data-dir",
            description = "Directory of the embedded stores (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    /**
     * Any Beton setting as {@code --beton.some.setting=value} (what {@code ./beton emulate} prints
     * to point Beton at an emulator). Only {@code beton.*} settings pass: a typo elsewhere should be
     * an error, not a silently ignored argument.
     */
    @Unmatched
    List<String> settings = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    List<String> springArguments() {
        List<String> args = new ArrayList<>();
        for (String setting : settings) {
            if (!setting.matches("--beton\\.[a-z0-9.-]+=.*")) {
                throw new ParameterException(
                        spec.commandLine(),
                        "Unknown option: '" + setting + "'. Settings are given as --beton.<setting>=<value>"
                                + " (e.g. --beton.attio.base-url=http://127.0.0.1:8001); see --help for the options.");
            }
            args.add(setting);
        }
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (host != null) {
            args.add("--server.address=" + host);
        }
        if (dataDir != null) {
            args.add("--beton.data-dir=" + dataDir);
        }
        return args;
    }
}
