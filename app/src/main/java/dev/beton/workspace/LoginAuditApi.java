package dev.beton.workspace;

import dev.beton.web.ProblemException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit/login-failures}: the newest failed logins, for instance admins. */
@RestController
class LoginAuditApi {

    private final LoginAudit audit;

    LoginAuditApi(LoginAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit/login-failures")
    List<LoginAudit.Failure> recent(CurrentUser user, @RequestParam(defaultValue = "100") int limit) {
        if (!user.admin()) {
            throw ProblemException.forbidden("Only an administrator of this Beton can read the login audit.");
        }
        return audit.recent(limit);
    }
}
