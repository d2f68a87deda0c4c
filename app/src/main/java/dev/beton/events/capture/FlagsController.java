package dev.beton.events.capture;

import dev.beton.workspace.Workspaces;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * What browser SDKs ask for at start-up besides capture: feature flags ({@code /flags}, {@code
 * /decide}) and the remote config ({@code /array/<token>/config}, {@code config.js}). Beton has no
 * flags; the answers say so and switch autocapture on, as PostHog does for a project without
 * flags. Public like capture: CORS for any origin, no session, no redirect to the login page (a
 * redirect was a CORS error on every page load of the customer's product).
 */
@RestController
@CrossOrigin(originPatterns = "*", allowCredentials = "true", maxAge = 86400)
class FlagsController {

    // PostHog refuses a token with characters outside this set with 400 "Invalid token".
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final Workspaces workspaces;
    private final JsonMapper json;

    FlagsController(Workspaces workspaces, JsonMapper json) {
        this.workspaces = workspaces;
        this.json = json;
    }

    @RequestMapping(
            path = {"/flags", "/flags/", "/decide", "/decide/"},
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> flags() {
        // The token is in the (possibly compressed) body; the answer is the same for every project.
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(RemoteConfig.flags("")));
    }

    @GetMapping({"/array/{token}/config", "/array/{token}/config/"})
    ResponseEntity<String> config(@PathVariable String token) {
        ResponseEntity<String> refused = refused(token);
        if (refused != null) {
            return refused;
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(RemoteConfig.of(token)));
    }

    @GetMapping("/array/{token}/config.js")
    ResponseEntity<String> configScript(@PathVariable String token) {
        ResponseEntity<String> refused = refused(token);
        if (refused != null) {
            return refused;
        }
        String script = "(function() {\n  window._POSTHOG_CONFIG = " + json.writeValueAsString(RemoteConfig.of(token))
                + ";\n  window._POSTHOG_JS_APPS = [];\n})();";
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("application/javascript"))
                .body(script);
    }

    /** PostHog's answers for a malformed (400) and an unknown (404) token; null when the token is known. */
    private ResponseEntity<String> refused(String token) {
        if (!TOKEN.matcher(token).matches()) {
            return problem(400, "Invalid token");
        }
        if (workspaces.byProjectToken(token).isEmpty()) {
            return problem(404, "Not found.");
        }
        return null;
    }

    private ResponseEntity<String> problem(int status, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(java.util.Map.of("type", "validation_error", "detail", detail)));
    }
}
