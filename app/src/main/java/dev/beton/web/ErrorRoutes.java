package dev.beton.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Where errors land that no controller handled: unknown routes, a wrong method or media type
 * (raised before a controller is chosen), and the servlet container's own errors. Machine
 * routes answer RFC 7807 problem details like every other API error — not Spring's default JSON
 * or the container's HTML — and pages answer the readable problem page. Replaces Spring Boot's
 * {@code BasicErrorController}.
 */
@Controller
class ErrorRoutes implements ErrorController {

    private static final String[] MACHINE_PREFIXES = {"/api/", "/actuator/", "/v3/"};

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = code instanceof Integer value ? value : HttpStatus.NOT_FOUND.value();
        String path = uri == null ? request.getRequestURI() : uri;
        String detail = detailOf(status, request.getMethod(), path, code == null);
        if (isMachineRoute(path) || prefersJson(request)) {
            ProblemDetail problem = ProblemTypes.of(HttpStatus.valueOf(status), detail);
            problem.setInstance(URI.create(path));
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", ProblemTypes.titleOf(status));
        model.addAttribute("detail", detail);
        return "problem";
    }

    private static String detailOf(int status, String method, String path, boolean direct) {
        if (direct) {
            return "There is nothing at " + path + ".";
        }
        return switch (status) {
            case 404 ->
                isMachineRoute(path)
                        ? "There is no route " + path + ". The API's routes are listed at /v3/api-docs."
                        : "There is no page at " + path + ".";
            case 405 -> path + " does not accept this method; the API's routes and methods are listed at /v3/api-docs.";
            case 415 -> "The request body's content type is not one " + path + " accepts (send application/json).";
            case 406 -> path + " cannot answer in the media type the request accepts.";
            case 413 -> "The request is larger than Beton accepts.";
            case 400 -> "The request could not be read.";
            default ->
                status >= 500
                        ? "Something went wrong inside Beton; the error is in its log."
                        : "The request was refused (" + status + ").";
        };
    }

    private static boolean isMachineRoute(String path) {
        for (String prefix : MACHINE_PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean prefersJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }
}
