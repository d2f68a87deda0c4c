package dev.beton.connections;

import dev.beton.web.ProblemException;
import dev.beton.web.ProblemTypes;
import dev.beton.workspace.credentials.SecretUnreadable;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the connection routes as RFC 7807 problem details whose type is {@code
 * urn:beton:problem:<error_type>}. Seed 002's fields ride along as extension members of the same
 * document — {@code error} (the sentence, equal to {@code detail}) and {@code error_type} — so
 * clients of the old {@code /api/posthog/*} bodies keep working without a second format.
 * Controllers extend this so the handlers take precedence over the generic advice.
 */
abstract class ConnectionProblems {

    private static final Logger log = LoggerFactory.getLogger(ConnectionProblems.class);

    @ExceptionHandler(ConnectionFailure.class)
    ResponseEntity<ProblemDetail> connectionFailure(ConnectionFailure e, HttpServletRequest request) {
        ProblemDetail problem = problem(e.type(), e.getMessage(), request);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.type().status());
        e.retryAfter().ifPresent(d -> response.header("Retry-After", String.valueOf(Math.max(1, d.toSeconds()))));
        return response.body(problem);
    }

    @ExceptionHandler(SecretUnreadable.class)
    ResponseEntity<ProblemDetail> unreadableSecret(SecretUnreadable e, HttpServletRequest request) {
        log.error("{}", e.getMessage());
        ProblemDetail problem = problem(ErrorType.INTERNAL_ERROR, e.getMessage(), request);
        problem.setTitle("Stored credential unreadable");
        return ResponseEntity.internalServerError().body(problem);
    }

    /** Beton's own problems on these routes get the seed's nearest error type as well. */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> beton(ProblemException e, HttpServletRequest request) {
        ErrorType type =
                switch (e.status()) {
                    case NOT_FOUND -> ErrorType.NOT_FOUND;
                    case FORBIDDEN -> ErrorType.FORBIDDEN;
                    case BAD_REQUEST -> ErrorType.INVALID_FORMAT;
                    case CONFLICT -> ErrorType.INVALID_FORMAT;
                    default -> ErrorType.INTERNAL_ERROR;
                };
        ProblemDetail problem = e.toProblemDetail();
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("error", e.getMessage());
        problem.setProperty("error_type", type.id());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        e.headers().forEach(response::header);
        return response.body(problem);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e, HttpServletRequest request) {
        return ResponseEntity.badRequest()
                .body(problem(ErrorType.INVALID_FORMAT, "Send a JSON object, like {\"api_key\": \"phx_…\"}.", request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring) {
            // Spring's own 4xx (missing parameter, invalid field, wrong method): its status and
            // sentence, with Beton's stable type and the seed's members.
            ProblemDetail problem = ProblemTypes.stable(spring.updateAndGetBody(null, null));
            problem.setInstance(URI.create(request.getRequestURI()));
            ErrorType type = spring.getStatusCode().is4xxClientError()
                    ? (spring.getStatusCode().value() == 404 ? ErrorType.NOT_FOUND : ErrorType.INVALID_FORMAT)
                    : ErrorType.INTERNAL_ERROR;
            problem.setProperty("error", problem.getDetail());
            problem.setProperty("error_type", type.id());
            return ResponseEntity.status(spring.getStatusCode())
                    .headers(spring.getHeaders())
                    .body(problem);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        ErrorType.INTERNAL_ERROR,
                        "Something went wrong inside Beton; the error is in its log.",
                        request));
    }

    private static ProblemDetail problem(ErrorType type, String sentence, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), sentence);
        problem.setType(ProblemException.typeOf(type.id()));
        problem.setTitle(titleOf(type));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("error", sentence);
        problem.setProperty("error_type", type.id());
        return problem;
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
