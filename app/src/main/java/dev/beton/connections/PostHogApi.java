package dev.beton.connections;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.posthog.PostHogProjectRef;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import dev.beton.workspace.credentials.SecretUnreadable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 002's PostHog routes, under {@code /api/v1/posthog/…} and at their old paths {@code
 * /api/posthog/…}, with the seed's bodies: success objects, and errors as {@code {"error":
 * "<sentence>", "error_type": "<type>"}}. Errors are handled here, not by the problem-detail
 * advice, so existing clients keep working.
 */
@RestController
class PostHogApi {

    private static final Logger log = LoggerFactory.getLogger(PostHogApi.class);

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

    record ErrorBody(
            String error, @JsonProperty("error_type") String errorType) {}

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

    @ExceptionHandler(ConnectionFailure.class)
    ResponseEntity<ErrorBody> failure(ConnectionFailure e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.type().status());
        e.retryAfter().ifPresent(d -> response.header("Retry-After", String.valueOf(Math.max(1, d.toSeconds()))));
        return response.body(new ErrorBody(e.getMessage(), e.type().id()));
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ErrorBody> problem(ProblemException e) {
        String type =
                switch (e.status()) {
                    case NOT_FOUND -> ErrorType.NOT_FOUND.id();
                    case FORBIDDEN -> ErrorType.FORBIDDEN.id();
                    case BAD_REQUEST -> ErrorType.INVALID_FORMAT.id();
                    default -> ErrorType.INTERNAL_ERROR.id();
                };
        return ResponseEntity.status(e.status()).body(new ErrorBody(e.getMessage(), type));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class})
    ResponseEntity<ErrorBody> unreadable(Exception e) {
        return ResponseEntity.badRequest()
                .body(new ErrorBody(
                        "Send a JSON object like {\"api_key\": \"phx_…\"}.", ErrorType.INVALID_FORMAT.id()));
    }

    @ExceptionHandler(SecretUnreadable.class)
    ResponseEntity<ErrorBody> unreadableSecret(SecretUnreadable e) {
        log.error("{}", e.getMessage());
        return ResponseEntity.internalServerError().body(new ErrorBody(e.getMessage(), ErrorType.INTERNAL_ERROR.id()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        log.error("Unexpected error in a PostHog connection route", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new ErrorBody(
                        "Something went wrong inside Beton; the error is in its log.", ErrorType.INTERNAL_ERROR.id()));
    }
}
