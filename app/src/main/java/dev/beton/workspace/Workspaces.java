package dev.beton.workspace;

import dev.beton.store.Timestamps;
import dev.beton.web.ProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Workspaces and who belongs to them. Every lookup on behalf of a user checks membership. */
@Service
public class Workspaces {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final String COLUMNS = "w.id, w.slug, w.name, w.project_token, w.created_at";
    private static final char[] TOKEN_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Workspaces(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates a workspace and makes {@code creatorUserId} its admin. */
    @Transactional
    public Workspace create(String name, Optional<String> requestedSlug, long creatorUserId) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw ProblemException.badRequest("A workspace needs a name of 1 to 200 characters.");
        }
        String slug = requestedSlug.map(String::strip).filter(s -> !s.isEmpty()).orElseGet(() -> slugOf(trimmed));
        if (!SLUG.matcher(slug).matches()) {
            throw ProblemException.badRequest(
                    "The slug '" + slug + "' must be 1 to 64 lowercase letters, digits or dashes.");
        }
        if (bySlug(slug).isPresent()) {
            throw ProblemException.conflict("A workspace with the slug '" + slug + "' already exists.");
        }
        Instant now = clock.instant();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO workspaces (slug, name, project_token, created_at) VALUES (?, ?, ?, ?)")
                .params(slug, trimmed, newProjectToken(), Timestamps.of(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        addMember(id, creatorUserId, Role.ADMIN);
        jdbc.sql("UPDATE users SET default_workspace_id = ? WHERE id = ? AND default_workspace_id IS NULL")
                .params(id, creatorUserId)
                .update();
        return byId(id).orElseThrow();
    }

    public void addMember(long workspaceId, long userId, Role role) {
        jdbc.sql("INSERT INTO workspace_members (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)")
                .params(workspaceId, userId, role.column(), Timestamps.of(clock.instant()))
                .update();
    }

    public Optional<Workspace> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workspaces w WHERE w.id = ?")
                .param(id)
                .query(Workspaces::map)
                .optional();
    }

    public Optional<Workspace> bySlug(String slug) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workspaces w WHERE w.slug = ?")
                .param(slug)
                .query(Workspaces::map)
                .optional();
    }

    /** The workspace whose SDKs send with this project token, if any. */
    public Optional<Workspace> byProjectToken(String projectToken) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workspaces w WHERE w.project_token = ?")
                .param(projectToken)
                .query(Workspaces::map)
                .optional();
    }

    public List<Workspace> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM workspaces w ORDER BY w.id")
                .query(Workspaces::map)
                .list();
    }

    /** The workspaces a user belongs to, in creation order. */
    public List<Membership> membershipsOf(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + ", m.role FROM workspaces w JOIN workspace_members m"
                        + " ON m.workspace_id = w.id WHERE m.user_id = ? ORDER BY w.id")
                .param(userId)
                .query((rs, n) -> new Membership(map(rs, n), Role.fromColumn(rs.getString("role"))))
                .list();
    }

    /** A workspace by id or slug, only if the user is a member. */
    public Optional<Membership> visibleTo(long userId, String idOrSlug) {
        return membershipsOf(userId).stream()
                .filter(m -> m.workspace().slug().equals(idOrSlug)
                        || String.valueOf(m.workspace().id()).equals(idOrSlug))
                .findFirst();
    }

    public Optional<Membership> membership(long userId, long workspaceId) {
        return membershipsOf(userId).stream()
                .filter(m -> m.workspace().id() == workspaceId)
                .findFirst();
    }

    /** Replaces the project token; SDKs holding the old one are refused from now on. */
    public Workspace rotateProjectToken(long workspaceId) {
        jdbc.sql("UPDATE workspaces SET project_token = ? WHERE id = ?")
                .params(newProjectToken(), workspaceId)
                .update();
        return byId(workspaceId).orElseThrow(() -> new WorkspaceNotFound(String.valueOf(workspaceId)));
    }

    String newProjectToken() {
        StringBuilder token = new StringBuilder("phc_");
        for (int i = 0; i < 43; i++) {
            token.append(TOKEN_ALPHABET[random.nextInt(TOKEN_ALPHABET.length)]);
        }
        return token.toString();
    }

    static String slugOf(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 64) {
            slug = slug.substring(0, 64).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "workspace" : slug;
    }

    private static Workspace map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Workspace(
                rs.getLong("id"),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("project_token"),
                Timestamps.instant(rs, "created_at"));
    }
}
