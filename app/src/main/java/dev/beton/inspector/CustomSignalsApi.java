package dev.beton.inspector;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentUser;
import dev.beton.workspace.CurrentWorkspace;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Promoting an inspection rule to a custom signal type, demoting it, and listing the workspace's
 * custom signals. A refusal (user-level rule, base score out of range) is an RFC 7807 problem.
 */
@RestController
class CustomSignalsApi {

    private final CustomSignals signals;

    CustomSignalsApi(CustomSignals signals) {
        this.signals = signals;
    }

    /** @param enabled left out means off: the promotion then changes no score */
    record PromoteRequest(Integer baseScore, Boolean enabled) {}

    @PostMapping("/api/v1/inspection-rules/{id}/promote")
    Promotion promote(
            CurrentWorkspace workspace,
            CurrentUser user,
            @PathVariable long id,
            @RequestBody(required = false) PromoteRequest body) {
        PromoteRequest request = Optional.ofNullable(body).orElse(new PromoteRequest(null, null));
        try {
            return signals.promote(
                            workspace.id(),
                            id,
                            request.baseScore(),
                            request.enabled(),
                            Optional.ofNullable(user.email()))
                    .orElseThrow(() -> RuleProblems.notFound(id));
        } catch (PromotionRefused e) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_ENTITY, "promotion-refused", "Promotion refused", e.getMessage());
        }
    }

    @DeleteMapping("/api/v1/inspection-rules/{id}/promote")
    ResponseEntity<Void> demote(CurrentWorkspace workspace, @PathVariable long id) {
        if (!signals.demote(workspace.id(), id)) {
            throw ProblemException.notFound("Inspection rule " + id + " is not promoted to a signal.");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/custom-signals")
    List<Promotion> list(CurrentWorkspace workspace) {
        return signals.list(workspace.id());
    }
}
