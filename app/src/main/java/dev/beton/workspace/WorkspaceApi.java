package dev.beton.workspace;

import dev.beton.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonDeserialize;

@RestController
@RequestMapping("/api/v1/workspaces")
class WorkspaceApi {

    private final Workspaces workspaces;

    WorkspaceApi(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    record WorkspaceView(long id, String slug, String name, String role, String projectToken, Instant createdAt) {
        static WorkspaceView of(Membership m) {
            Workspace w = m.workspace();
            return new WorkspaceView(w.id(), w.slug(), w.name(), m.role().column(), w.projectToken(), w.createdAt());
        }
    }

    record NewWorkspace(
            @JsonDeserialize(using = StrictString.class) @NotBlank @Size(max = 200)
            String name,

            @JsonDeserialize(using = StrictString.class) @Size(max = 64)
            String slug) {}

    /** The caller's workspaces with their project tokens (what SDKs send events with). */
    @GetMapping
    List<WorkspaceView> list(CurrentUser user) {
        return workspaces.membershipsOf(user.id()).stream()
                .map(WorkspaceView::of)
                .toList();
    }

    /** Instance admins create workspaces; the creator becomes the workspace's admin. */
    @PostMapping
    ResponseEntity<WorkspaceView> create(CurrentUser user, @Valid @RequestBody NewWorkspace request) {
        if (!user.admin()) {
            throw ProblemException.forbidden("Only an administrator can create workspaces.");
        }
        Workspace created = workspaces.create(request.name(), Optional.ofNullable(request.slug()), user.id());
        return ResponseEntity.created(URI.create("/api/v1/workspaces/" + created.id()))
                .body(WorkspaceView.of(new Membership(created, Role.ADMIN)));
    }
}
