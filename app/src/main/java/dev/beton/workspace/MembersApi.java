package dev.beton.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Members of the current workspace: everyone may list them, admins add, re-role and remove. */
@RestController
@RequestMapping("/api/v1/members")
class MembersApi {

    private final Members members;

    MembersApi(Members members) {
        this.members = members;
    }

    record NewMember(@NotBlank String email, String role) {}

    record RoleChange(@NotBlank String role) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MemberView(long userId, String email, String role, Instant since, String initialPassword) {
        static MemberView of(Member m) {
            return new MemberView(m.userId(), m.email(), m.role().column(), m.since(), null);
        }

        @Override
        public String toString() {
            return "MemberView[userId=" + userId + ", email=" + email + ", role=" + role + "]";
        }
    }

    @GetMapping
    List<MemberView> list(CurrentWorkspace current) {
        return members.list(current.id()).stream().map(MemberView::of).toList();
    }

    /** A new user's one-time password appears in this response only. */
    @PostMapping
    ResponseEntity<MemberView> add(CurrentWorkspace current, @Valid @RequestBody NewMember request) {
        Members.Added added = members.add(current, request.email(), roleOf(request.role()));
        Member m = added.member();
        return ResponseEntity.created(URI.create("/api/v1/members/" + m.userId()))
                .body(new MemberView(
                        m.userId(),
                        m.email(),
                        m.role().column(),
                        m.since(),
                        added.initialPassword().orElse(null)));
    }

    @PatchMapping("/{userId}")
    MemberView changeRole(CurrentWorkspace current, @PathVariable long userId, @Valid @RequestBody RoleChange request) {
        return MemberView.of(members.changeRole(current, userId, roleOf(request.role())));
    }

    @DeleteMapping("/{userId}")
    ResponseEntity<Void> remove(CurrentWorkspace current, @PathVariable long userId) {
        members.remove(current, userId);
        return ResponseEntity.noContent().build();
    }

    static Role roleOf(String value) {
        if (value == null || value.isBlank()) {
            return Role.MEMBER;
        }
        try {
            return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw dev.beton.web.ProblemException.badRequest("A role is admin or member, not '" + value + "'.");
        }
    }
}
