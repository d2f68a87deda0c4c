package dev.beton.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/me/password}: the caller changes their own password. */
@RestController
class PasswordApi {

    private final PasswordChanges changes;

    PasswordApi(PasswordChanges changes) {
        this.changes = changes;
    }

    record Change(
            @JsonProperty("current_password") String currentPassword,
            @JsonProperty("new_password") String newPassword) {
        @Override
        public String toString() {
            return "Change[***]";
        }
    }

    @PostMapping(MustChangePassword.API)
    ResponseEntity<Void> change(CurrentUser user, @RequestBody Change change, HttpServletRequest request) {
        changes.change(user, change.currentPassword(), change.newPassword(), request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }
}
