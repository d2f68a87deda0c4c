package dev.beton.events.grouptypes;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's group types: members read them, admins add, rename and remove them. Capture
 * never adds one beyond the automatic types ({@code beton.capture.automatic-group-types}).
 */
@RestController
@RequestMapping("/api/v1/group-types")
class GroupTypesApi {

    /** @param name the group type's name */
    record Name(String name) {}

    /** @param unslotted types recent events use that claim no slot (add them to group by them) */
    record Listing(List<GroupType> groupTypes, List<UnslottedGroupType> unslotted) {}

    private final GroupTypeSettings settings;

    GroupTypesApi(GroupTypeSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    Listing list(CurrentWorkspace workspace) {
        return new Listing(settings.list(workspace.id()), settings.unslotted(workspace.id()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    GroupType add(CurrentWorkspace workspace, @RequestBody Name body) {
        requireAdmin(workspace);
        return settings.add(workspace.id(), body.name());
    }

    @PatchMapping("/{index}")
    GroupType rename(CurrentWorkspace workspace, @PathVariable int index, @RequestBody Name body) {
        requireAdmin(workspace);
        return settings.rename(workspace.id(), index, body.name());
    }

    @DeleteMapping("/{index}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(CurrentWorkspace workspace, @PathVariable int index) {
        requireAdmin(workspace);
        settings.remove(workspace.id(), index);
    }

    static void requireAdmin(CurrentWorkspace workspace) {
        if (!workspace.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace change its group types.");
        }
    }
}
