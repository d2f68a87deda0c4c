package dev.beton.plays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.beton.web.ProblemException;
import dev.beton.workspace.credentials.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The LLM path against a tiny fake OpenAI-compatible server: what it is sent, and what is kept of its answer. */
class LlmPlayTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    HttpServer server;
    final AtomicReference<String> received = new AtomicReference<>();
    final AtomicReference<String> authorization = new AtomicReference<>();
    volatile int status = 200;
    volatile String content = "";

    @BeforeEach
    void fakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = JSON.writeValueAsString(Map.of(
                            "id",
                            "chatcmpl-1",
                            "object",
                            "chat.completion",
                            "choices",
                            List.of(Map.of(
                                    "index",
                                    0,
                                    "message",
                                    Map.of("role", "assistant", "content", content),
                                    "finish_reason",
                                    "stop"))))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    LlmPlay llm() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        return new LlmPlay(
                new LlmProperties(url, "tiny-model", Duration.ofSeconds(5)), HttpClient.newHttpClient(), JSON);
    }

    @Test
    void sendsOnlyTheNumberedFactsAndKeepsGroundedPointsWithTheirCitations() {
        content = """
                ```json
                {"why_now": [{"text": "Acme read pricing four times this week.", "facts": ["F2", "F99"]},
                             {"text": "An invented claim.", "facts": []}],
                 "who_to_contact": [{"text": "Ann is the champion.", "facts": ["F5"]}],
                 "talking_points": [], "next_steps": [{"text": "Call Ann.", "facts": ["F5"]}], "risks": []}
                ```""";
        SalesPlay play = llm().write(PlayFixtures.hotAccount(Optional.empty()), Optional.of(Secret.of("sk-test-123")));

        JsonNode request = JSON.readTree(received.get());
        assertThat(request.get("model").asString()).isEqualTo("tiny-model");
        assertThat(request.at("/messages/0/content").asString()).isEqualTo(LlmPlay.INSTRUCTIONS);
        String facts = request.at("/messages/1/content").asString();
        assertThat(facts).contains("F1: PQL score 70/100", "F2: Signal pricing_intent", "simulated for the demo");
        assertThat(authorization.get()).isEqualTo("Bearer sk-test-123");

        assertThat(play.writer()).isEqualTo("llm:tiny-model");
        assertThat(play.sections().getFirst().points())
                .containsExactly(new SalesPlay.Point("Acme read pricing four times this week.", List.of("F2")));
        assertThat(play.cited()).extracting(Fact::id).containsExactly("F2", "F5");
        assertThat(PlayMarkdown.of(play)).contains("written by llm:tiny-model", "**F5** ann (ann@acme.com)");
    }

    @Test
    void anAnswerCitingNothingIsABadGateway() {
        content = "{\"why_now\": [{\"text\": \"Buy now!\", \"facts\": []}]}";
        assertThatThrownBy(() -> llm().write(PlayFixtures.hotAccount(Optional.empty()), Optional.empty()))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("no point that cites");
    }

    @Test
    void anHttpErrorIsABadGatewayThatNamesTheStatus() {
        status = 429;
        content = "{}";
        assertThatThrownBy(() -> llm().write(PlayFixtures.hotAccount(Optional.empty()), Optional.empty()))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("HTTP 429")
                .satisfies(
                        e -> assertThat(((ProblemException) e).status().value()).isEqualTo(502));
    }

    @Test
    void withoutUrlAndModelTheLlmIsNotConfigured() {
        LlmPlay off = new LlmPlay(new LlmProperties("", "", Duration.ofSeconds(5)), HttpClient.newHttpClient(), JSON);
        assertThatThrownBy(() -> off.write(PlayFixtures.hotAccount(Optional.empty()), Optional.empty()))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("BETON_LLM_URL");
    }
}
