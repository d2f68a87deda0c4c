package dev.beton.workspace;

import dev.beton.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 from the security filters, as RFC 7807 problem details like every other API error.
 * Written with the application's JSON mapper, which knows how Spring lays out a problem detail.
 */
final class ProblemResponses {

    private ProblemResponses() {}

    static AuthenticationEntryPoint unauthorized(JsonMapper json) {
        return (request, response, e) -> {
            if (e instanceof LoginThrottled throttled) {
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                write(
                        json,
                        request,
                        response,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "login-throttled",
                        "Too Many Requests",
                        e.getMessage());
                return;
            }
            if (e instanceof InternalAuthenticationServiceException) {
                // the password-hashing queue is full (OffCarrierPasswordEncoder): come back shortly
                response.setHeader("Retry-After", "2");
                write(
                        json,
                        request,
                        response,
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "login-busy",
                        "Service Unavailable",
                        e.getMessage());
                return;
            }
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Beton\", Basic realm=\"Beton\"");
            write(json, request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detailOf(e));
        };
    }

    /** 403 for someone who must replace an admin-issued password first. */
    static AuthenticationEntryPoint mustChangePassword(JsonMapper json) {
        return (request, response, e) -> write(
                json,
                request,
                response,
                HttpStatus.FORBIDDEN,
                "password-change-required",
                "Forbidden",
                "Your password was issued by an admin: choose your own first with POST " + MustChangePassword.API
                        + " ({\"current_password\": …, \"new_password\": …}) or on the page " + MustChangePassword.PAGE
                        + ".");
    }

    static AccessDeniedHandler forbidden(JsonMapper json) {
        return (request, response, e) -> write(
                json,
                request,
                response,
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Forbidden",
                e.getClass().getSimpleName().contains("Csrf")
                        ? "The request has no valid CSRF token: reload the page, or use an API token or Basic auth."
                        : "You are not allowed to do this.");
    }

    private static String detailOf(AuthenticationException e) {
        return e == null || e.getMessage() == null || e.getMessage().startsWith("Full authentication")
                ? "Log in, or send an API token (Authorization: Bearer beton_…) or HTTP Basic credentials."
                : e.getMessage();
    }

    private static void write(
            JsonMapper json,
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String slug,
            String title,
            String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemException.typeOf(slug));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
