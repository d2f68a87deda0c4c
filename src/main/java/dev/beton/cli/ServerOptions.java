package dev.beton.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by the verbs that start the web server. */
final class ServerOptions {

    @Option(names = "--port", description = "HTTP port (default: $PORT or 8080).")
    Integer port;

    @Option(
            names = "--data-dir",
            description = "Directory of the embedded stores (default: $BETON_DATA_DIR or ./data).")
    Path dataDir;

    /**
     * @param settings the command's unmatched arguments: Beton settings as
     *     {@code --beton.<name>=<value>}, e.g. the emulator's printed
     *     {@code --beton.attio.base-url=http://127.0.0.1:PORT}; anything else is refused as a typo
     */
    List<String> springArguments(CommandSpec command, List<String> settings) {
        List<String> args = new ArrayList<>();
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (dataDir != null) {
            args.add("--beton.data-dir=" + dataDir);
        }
        for (String setting : settings) {
            if (!setting.matches("--beton\\.[A-Za-z0-9.\\-\\[\\]]+=.*")) {
                throw new ParameterException(
                        command.commandLine(),
                        "Unknown option: '" + setting + "'. Beton settings are passed as --beton.<name>=<value>.");
            }
            args.add(setting);
        }
        return args;
    }
}
