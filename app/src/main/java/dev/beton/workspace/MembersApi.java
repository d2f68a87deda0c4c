package dev.beton.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Members of the current workspace: everyone may list them, admins invite, re-role and remove. */
@RestController
@RequestMapping("/api/v1/members")
class MembersApi {

    private final Members members;
    private final Invitations invitations;
    private final InvitationDelivery delivery;

    MembersApi(Members members, Invitations invitations, InvitationDelivery delivery) {
        this.members = members;
        this.invitations = invitations;
        this.delivery = delivery;
    }

    record NewMember(@NotBlank String email, String role) {}

    record RoleChange(@NotBlank String role) {}

    record MemberView(long userId, String email, String role, Instant since) {
        static MemberView of(Member m) {
            return new MemberView(m.userId(), m.email(), m.role().column(), m.since());
        }
    }

    /**
     * The answer to an invitation, the same for an email with or without a Beton account. The link
     * is present only when there is no mail server to send it (delivery {@code link}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InvitationView(
            long id, String email, String role, String status, Instant expiresAt, String delivery, URI invitationUrl) {
        static InvitationView of(Invitation i, InvitationDelivery.Channel channel, URI link) {
            return new InvitationView(
                    i.id(),
                    i.email(),
                    i.role().column(),
                    i.open() ? "invited" : "closed",
                    i.expiresAt(),
                    channel.name().toLowerCase(Locale.ROOT),
                    link);
        }

        @Override
        public String toString() {
            return "InvitationView[id=" + id + ", email=" + email + ", role=" + role + "]";
        }
    }

    @GetMapping
    List<MemberView> list(CurrentWorkspace current) {
        return members.list(current.id()).stream().map(MemberView::of).toList();
    }

    /**
     * Invites someone (202): they join when they open the link. Whether the email already has a
     * Beton account does not change this answer.
     */
    @PostMapping
    ResponseEntity<InvitationView> invite(
            CurrentWorkspace current, CurrentUser user, @Valid @RequestBody NewMember request) {
        Invitations.Issued issued = invitations.invite(current, request.email(), roleOf(request.role()));
        Optional<URI> link = delivery.handOver(
                issued,
                user.email(),
                () -> invitations.revoke(current, issued.invitation().id()));
        return ResponseEntity.accepted()
                .body(InvitationView.of(issued.invitation(), delivery.channel(), link.orElse(null)));
    }

    @GetMapping("/invitations")
    List<InvitationView> invitations(CurrentWorkspace current) {
        return invitations.pending(current.id()).stream()
                .map(i -> InvitationView.of(i, delivery.channel(), null))
                .toList();
    }

    @DeleteMapping("/invitations/{id}")
    ResponseEntity<Void> revoke(CurrentWorkspace current, @PathVariable long id) {
        invitations.revoke(current, id);
        return ResponseEntity.noContent().build();
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
            throw dev.beton.web.ProblemException.badRequest(
                    "A role is admin, member or executive, not '" + value + "'.");
        }
    }
}
