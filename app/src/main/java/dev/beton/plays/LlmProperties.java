package dev.beton.plays;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional LLM that may write sales plays ({@code beton.llm.*}): an OpenAI-compatible
 * endpoint. Off unless both {@code BETON_LLM_URL} and {@code BETON_LLM_MODEL} are set. The API key
 * is not configuration: it is sealed per workspace ({@code PUT /api/v1/sales-plays/llm-key}).
 *
 * @param url the API base, e.g. {@code https://api.openai.com/v1} ({@code /chat/completions} is appended)
 * @param model e.g. {@code gpt-4o-mini}
 * @param timeout how long one play may take to write
 */
@ConfigurationProperties("beton.llm")
public record LlmProperties(
        @DefaultValue("") String url,
        @DefaultValue("") String model,
        @DefaultValue("60s") Duration timeout) {

    public LlmProperties {
        url = url.strip();
        model = model.strip();
        if (!url.isEmpty() && !url.matches("https?://\\S+")) {
            throw new IllegalArgumentException(
                    "BETON_LLM_URL must be an http(s) URL such as https://api.openai.com/v1, not '" + url + "'.");
        }
    }

    boolean configured() {
        return !url.isEmpty() && !model.isEmpty();
    }

    /** The chat completions endpoint. */
    Optional<String> completions() {
        if (!configured()) {
            return Optional.empty();
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return Optional.of(base.endsWith("/chat/completions") ? base : base + "/chat/completions");
    }
}
