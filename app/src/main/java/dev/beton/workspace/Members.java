package dev.beton.workspace;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to a workspace, managed by its admins: change a role, remove. People join through
 * {@link Invitations}. A workspace always keeps one admin.
 */
@Service
public class Members {

    private final JdbcClient jdbc;

    Members(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Member> list(long workspaceId) {
        return jdbc.sql("SELECT u.id, u.email, m.role, m.created_at FROM workspace_members m JOIN users u"
                        + " ON u.id = m.user_id WHERE m.workspace_id = ? ORDER BY u.email")
                .param(workspaceId)
                .query((rs, n) -> new Member(
                        rs.getLong("id"),
                        rs.getString("email"),
                        Role.fromColumn(rs.getString("role")),
                        Timestamps.instant(rs, "created_at")))
                .list();
    }

    @Transactional
    public Member changeRole(CurrentWorkspace current, long userId, Role role) {
        requireAdmin(current);
        Member member = find(current.id(), userId).orElseThrow(() -> notAMember(userId));
        if (member.role() == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherAdmin(current.id(), userId);
        }
        jdbc.sql("UPDATE workspace_members SET role = ? WHERE workspace_id = ? AND user_id = ?")
                .params(role.column(), current.id(), userId)
                .update();
        return find(current.id(), userId).orElseThrow();
    }

    @Transactional
    public void remove(CurrentWorkspace current, long userId) {
        requireAdmin(current);
        Member member = find(current.id(), userId).orElseThrow(() -> notAMember(userId));
        if (member.role() == Role.ADMIN) {
            requireAnotherAdmin(current.id(), userId);
        }
        jdbc.sql("UPDATE users SET default_workspace_id = NULL WHERE id = ? AND default_workspace_id = ?")
                .params(userId, current.id())
                .update();
        jdbc.sql("DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?")
                .params(current.id(), userId)
                .update();
    }

    private Optional<Member> find(long workspaceId, long userId) {
        return list(workspaceId).stream().filter(m -> m.userId() == userId).findFirst();
    }

    private void requireAnotherAdmin(long workspaceId, long userId) {
        boolean another = list(workspaceId).stream().anyMatch(m -> m.role() == Role.ADMIN && m.userId() != userId);
        if (!another) {
            throw ProblemException.conflict("A workspace needs at least one admin; make someone else admin first.");
        }
    }

    private static void requireAdmin(CurrentWorkspace current) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can manage its members.");
        }
    }

    private static ProblemException notAMember(long userId) {
        return ProblemException.notFound("User " + userId + " is not a member of this workspace.");
    }
}
