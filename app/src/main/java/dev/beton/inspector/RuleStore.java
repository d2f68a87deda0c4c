package dev.beton.inspector;

import dev.beton.store.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code inspection_rules}, {@code inspection_rule_versions} and {@code inspection_examples_loaded} tables. */
@Repository
class RuleStore {

    private final JdbcClient jdbc;

    RuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredRule> all(long workspaceId) {
        return jdbc.sql("SELECT id, version, definition, created_at, updated_at FROM inspection_rules"
                        + " WHERE workspace_id = ? ORDER BY id")
                .param(workspaceId)
                .query(RuleStore::stored)
                .list();
    }

    Optional<StoredRule> byId(long workspaceId, long id) {
        return jdbc.sql("SELECT id, version, definition, created_at, updated_at FROM inspection_rules"
                        + " WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id)
                .query(RuleStore::stored)
                .optional();
    }

    Optional<StoredRule> byName(long workspaceId, String name) {
        return jdbc.sql("SELECT id, version, definition, created_at, updated_at FROM inspection_rules"
                        + " WHERE workspace_id = ? AND name_key = ?")
                .params(workspaceId, key(name))
                .query(RuleStore::stored)
                .optional();
    }

    /** An earlier version of a rule, for shadow runs. */
    Optional<InspectionRule> version(long ruleId, int version) {
        return jdbc.sql("SELECT definition FROM inspection_rule_versions WHERE rule_id = ? AND version = ?")
                .params(ruleId, version)
                .query(String.class)
                .optional()
                .map(RuleJson::read);
    }

    /** @throws DuplicateKeyException when the workspace has a rule of that name */
    @Transactional
    StoredRule create(long workspaceId, InspectionRule rule, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        String definition = RuleJson.write(rule);
        jdbc.sql("INSERT INTO inspection_rules (workspace_id, name, name_key, version, definition, created_at,"
                        + " updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)")
                .params(workspaceId, rule.name(), key(rule.name()), definition, Timestamps.of(now), Timestamps.of(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        addVersion(id, 1, definition, now);
        return new StoredRule(id, 1, rule, now, now);
    }

    /**
     * A new version of the rule; an unchanged definition keeps the version it has.
     *
     * @throws DuplicateKeyException when another rule of the workspace has the new name
     */
    @Transactional
    Optional<StoredRule> update(long workspaceId, long id, InspectionRule rule, Instant now) {
        Optional<StoredRule> current = byId(workspaceId, id);
        if (current.isEmpty() || current.get().rule().equals(rule)) {
            return current;
        }
        int version = current.get().version() + 1;
        String definition = RuleJson.write(rule);
        jdbc.sql("UPDATE inspection_rules SET name = ?, name_key = ?, version = ?, definition = ?, updated_at = ?"
                        + " WHERE workspace_id = ? AND id = ?")
                .params(rule.name(), key(rule.name()), version, definition, Timestamps.of(now), workspaceId, id)
                .update();
        addVersion(id, version, definition, now);
        return Optional.of(new StoredRule(id, version, rule, current.get().createdAt(), now));
    }

    boolean delete(long workspaceId, long id) {
        return jdbc.sql("DELETE FROM inspection_rules WHERE workspace_id = ? AND id = ?")
                        .params(workspaceId, id)
                        .update()
                > 0;
    }

    /** Marks the examples as given to the workspace; false when they already were. */
    boolean markExamplesLoaded(long workspaceId, Instant now) {
        try {
            return jdbc.sql("INSERT INTO inspection_examples_loaded (workspace_id, loaded_at) VALUES (?, ?)")
                            .params(workspaceId, Timestamps.of(now))
                            .update()
                    > 0;
        } catch (DuplicateKeyException alreadyLoaded) {
            return false;
        }
    }

    boolean examplesLoaded(long workspaceId) {
        return jdbc.sql("SELECT count(*) FROM inspection_examples_loaded WHERE workspace_id = ?")
                        .param(workspaceId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void addVersion(long id, int version, String definition, Instant now) {
        jdbc.sql("INSERT INTO inspection_rule_versions (rule_id, version, definition, created_at) VALUES (?, ?, ?, ?)")
                .params(id, version, definition, Timestamps.of(now))
                .update();
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static StoredRule stored(ResultSet rs, int row) throws SQLException {
        return new StoredRule(
                rs.getLong("id"),
                rs.getInt("version"),
                RuleJson.read(rs.getString("definition")),
                Timestamps.instant(rs, "created_at"),
                Timestamps.instant(rs, "updated_at"));
    }
}
