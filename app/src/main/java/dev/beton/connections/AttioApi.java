package dev.beton.connections;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.crm.AttioObject;
import dev.beton.workspace.CurrentWorkspace;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Attio's validation and object discovery (seed 000 Appendix B). */
@RestController
@RequestMapping("/api/v1/attio")
class AttioApi extends ConnectionProblems {

    private final AttioConnector attio;

    AttioApi(AttioConnector attio) {
        this.attio = attio;
    }

    record ValidateRequest(@JsonProperty("api_key") String apiKey) {
        @Override
        public String toString() {
            return "ValidateRequest[apiKey=" + (apiKey == null ? "none" : "***") + "]";
        }
    }

    /**
     * @param state {@code ok}, or {@code degraded} when scopes are missing or deals are disabled
     * @param dealsEnabled null when the token cannot list objects
     */
    record ValidateResponse(
            boolean success,
            String state,
            @JsonProperty("workspace_name") String workspaceName,
            @JsonProperty("workspace_slug") String workspaceSlug,
            @JsonProperty("missing_scopes") List<String> missingScopes,
            @JsonProperty("deals_enabled") Boolean dealsEnabled,
            String message) {}

    record ObjectView(
            @JsonProperty("api_slug") String apiSlug,
            @JsonProperty("singular_noun") String singularNoun,
            @JsonProperty("plural_noun") String pluralNoun) {}

    record Objects(List<ObjectView> data) {}

    @PostMapping("/validate")
    ValidateResponse validate(CurrentWorkspace current, @RequestBody ValidateRequest request) {
        Admins.require(current);
        return switch (attio.connect(current.id(), Optional.ofNullable(request.apiKey()))) {
            case AttioConnection.Ready r ->
                new ValidateResponse(
                        true, "ok", r.workspaceName(), r.workspaceSlug(), List.of(), true, "Attio is connected.");
            case AttioConnection.Limited l ->
                new ValidateResponse(
                        true,
                        "degraded",
                        l.workspaceName(),
                        l.workspaceSlug(),
                        l.missingScopes(),
                        l.dealsEnabled(),
                        l.explanation());
        };
    }

    @GetMapping("/objects")
    Objects objects(CurrentWorkspace current) {
        List<AttioObject> objects = attio.objects(current.id());
        return new Objects(objects.stream()
                .map(o -> new ObjectView(o.apiSlug(), o.singularNoun(), o.pluralNoun()))
                .toList());
    }
}
