package dev.beton.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.beton.workspace.credentials.Secret;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the PostHog emulator does not give on demand (a 500, a 429 on discovery), served by a
 * local HTTP server with PostHog's documented bodies (reference/posthog-api.md §1, §3).
 */
class PostHogResponsesTest {

    private static final Secret KEY = Secret.of("phx_responsesTestKey0123456789abcdefghijklmnop");
    private HttpServer server;

    private PostHogClient answering(int status, String body, String retryAfter) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new PostHogClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                HttpClient.newHttpClient(),
                JsonMapper.builder().build(),
                Duration.ofSeconds(5),
                new QueryPolling(Clock.systemUTC(), QueryPolling.Pause.sleeping(), Duration.ofSeconds(60)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void throttledAnswersCarryRetryAfterSeconds() throws Exception {
        PostHogClient client = answering(
                429,
                "{\"type\":\"throttled_error\",\"code\":\"throttled\",\"detail\":\"Request was throttled. Expected"
                        + " available in 59 seconds.\",\"attr\":null}",
                "59");

        assertThatThrownBy(() -> client.me(KEY))
                .isInstanceOfSatisfying(PostHogException.RateLimited.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(59)));
    }

    @Test
    void serverErrorsAreApiErrorsWithTheStatus() throws Exception {
        PostHogClient client = answering(
                500, "{\"type\":\"server_error\",\"detail\":\"A server error occurred.\",\"attr\":null}", null);

        assertThatThrownBy(() -> client.me(KEY))
                .isInstanceOfSatisfying(PostHogException.ApiError.class, e -> assertThat(e.status())
                        .isEqualTo(500));
    }

    @Test
    void anHtmlPageInsteadOfJsonIsAnApiError() throws Exception {
        PostHogClient client = answering(200, "<html>not PostHog</html>", null);

        assertThatThrownBy(() -> client.me(KEY)).isInstanceOf(PostHogException.ApiError.class);
    }
}
