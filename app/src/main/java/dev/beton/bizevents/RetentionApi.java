package dev.beton.bizevents;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Business event retention of the workspace (admins): {@code GET} shows the setting and its dry
 * run ({@code ?days=} previews another setting without changing anything), {@code PUT} changes it.
 */
@RestController
class RetentionApi {

    record RetentionChange(Integer days) {}

    private final BusinessEventRetention retention;
    private final AlertsApi who;
    private final Clock clock;

    RetentionApi(BusinessEventRetention retention, AlertsApi who, Clock clock) {
        this.retention = retention;
        this.who = who;
        this.clock = clock;
    }

    @GetMapping("/api/v1/business-events/retention")
    BusinessEventRetention.Preview dryRun(CurrentWorkspace workspace, @RequestParam(required = false) Integer days) {
        adminOnly(workspace);
        if (days != null && (days < 1 || days > BusinessEventRetention.MAX_DAYS)) {
            throw ProblemException.badRequest(
                    "days is a whole number from 1 to " + BusinessEventRetention.MAX_DAYS + ".");
        }
        return days == null
                ? retention.preview(workspace.id())
                : retention.preview(workspace.id(), days, clock.instant());
    }

    @PutMapping("/api/v1/business-events/retention")
    BusinessEventRetention.Preview change(CurrentWorkspace workspace, @RequestBody RetentionChange change) {
        adminOnly(workspace);
        retention.change(workspace.id(), change.days(), who.who(workspace));
        return retention.preview(workspace.id());
    }

    static void adminOnly(CurrentWorkspace workspace) {
        if (!workspace.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace see and change its retention.");
        }
    }
}
