package dev.beton.clickhouse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ClickHouse server for tests: Debian's {@code clickhouse-server} started once per JVM as a
 * plain process on loopback, on free ports, with its config and data under {@code
 * target/clickhouse-test} (no service, no root paths), and stopped when the JVM exits. A server
 * that already runs can be named with {@code BETON_CLICKHOUSE_TEST_PORT} (HTTP port on 127.0.0.1,
 * user {@code default} without password).
 *
 * <p>Without the binary the tests are skipped with a message, except under {@code CI=true}, where
 * {@code .ci/run} installs it and a missing server is a failure.
 */
public final class ClickHouseTestServer implements BeforeAllCallback {

    private static final Path BINARY = Path.of("/usr/bin/clickhouse-server");

    /** A second user, {@code beton}, has this password: for tests of the sealed password. */
    public static final String PASSWORD_USER_PASSWORD = "beton-test-secret-42";

    private static Integer httpPort;
    private static String version;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ensureStarted();
    }

    /** The server's settings with a fresh, empty database of its own. */
    public static ClickHouseSettings freshDatabase() {
        String database =
                "beton_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ClickHouseSettings admin = new ClickHouseSettings("127.0.0.1", port(), "default", "", "default", false);
        try (ClickHouseServer server = ClickHouseServer.open(admin)) {
            server.execute("CREATE DATABASE " + database);
        }
        return new ClickHouseSettings("127.0.0.1", port(), "default", "", database, false);
    }

    public static String version() {
        return version;
    }

    public static int port() {
        if (httpPort == null) {
            throw new IllegalStateException("ClickHouseTestServer is not registered on this test class");
        }
        return httpPort;
    }

    static synchronized void ensureStarted() throws Exception {
        if (httpPort != null) {
            return;
        }
        String external = System.getenv("BETON_CLICKHOUSE_TEST_PORT");
        if (external != null && !external.isBlank()) {
            httpPort = Integer.parseInt(external.strip());
        } else {
            boolean installed =
                    Files.isExecutable(BINARY) || Files.isExecutable(Path.of("/usr/sbin/clickhouse-server"));
            if (!installed && "true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but clickhouse-server is not installed (.ci/run installs it)");
            }
            assumeTrue(
                    installed,
                    "clickhouse-server is not installed: skipping the ClickHouse tests"
                            + " (apt-get install -y clickhouse-server)");
            httpPort = start();
        }
        try (ClickHouseServer server =
                ClickHouseServer.open(new ClickHouseSettings("127.0.0.1", httpPort, "default", "", "default", false))) {
            version = server.version();
        }
    }

    private static int start() throws Exception {
        Path root = Path.of(
                        "target",
                        "clickhouse-test",
                        Long.toString(ProcessHandle.current().pid()))
                .toAbsolutePath();
        Files.createDirectories(root.resolve("data"));
        int http = freePort();
        int tcp = freePort();
        Path config = root.resolve("config.xml");
        Files.writeString(config, config(root, http, tcp), StandardCharsets.UTF_8);
        String binary = Files.isExecutable(BINARY) ? BINARY.toString() : "/usr/sbin/clickhouse-server";
        Process process = new ProcessBuilder(binary, "--config-file=" + config)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("stdout.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.destroy();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clickhouse-server exited with " + process.exitValue() + "; see "
                        + root.resolve("stdout.log") + " and " + root.resolve("error.log"));
            }
            if (answers(http)) {
                return http;
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("clickhouse-server did not answer on port " + http + " within 60 s");
    }

    private static boolean answers(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + "/ping").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Users inline in the main config, all paths under {@code root}, UTC, quiet logs. */
    private static String config(Path root, int http, int tcp) {
        return """
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>%1$s/server.log</log><errorlog>%1$s/error.log</errorlog></logger>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <timezone>UTC</timezone>
                  <mark_cache_size>5368709120</mark_cache_size>
                  <users>
                    <default>
                      <password></password>
                      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </default>
                    <beton>
                      <password>%4$s</password>
                      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </beton>
                  </users>
                  <profiles><default></default></profiles>
                  <quotas><default></default></quotas>
                </yandex>
                """.formatted(root, http, tcp, PASSWORD_USER_PASSWORD);
    }
}
