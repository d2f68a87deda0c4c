package dev.beton.workspace;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own open invitations, accepted without the link. */
@RestController
@RequestMapping("/api/v1/me/invitations")
class InvitationsApi {

    private final Invitations invitations;

    InvitationsApi(Invitations invitations) {
        this.invitations = invitations;
    }

    record Mine(long id, String workspace, String role, Instant expiresAt) {
        static Mine of(Invitation i) {
            return new Mine(i.id(), i.workspaceName(), i.role().column(), i.expiresAt());
        }
    }

    @GetMapping
    List<Mine> mine(CurrentUser user) {
        return invitations.addressedTo(user).stream().map(Mine::of).toList();
    }

    record Joined(long workspaceId, String workspace, String role) {}

    @PostMapping("/{id}/accept")
    Joined accept(CurrentUser user, @PathVariable long id) {
        Invitation i = invitations.accept(user, id);
        return new Joined(i.workspaceId(), i.workspaceName(), i.role().column());
    }
}
