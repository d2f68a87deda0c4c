package dev.beton.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

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

    List<String> springArguments() {
        List<String> args = new ArrayList<>();
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
