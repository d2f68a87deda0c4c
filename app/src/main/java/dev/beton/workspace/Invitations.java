package dev.beton.workspace;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Joining a workspace by invitation. Inviting answers the same whether or not the email already
 * has a Beton account (issue 11: adding a member used to tell the admin which emails have one);
 * only the person holding the one-time link, or the signed-in owner of the email, learns it.
 */
@Service
public class Invitations {

    static final Duration VALID_FOR = Duration.ofDays(7);

    private static final String SELECT = "SELECT i.*, w.name AS workspace_name FROM workspace_invitations i"
            + " JOIN workspaces w ON w.id = i.workspace_id ";

    private final JdbcClient jdbc;
    private final Users users;
    private final Workspaces workspaces;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Invitations(JdbcClient jdbc, Users users, Workspaces workspaces, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** A new invitation and its token, which exists only here: the database keeps its hash. */
    public record Issued(Invitation invitation, String token) {
        @Override
        public String toString() {
            return "Issued[invitation=" + invitation + ", token=***]";
        }
    }

    /**
     * Invites an email. A member of this workspace is refused (admins see the member list anyway);
     * any other email, with or without an account, gets the same answer. A second invitation to the
     * same email replaces the first, so only the newest link works.
     */
    @Transactional
    public Issued invite(CurrentWorkspace current, String email, Role role) {
        requireAdmin(current);
        String normalized = normalize(email);
        if (!normalized.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || normalized.length() > 320) {
            throw ProblemException.badRequest("'" + email + "' is not an email address.");
        }
        boolean member = jdbc.sql("SELECT count(*) FROM workspace_members m JOIN users u ON u.id = m.user_id"
                                + " WHERE m.workspace_id = ? AND u.email = ?")
                        .params(current.id(), normalized)
                        .query(Long.class)
                        .single()
                > 0;
        if (member) {
            throw ProblemException.conflict(normalized + " is already a member of this workspace.");
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE workspace_invitations SET revoked_at = ? WHERE workspace_id = ? AND email = ?"
                        + " AND accepted_at IS NULL AND revoked_at IS NULL")
                .params(Timestamps.of(now), current.id(), normalized)
                .update();
        String token = newToken();
        jdbc.sql("INSERT INTO workspace_invitations (workspace_id, email, role, token_hash, invited_by, created_at,"
                        + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        current.id(),
                        normalized,
                        role.column(),
                        hash(token),
                        current.userId(),
                        Timestamps.of(now),
                        Timestamps.of(now.plus(VALID_FOR)))
                .update();
        return new Issued(byToken(token).orElseThrow(), token);
    }

    /** Invitations of a workspace that can still be accepted. */
    public List<Invitation> pending(long workspaceId) {
        return jdbc.sql(SELECT + "WHERE i.workspace_id = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL"
                        + " AND i.expires_at > ? ORDER BY i.created_at DESC")
                .params(workspaceId, Timestamps.of(clock.instant()))
                .query(this::map)
                .list();
    }

    /** Open invitations addressed to a signed-in user's email, so they can accept without the link. */
    public List<Invitation> addressedTo(CurrentUser user) {
        return jdbc.sql(SELECT + "WHERE i.email = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL"
                        + " AND i.expires_at > ? ORDER BY i.created_at DESC")
                .params(normalize(user.email()), Timestamps.of(clock.instant()))
                .query(this::map)
                .list();
    }

    @Transactional
    public void revoke(CurrentWorkspace current, long invitationId) {
        requireAdmin(current);
        int revoked = jdbc.sql("UPDATE workspace_invitations SET revoked_at = ? WHERE id = ? AND workspace_id = ?"
                        + " AND accepted_at IS NULL AND revoked_at IS NULL")
                .params(Timestamps.of(clock.instant()), invitationId, current.id())
                .update();
        if (revoked == 0) {
            throw ProblemException.notFound("There is no open invitation " + invitationId + " in this workspace.");
        }
    }

    /** The invitation a link stands for, if it can still be accepted. */
    public Optional<Invitation> open(String token) {
        return byToken(token).filter(Invitation::open);
    }

    /** A signed-in user accepts an invitation addressed to their own email. */
    @Transactional
    public Invitation accept(CurrentUser user, long invitationId) {
        Invitation invitation = addressedTo(user).stream()
                .filter(i -> i.id() == invitationId)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("You have no open invitation " + invitationId + "."));
        join(invitation, user.id());
        return invitation;
    }

    /**
     * The holder of a link joins: with the account of the invited email when it has one (its
     * password proves it is theirs), else with a new account under the password they chose.
     */
    @Transactional
    public Invitation accept(String token, String password, WrongPassword onWrongPassword) {
        Invitation invitation = open(token).orElseThrow(Invitations::expired);
        Optional<User> existing = users.byEmail(invitation.email());
        User user;
        if (existing.isPresent()) {
            if (!users.passwordMatches(existing.get().id(), password)) {
                onWrongPassword.failed(invitation.email());
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "wrong-password",
                        "Bad Request",
                        "That is not the password of the Beton account of " + invitation.email() + ".");
            }
            user = existing.get();
        } else {
            if (password == null || password.length() > Users.MAX_PASSWORD_LENGTH) {
                throw ProblemException.badRequest(
                        "A password may have at most " + Users.MAX_PASSWORD_LENGTH + " characters.");
            }
            user = users.create(invitation.email(), password, false);
        }
        join(invitation, user.id());
        return invitation;
    }

    /** Counts a wrong password typed on an invitation link as a failed login (the throttle). */
    @FunctionalInterface
    public interface WrongPassword {
        void failed(String email);
    }

    private void join(Invitation invitation, long userId) {
        if (workspaces.membership(userId, invitation.workspaceId()).isEmpty()) {
            workspaces.addMember(invitation.workspaceId(), userId, invitation.role());
        }
        jdbc.sql("UPDATE users SET default_workspace_id = ? WHERE id = ? AND default_workspace_id IS NULL")
                .params(invitation.workspaceId(), userId)
                .update();
        jdbc.sql("UPDATE workspace_invitations SET accepted_at = ? WHERE id = ?")
                .params(Timestamps.of(clock.instant()), invitation.id())
                .update();
    }

    private Optional<Invitation> byToken(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + "WHERE i.token_hash = ?")
                .param(hash(token))
                .query(this::map)
                .optional();
    }

    private Invitation map(ResultSet rs, int row) throws SQLException {
        Instant expires = Timestamps.instant(rs, "expires_at");
        boolean open = rs.getTimestamp("accepted_at") == null
                && rs.getTimestamp("revoked_at") == null
                && expires.isAfter(clock.instant());
        return new Invitation(
                rs.getLong("id"),
                rs.getLong("workspace_id"),
                rs.getString("workspace_name"),
                rs.getString("email"),
                Role.fromColumn(rs.getString("role")),
                Timestamps.instant(rs, "created_at"),
                expires,
                open);
    }

    private static ProblemException expired() {
        return ProblemException.notFound("This invitation link was used, revoked or has expired;"
                + " ask an admin of the workspace for a new one.");
    }

    private static void requireAdmin(CurrentWorkspace current) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace can manage its members.");
        }
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // A fast hash is enough: the token has 256 random bits, nothing to brute-force.
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
