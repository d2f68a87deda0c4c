package dev.beton.detection;

import dev.beton.signals.SettingsError;
import dev.beton.signals.SignalSettings;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The workspace's signal configuration: read it, or replace it after validation. */
@RestController
@RequestMapping("/api/v1/settings/signals")
class SignalSettingsApi {

    private final SignalSettingsStore store;

    SignalSettingsApi(SignalSettingsStore store) {
        this.store = store;
    }

    @GetMapping
    SignalSettings get(CurrentWorkspace workspace) {
        return store.current(workspace.id());
    }

    /** 200 with the stored settings, or 400 with {@code errors}: field path → message, for every field. */
    @PutMapping
    ResponseEntity<?> put(CurrentWorkspace workspace, @RequestBody SignalSettings settings) {
        if (!workspace.isAdmin()) {
            throw ProblemException.forbidden("Only workspace admins change signal settings.");
        }
        List<SettingsError> errors = store.save(workspace.id(), settings);
        if (errors.isEmpty()) {
            return ResponseEntity.ok(store.current(workspace.id()));
        }
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    static ProblemDetail invalid(List<SettingsError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "Some settings are invalid: " + String.join(", ", byField.keySet()) + ".");
        problem.setType(ProblemException.typeOf("validation"));
        problem.setTitle("Invalid signal settings");
        problem.setInstance(URI.create("/api/v1/settings/signals"));
        problem.setProperty("errors", byField);
        return problem;
    }
}
