package dev.beton.connections;

import dev.beton.web.ProblemException;
import dev.beton.workspace.credentials.SecretUnreadable;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Connection failures on the {@code /api/v1} routes as RFC 7807 problem details whose type is
 * {@code urn:beton:problem:<error_type>} and which carry {@code error_type} as a property.
 * Controllers extend this so the handlers take precedence over the generic advice.
 */
abstract class ConnectionProblems {

    private static final Logger log = LoggerFactory.getLogger(ConnectionProblems.class);

    @ExceptionHandler(ConnectionFailure.class)
    ResponseEntity<ProblemDetail> connectionFailure(ConnectionFailure e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.type().status(), e.getMessage());
        problem.setType(ProblemException.typeOf(e.type().id()));
        problem.setTitle(titleOf(e.type()));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("error_type", e.type().id());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.type().status());
        e.retryAfter().ifPresent(d -> response.header("Retry-After", String.valueOf(Math.max(1, d.toSeconds()))));
        return response.body(problem);
    }

    @ExceptionHandler(SecretUnreadable.class)
    ResponseEntity<ProblemDetail> unreadableSecret(SecretUnreadable e, HttpServletRequest request) {
        log.error("{}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        problem.setType(ProblemException.typeOf(ErrorType.INTERNAL_ERROR.id()));
        problem.setTitle("Stored credential unreadable");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("error_type", ErrorType.INTERNAL_ERROR.id());
        return ResponseEntity.internalServerError().body(problem);
    }

    private static String titleOf(ErrorType type) {
        return switch (type) {
            case INVALID_FORMAT -> "Invalid key format";
            case UNAUTHORIZED -> "Key not accepted";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not found";
            case RATE_LIMITED -> "Rate limited";
            case CONNECTION_ERROR -> "Connection error";
            case API_ERROR -> "Error from the integration";
            case INTERNAL_ERROR -> "Internal error";
        };
    }
}
