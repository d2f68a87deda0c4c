package dev.beton.emulator.posthog;

import dev.beton.emulator.EmulatorResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostHog's private-API error bodies: drf-exceptions-hog's envelope {@code {type, code, detail,
 * attr}}. Capture answers plain text instead and does not use these.
 */
final class PostHogErrors {

    private PostHogErrors() {}

    static EmulatorResponse notAuthenticated(String siteUrl) {
        return unauthorized(siteUrl, "not_authenticated", "Authentication credentials were not provided.");
    }

    static EmulatorResponse invalidPersonalKey(String siteUrl, String source) {
        return unauthorized(
                siteUrl, "authentication_failed", "Personal API key found in request " + source + " is invalid.");
    }

    static EmulatorResponse missingScope(String scope) {
        return permissionDenied("API key missing required scope '" + scope + "'");
    }

    static EmulatorResponse permissionDenied(String detail) {
        return envelope(403, "authentication_error", "permission_denied", detail, null);
    }

    static EmulatorResponse notFound() {
        return envelope(404, "invalid_request", "not_found", "Not found.", null);
    }

    static EmulatorResponse methodNotAllowed(String method) {
        return envelope(405, "invalid_request", "method_not_allowed", "Method \"" + method + "\" not allowed.", null);
    }

    static EmulatorResponse hardDeleteForbidden() {
        return envelope(
                405,
                "invalid_request",
                "method_not_allowed",
                "Hard delete of this model is not allowed. Use a patch API call to set \"deleted\" to true",
                null);
    }

    static EmulatorResponse validation(String code, String detail, String attr) {
        return envelope(400, "validation_error", code, detail, attr);
    }

    static EmulatorResponse throttled(long waitSeconds) {
        String unit = waitSeconds == 1 ? "second" : "seconds";
        return envelope(
                        429,
                        "throttled_error",
                        "throttled",
                        "Request was throttled. Expected available in " + waitSeconds + " " + unit + ".",
                        null)
                .withHeader("Retry-After", Long.toString(waitSeconds));
    }

    /** 402: a licence-gated feature (older unlicensed servers answer so for tags). */
    static EmulatorResponse paymentRequired(String detail) {
        return envelope(402, "invalid_request", "payment_required", detail, null);
    }

    static EmulatorResponse serverError() {
        return envelope(500, "server_error", "error", "A server error occurred.", null);
    }

    private static EmulatorResponse unauthorized(String siteUrl, String code, String detail) {
        return envelope(401, "authentication_error", code, detail, null)
                .withHeader(
                        "WWW-Authenticate",
                        "Bearer resource_metadata=\"" + siteUrl + "/.well-known/oauth-protected-resource\"");
    }

    private static EmulatorResponse envelope(int status, String type, String code, String detail, String attr) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("code", code);
        body.put("detail", detail);
        body.put("attr", attr);
        return EmulatorResponse.json(status, body);
    }
}
