package dev.beton.workspace;

import dev.beton.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Changing one's password, for the page and the API. The current password is checked under the
 * login throttle: a wrong one counts as a failed login, so a borrowed session cannot guess it.
 */
@Service
class PasswordChanges {

    private final Users users;
    private final LoginThrottle throttle;
    private final LoginAudit audit;

    PasswordChanges(Users users, LoginThrottle throttle, LoginAudit audit) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
    }

    void change(CurrentUser user, String current, String next, String address) {
        try {
            throttle.check(user.email(), address);
        } catch (LoginThrottled e) {
            throw new ProblemException(
                            HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "Too Many Requests", e.getMessage())
                    .withHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        try {
            users.changePassword(user.id(), current, next);
        } catch (Users.WrongCurrentPassword e) {
            throttle.failed(user.email(), address);
            audit.record(user.email(), address, LoginAudit.Channel.FORM, LoginAudit.Outcome.BAD_CREDENTIALS);
            throw e;
        }
    }
}
