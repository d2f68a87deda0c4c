package dev.beton.events;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/** Beton (or one of its CLI verbs) as a separate JVM on the test's classpath. */
public final class BetonProcess {

    public static final String ADMIN = "admin@example.com";
    public static final String PASSWORD = "correct-horse-battery";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private BetonProcess() {}

    /** The output and exit status of a CLI verb that ran to its end. */
    public record Finished(int exitCode, String output) {}

    /** Starts {@code serve} and waits until it answers its health check. */
    public static Process serve(Path dataDir, int port, Path log) throws IOException, InterruptedException {
        return serve(dataDir, port, log, List.of());
    }

    /** {@link #serve(Path, int, Path)} with more arguments, e.g. {@code --beton.attio.base-url=…}. */
    public static Process serve(Path dataDir, int port, Path log, List<String> more)
            throws IOException, InterruptedException {
        List<String> arguments =
                new ArrayList<>(List.of("serve", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        arguments.addAll(more);
        ProcessBuilder builder = builder(arguments);
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            // Connection refused while it starts counts as "not yet"; a process that exits stops the wait.
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .failFast("Beton exited during start-up", () -> !process.isAlive())
                    .until(() -> get(port, "/actuator/health").statusCode() == 200);
            return process;
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Beton did not start; see " + log, e);
        }
    }

    /**
     * Posts {@code /batch} requests of {@code size} events named {@code event} while {@code
     * keepGoing} holds, recording the uuids of every batch Beton acknowledged (200). Stops quietly
     * when the server goes away: the crash and backup tests kill or stop it on purpose.
     *
     * @param moreGroups extra {@code $groups} members as JSON, e.g. {@code ,"team":"t1"}, or ""
     */
    public static void sendBatches(
            int port,
            String token,
            String event,
            int size,
            String moreGroups,
            Set<UUID> acknowledged,
            BooleanSupplier keepGoing) {
        while (keepGoing.getAsBoolean()) {
            List<UUID> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("{\"api_key\":\"" + token + "\",\"batch\":[");
            for (int i = 0; i < size; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                body.append(i == 0 ? "" : ",")
                        .append("{\"event\":\"" + event + "\",\"distinct_id\":\"u")
                        .append(i % 20)
                        .append("\",\"uuid\":\"")
                        .append(id)
                        .append("\",\"properties\":{\"$groups\":{\"company\":\"c")
                        .append(i % 5)
                        .append("\"" + moreGroups + "}}}");
            }
            body.append("]}");
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/batch"))
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    acknowledged.addAll(ids);
                }
            } catch (IOException e) {
                return; // the server is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs a CLI verb to its end (at most four minutes: a cold JVM on a loaded machine is slow). */
    public static Finished run(List<String> arguments) throws IOException, InterruptedException {
        Path output = Files.createTempFile("beton-cli", ".log");
        ProcessBuilder builder = builder(arguments);
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("beton " + arguments + " did not finish");
        }
        return new Finished(process.exitValue(), Files.readString(output));
    }

    public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Basic " + basic)
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON request as the first admin (basic auth), as an operator's script would send it. */
    public static HttpResponse<String> sendAsAdmin(int port, String method, String path, String json)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static String projectToken(int port) throws IOException, InterruptedException {
        Matcher token = Pattern.compile("\"projectToken\":\"(phc_[^\"]+)\"")
                .matcher(get(port, "/api/v1/workspaces").body());
        if (!token.find()) {
            throw new IllegalStateException("No project token in /api/v1/workspaces");
        }
        return token.group(1);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ProcessBuilder builder(List<String> arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.beton.cli.BetonCli"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BETON_ADMIN_EMAIL", ADMIN);
        builder.environment().put("BETON_ADMIN_PASSWORD", PASSWORD);
        builder.redirectErrorStream(true);
        return builder;
    }
}
