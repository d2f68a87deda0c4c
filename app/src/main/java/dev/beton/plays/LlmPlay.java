package dev.beton.plays;

import dev.beton.web.ProblemException;
import dev.beton.workspace.credentials.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A play written by an LLM behind an OpenAI-compatible {@code /chat/completions}, given only the
 * numbered facts and asked for JSON whose every point cites them. Points citing no known fact are
 * dropped (they would not be grounded); citations of unknown ids are removed.
 */
final class LlmPlay {

    static final String INSTRUCTIONS = """
            You write a sales play for a B2B account from the numbered facts you are given, and \
            from nothing else: do not invent names, numbers or events. Answer with one JSON object \
            with the keys why_now, who_to_contact, talking_points, next_steps and risks; each is a \
            list of objects {"text": "<one sentence>", "facts": ["F1", ...]} citing the ids of the \
            facts the sentence rests on. Every sentence cites at least one fact.""";

    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("why_now", "Why now");
        KEYS.put("who_to_contact", "Who to contact");
        KEYS.put("talking_points", "Talking points");
        KEYS.put("next_steps", "Next steps");
        KEYS.put("risks", "Risks");
    }

    private final LlmProperties properties;
    private final HttpClient http;
    private final JsonMapper json;

    LlmPlay(LlmProperties properties, HttpClient http, JsonMapper json) {
        this.properties = properties;
        this.http = http;
        this.json = json;
    }

    SalesPlay write(PlayFacts p, Optional<Secret> key) {
        FactSheet sheet = FactSheet.of(p);
        String endpoint = properties
                .completions()
                .orElseThrow(() -> ProblemException.conflict(
                        "No LLM is configured: set BETON_LLM_URL and BETON_LLM_MODEL, or use the template play."));
        JsonNode answer = call(endpoint, key, request(p, sheet));
        return new SalesPlay(
                p.accountKey(),
                p.companyName(),
                p.asOf(),
                "llm:" + properties.model(),
                sections(answer, sheet.all()),
                sheet.all());
    }

    private String request(PlayFacts p, FactSheet sheet) {
        StringBuilder facts = new StringBuilder("Account: " + p.companyName() + " (" + p.accountKey() + ")\nFacts:\n");
        sheet.all()
                .forEach(f -> facts.append(f.id()).append(": ").append(f.text()).append('\n'));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", properties.model());
        body.put("temperature", 0);
        body.put("response_format", Map.of("type", "json_object"));
        body.put(
                "messages",
                List.of(
                        Map.of("role", "system", "content", INSTRUCTIONS),
                        Map.of("role", "user", "content", facts.toString())));
        return json.writeValueAsString(body);
    }

    private JsonNode call(String endpoint, Optional<Secret> key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k.reveal()));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failed("could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("was interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw failed("answered HTTP " + response.statusCode());
        }
        try {
            String content = json.readTree(response.body())
                    .at("/choices/0/message/content")
                    .asString();
            return json.readTree(stripFence(content));
        } catch (JacksonException e) {
            throw failed("did not answer the JSON asked for");
        }
    }

    private static List<SalesPlay.Section> sections(JsonNode answer, List<Fact> facts) {
        Set<String> known = facts.stream().map(Fact::id).collect(Collectors.toSet());
        List<SalesPlay.Section> sections = new ArrayList<>();
        KEYS.forEach((key, title) -> {
            List<SalesPlay.Point> points = new ArrayList<>();
            for (JsonNode item : answer.path(key)) {
                String text = item.path("text").asString("").strip();
                List<String> cited = new ArrayList<>();
                item.path("facts").forEach(f -> {
                    if (known.contains(f.asString("")) && !cited.contains(f.asString(""))) {
                        cited.add(f.asString(""));
                    }
                });
                if (!text.isEmpty() && !cited.isEmpty()) {
                    points.add(new SalesPlay.Point(text, cited));
                }
            }
            sections.add(new SalesPlay.Section(title, points));
        });
        if (sections.stream().allMatch(s -> s.points().isEmpty())) {
            throw failed("wrote no point that cites Beton's facts");
        }
        return sections;
    }

    /** Some models wrap JSON in a Markdown code fence even when asked not to. */
    private static String stripFence(String content) {
        String text = content.strip();
        if (text.startsWith("```")) {
            text = text.substring(text.indexOf('\n') + 1);
            int end = text.lastIndexOf("```");
            text = end >= 0 ? text.substring(0, end) : text;
        }
        return text;
    }

    private static ProblemException failed(String what) {
        return new ProblemException(
                org.springframework.http.HttpStatus.BAD_GATEWAY,
                "llm-failed",
                "The LLM failed",
                "The LLM " + what + "; the template play is still available.");
    }
}
