package dev.beton.workspace;

import dev.beton.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The workspace does not exist or the caller is not a member; both look the same from outside. */
public final class WorkspaceNotFound extends ProblemException {

    public WorkspaceNotFound(String reference) {
        super(
                HttpStatus.NOT_FOUND,
                "not-found",
                "Workspace not found",
                "No workspace '" + reference + "' is visible to you.");
    }
}
