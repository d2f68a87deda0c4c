package dev.beton.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Stable problem types for errors Beton does not raise itself (Spring's, the servlet
 * container's): one {@code urn:beton:problem:<slug>} per HTTP status, so a client can branch on
 * {@code type} for every error, never on {@code about:blank}.
 */
public final class ProblemTypes {

    private static final URI BLANK = URI.create("about:blank");

    private ProblemTypes() {}

    /** The slug of the problem type for a status Beton did not give a more specific type. */
    static String slugOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
    }

    static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 503 -> "Unavailable";
            default -> status >= 500 ? "Internal error" : "Bad request";
        };
    }

    /** Gives a problem still typed {@code about:blank} the stable type of its status. */
    public static ProblemDetail stable(ProblemDetail problem) {
        if (problem.getType() == null || BLANK.equals(problem.getType())) {
            problem.setType(ProblemException.typeOf(slugOf(problem.getStatus())));
        }
        if (problem.getTitle() == null) {
            problem.setTitle(titleOf(problem.getStatus()));
        }
        return problem;
    }

    static ProblemDetail of(HttpStatusCode status, String detail) {
        return stable(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
