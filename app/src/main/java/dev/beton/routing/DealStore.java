package dev.beton.routing;

import dev.beton.store.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code routing_deals}: the deals Beton created and the values it last wrote to each. Beton
 * updates only these deals, and compares Attio's current values with {@code lastWritten} to tell
 * a person's edit from its own.
 */
@Repository
class DealStore {

    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};

    /** A deal Beton created; {@code lastWritten} holds each attribute's value as text. */
    record BetonDeal(
            String betonKey,
            String accountKey,
            String dealRecordId,
            Optional<String> companyRecordId,
            Optional<String> webUrl,
            Map<String, String> lastWritten,
            Instant updatedAt,
            int episode,
            Instant createdAt,
            Optional<Instant> closedAt,
            Optional<String> closedStage) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    DealStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    Optional<BetonDeal> find(long workspaceId, String betonKey) {
        return jdbc.sql("SELECT * FROM routing_deals WHERE workspace_id = ? AND beton_key = ?")
                .params(workspaceId, betonKey)
                .query((rs, row) -> deal(rs))
                .optional();
    }

    /** The account's deal of its latest routing episode, whatever its key's form. */
    Optional<BetonDeal> latest(long workspaceId, String accountKey) {
        return jdbc.sql("SELECT * FROM routing_deals WHERE workspace_id = ? AND account_key = ?"
                        + " ORDER BY episode DESC, created_at DESC LIMIT 1")
                .params(workspaceId, accountKey)
                .query((rs, row) -> deal(rs))
                .optional();
    }

    /** Every account's latest-episode deal. */
    List<BetonDeal> all(long workspaceId) {
        Map<String, BetonDeal> latest = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM routing_deals WHERE workspace_id = ? ORDER BY account_key, episode")
                .param(workspaceId)
                .query((rs, row) -> deal(rs))
                .list()
                .forEach(d -> latest.put(d.accountKey(), d));
        return List.copyOf(latest.values());
    }

    /** The deal was seen in a won/lost stage: its episode ended then (kept from the first sighting). */
    void closed(long workspaceId, String betonKey, String stage, Instant at) {
        jdbc.sql("UPDATE routing_deals SET closed_at = ?, closed_stage = ? WHERE workspace_id = ? AND beton_key = ?"
                        + " AND closed_at IS NULL")
                .params(Timestamps.of(at), stage, workspaceId, betonKey)
                .update();
    }

    /** What Attio said of one of Beton's deals just now (stage, owner), for pages that must not call Attio. */
    void seen(long workspaceId, String dealRecordId, Optional<String> stage, Optional<String> owner) {
        jdbc.sql("UPDATE routing_deals SET attio_stage = ?, attio_owner = ?, attio_seen_at = ? WHERE workspace_id = ?"
                        + " AND deal_record_id = ?")
                .params(
                        stage.orElse(null),
                        owner.orElse(null),
                        Timestamps.of(clock.instant()),
                        workspaceId,
                        dealRecordId)
                .update();
    }

    /** A person moved a closed deal back to an open stage: the episode goes on. */
    void reopened(long workspaceId, String betonKey) {
        jdbc.sql("UPDATE routing_deals SET closed_at = NULL, closed_stage = NULL WHERE workspace_id = ?"
                        + " AND beton_key = ?")
                .params(workspaceId, betonKey)
                .update();
    }

    private BetonDeal deal(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new BetonDeal(
                rs.getString("beton_key"),
                rs.getString("account_key"),
                rs.getString("deal_record_id"),
                Optional.ofNullable(rs.getString("company_record_id")),
                Optional.ofNullable(rs.getString("web_url")),
                json.readValue(rs.getString("last_written"), TEXTS),
                Timestamps.instant(rs, "updated_at"),
                rs.getInt("episode"),
                Timestamps.instant(rs, "created_at"),
                Timestamps.optionalInstant(rs, "closed_at"),
                Optional.ofNullable(rs.getString("closed_stage")));
    }

    /** Records what Beton wrote: the first write creates the row, later ones merge into it. */
    void written(
            long workspaceId,
            String betonKey,
            String accountKey,
            String dealRecordId,
            Optional<String> companyRecordId,
            Optional<String> webUrl,
            Map<String, String> values,
            String noteTitle) {
        Instant now = clock.instant();
        Optional<BetonDeal> existing = find(workspaceId, betonKey);
        Map<String, String> merged =
                new LinkedHashMap<>(existing.map(BetonDeal::lastWritten).orElse(Map.of()));
        merged.putAll(values);
        if (existing.isEmpty()) {
            jdbc.sql("INSERT INTO routing_deals (workspace_id, beton_key, account_key, deal_record_id,"
                            + " company_record_id, web_url, last_written, last_note_title, created_at, updated_at,"
                            + " episode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            workspaceId,
                            betonKey,
                            accountKey,
                            dealRecordId,
                            companyRecordId.orElse(null),
                            webUrl.orElse(null),
                            json.writeValueAsString(merged),
                            noteTitle,
                            Timestamps.of(now),
                            Timestamps.of(now),
                            DealValues.episodeOf(betonKey))
                    .update();
        } else {
            jdbc.sql("UPDATE routing_deals SET last_written = ?, last_note_title = ?, updated_at = ?,"
                            + " web_url = COALESCE(?, web_url) WHERE workspace_id = ? AND beton_key = ?")
                    .params(
                            json.writeValueAsString(merged),
                            noteTitle,
                            Timestamps.of(now),
                            webUrl.orElse(null),
                            workspaceId,
                            betonKey)
                    .update();
        }
    }
}
