package dev.beton.connections;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.posthog.PostHogProjectRef;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 002's PostHog routes, under {@code /api/v1/posthog/…} and at their old paths {@code
 * /api/posthog/…}, with the seed's success bodies. Errors are problem details that also carry the
 * seed's {@code error} and {@code error_type} members ({@link ConnectionProblems}), so existing
 * clients keep working.
 */
@RestController
class PostHogApi extends ConnectionProblems {

    private final PostHogConnector connector;
    private final ConnectionViews views;

    PostHogApi(PostHogConnector connector, ConnectionViews views) {
        this.connector = connector;
        this.views = views;
    }

    record ValidateRequest(
            @JsonProperty("api_key") String apiKey,
            String region,
            String host,
            @JsonProperty("project_id") String projectId) {

        PostHogConnectRequest toConnectRequest() {
            return new PostHogConnectRequest(
                    Optional.ofNullable(apiKey),
                    Optional.ofNullable(region),
                    Optional.ofNullable(host),
                    Optional.ofNullable(projectId).filter(p -> !p.isBlank()).map(ValidateRequest::projectNumber));
        }

        private static long projectNumber(String id) {
            try {
                return Long.parseLong(id.strip());
            } catch (NumberFormatException e) {
                throw new ConnectionFailure(ErrorType.INVALID_FORMAT, "A PostHog project id is a number, like 12345.");
            }
        }

        @Override
        public String toString() {
            return "ValidateRequest[apiKey=" + (apiKey == null ? "none" : "***") + ", region=" + region + ", host="
                    + host + ", projectId=" + projectId + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ValidateResponse(
            boolean success,
            @JsonProperty("workspace_name") String workspaceName,
            @JsonProperty("project_id") String projectId,
            @JsonProperty("project_name") String projectName,
            @JsonProperty("events_count") long eventsCount,
            String host,
            String region,
            List<PostHogProjectRef> projects) {

        static ValidateResponse of(PostHogConnection c) {
            return new ValidateResponse(
                    true,
                    c.organizationName(),
                    String.valueOf(c.projectId()),
                    c.projectName(),
                    c.eventsCount(),
                    c.host(),
                    c.region(),
                    c.projects());
        }
    }

    record StatusResponse(
            @JsonProperty("is_configured") boolean configured,
            @JsonProperty("is_validated") boolean validated,
            @JsonProperty("is_active") boolean active,
            @JsonProperty("workspace_name") String workspaceName,
            @JsonProperty("project_id") String projectId,
            @JsonProperty("project_name") String projectName,
            @JsonProperty("validated_at") Instant validatedAt,
            @JsonProperty("last_sync") Instant lastSync,
            @JsonProperty("validation_error") String validationError,
            @JsonProperty("api_key") String maskedKey,
            String source,
            String host,
            String state) {}

    record Message(String message) {}

    @PostMapping({"/api/v1/posthog/validate", "/api/posthog/validate"})
    ValidateResponse validate(CurrentWorkspace current, @RequestBody ValidateRequest request) {
        Admins.require(current);
        return ValidateResponse.of(connector.connect(current.id(), request.toConnectRequest()));
    }

    @GetMapping({"/api/v1/posthog/status", "/api/posthog/status"})
    StatusResponse status(CurrentWorkspace current) {
        ConnectionView view = views.of(current.id(), Integration.POSTHOG);
        var details = view.details();
        return new StatusResponse(
                view.configured() || details.containsKey("project_id"),
                view.validated(),
                view.active(),
                details.get("workspace_name"),
                details.get("project_id"),
                details.get("project_name"),
                view.validatedAt(),
                view.lastSync(),
                view.validationError(),
                view.maskedKey(),
                view.source(),
                details.get("host"),
                view.state());
    }

    @PostMapping({"/api/v1/posthog/disconnect", "/api/posthog/disconnect"})
    ResponseEntity<?> disconnect(CurrentWorkspace current) {
        Admins.require(current);
        if (!connector.disconnect(current.id())) {
            throw new ConnectionFailure(ErrorType.NOT_FOUND, "PostHog is not connected in this workspace.");
        }
        return ResponseEntity.ok(new Message("PostHog integration disconnected successfully"));
    }
}
