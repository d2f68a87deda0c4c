package dev.beton.plays;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An account's sales play as JSON or Markdown, attached to its Attio deal, and the LLM's key. */
@RestController
class SalesPlayApi {

    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

    private final SalesPlays plays;

    SalesPlayApi(SalesPlays plays) {
        this.plays = plays;
    }

    /** The play with every fact gathered; {@code writer=llm} asks the configured LLM instead of the templates. */
    @GetMapping("/api/v1/accounts/{key}/sales-play")
    SalesPlay play(
            CurrentWorkspace workspace,
            @PathVariable String key,
            @RequestParam(defaultValue = "template") String writer) {
        return plays.play(workspace.id(), key, SalesPlays.Writer.of(writer));
    }

    @GetMapping("/api/v1/accounts/{key}/sales-play.md")
    ResponseEntity<String> markdown(
            CurrentWorkspace workspace,
            @PathVariable String key,
            @RequestParam(defaultValue = "template") String writer) {
        SalesPlay play = plays.play(workspace.id(), key, SalesPlays.Writer.of(writer));
        return ResponseEntity.ok()
                .contentType(MARKDOWN)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(key) + "\"")
                .body(plays.markdown(play));
    }

    /** Puts the play on the Attio deal Beton made for the account, as a note. */
    @PostMapping("/api/v1/accounts/{key}/sales-play/attio-note")
    Map<String, String> attach(
            CurrentWorkspace workspace,
            Principal principal,
            @PathVariable String key,
            @RequestParam(defaultValue = "template") String writer) {
        return Map.of(
                "result", plays.attachToDeal(workspace.id(), key, principal.getName(), SalesPlays.Writer.of(writer)));
    }

    record LlmSettings(boolean configured, Optional<String> key) {}

    record KeyRequest(String key) {}

    @GetMapping("/api/v1/sales-plays/llm")
    LlmSettings llm(CurrentWorkspace workspace) {
        return new LlmSettings(plays.llmConfigured(), plays.maskedKey(workspace.id()));
    }

    /** Seals the workspace's API key for the LLM (admins only); answers it masked. */
    @PutMapping("/api/v1/sales-plays/llm-key")
    LlmSettings sealKey(CurrentWorkspace workspace, @RequestBody KeyRequest request) {
        if (!workspace.isAdmin()) {
            throw ProblemException.forbidden("Only workspace admins set the LLM's API key.");
        }
        return new LlmSettings(plays.llmConfigured(), Optional.of(plays.sealKey(workspace.id(), request.key())));
    }

    static String fileName(String key) {
        return "sales-play-" + key.replaceAll("[^A-Za-z0-9._-]", "_") + ".md";
    }
}
