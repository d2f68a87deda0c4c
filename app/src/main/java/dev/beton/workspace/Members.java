package dev.beton.workspace;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to a workspace, managed by its admins: add by email (creating the user with a
 * one-time password when new), change a role, remove. A workspace always keeps one admin.
 */
@Service
public class Members {

    private final JdbcClient jdbc;
    private final Users users;
    private final Workspaces workspaces;
    private final SecureRandom random = new SecureRandom();

    Members(JdbcClient jdbc, Users users, Workspaces workspaces) {
        this.jdbc = jdbc;
        this.users = users;
        this.workspaces = workspaces;
    }

    /** The result of adding a member; the password is present only when the user was created. */
    public record Added(Member member, Optional<String> initialPassword) {
        @Override
        public String toString() {
            return "Added[member=" + member + ", initialPassword=" + (initialPassword.isPresent() ? "***" : "none")
                    + "]";
        }
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
    public Added add(CurrentWorkspace current, String email, Role role) {
        requireAdmin(current);
        Optional<User> existing = users.byEmail(email);
        Optional<String> password = existing.isPresent() ? Optional.empty() : Optional.of(newPassword());
        User user = existing.orElseGet(() -> {
            User created = users.create(email, password.orElseThrow(), false);
            // the admin saw this password: the new user must replace it at their first login
            users.requirePasswordChange(created.id());
            return created;
        });
        if (find(current.id(), user.id()).isPresent()) {
            throw ProblemException.conflict(user.email() + " is already a member of this workspace.");
        }
        workspaces.addMember(current.id(), user.id(), role);
        jdbc.sql("UPDATE users SET default_workspace_id = ? WHERE id = ? AND default_workspace_id IS NULL")
                .params(current.id(), user.id())
                .update();
        return new Added(find(current.id(), user.id()).orElseThrow(), password);
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

    private String newPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
