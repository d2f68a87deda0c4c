package dev.beton.workspace;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tokens")
class TokenApi {

    private final ApiTokens tokens;

    TokenApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record NewToken(@NotBlank @Size(max = 200) String name) {}

    record TokenView(
            long id,
            String name,
            String hint,
            String workspace,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {}

    /** The secret appears in this response only. */
    record IssuedTokenView(long id, String name, String token, String workspace, Instant createdAt) {}

    @PostMapping
    ResponseEntity<IssuedTokenView> issue(CurrentWorkspace workspace, @Valid @RequestBody NewToken request) {
        IssuedApiToken issued = tokens.issue(workspace.id(), workspace.userId(), request.name());
        ApiToken token = issued.token();
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + token.id()))
                .body(new IssuedTokenView(
                        token.id(),
                        token.name(),
                        issued.secret(),
                        workspace.workspace().slug(),
                        token.createdAt()));
    }

    @GetMapping
    List<TokenView> list(CurrentWorkspace workspace) {
        return tokens.visibleTo(workspace).stream()
                .map(t -> new TokenView(
                        t.id(),
                        t.name(),
                        t.hint(),
                        workspace.workspace().slug(),
                        t.createdAt(),
                        t.lastUsedAt().orElse(null),
                        t.revokedAt().orElse(null)))
                .toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(CurrentWorkspace workspace, @PathVariable long id) {
        tokens.revoke(workspace, id);
        return ResponseEntity.noContent().build();
    }
}
