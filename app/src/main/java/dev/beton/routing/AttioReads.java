package dev.beton.routing;

import dev.beton.crm.AttioException;
import dev.beton.crm.AttioRecord;
import dev.beton.workspace.credentials.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of Attio for other features (the CRM → analytics sync), through the same per-token budget
 * and circuit breaker as the deal pipeline, so that both together never exceed Attio's 100 reads
 * per second and a down Attio is not hammered by either. Also lends them the pipeline's notions of
 * a domain key, a deal's outcome and the accounts a company is linked to.
 */
@Component
public class AttioReads {

    /** The breaker is open: Attio failed repeatedly and reads wait. */
    public static final class Paused extends RuntimeException {
        Paused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final AttioCalls calls;
    private final RoutingSettingsStore settings;
    private final JdbcClient jdbc;

    AttioReads(AttioCalls calls, RoutingSettingsStore settings, JdbcClient jdbc) {
        this.calls = calls;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    /** One page of an object's records, oldest first. @throws Paused when the breaker is open */
    public List<AttioRecord> page(Secret token, String object, int limit, int offset) {
        return guarded(() -> calls.read(token, c -> c.page(token, object, limit, offset)));
    }

    /** Records of an object matching an Attio filter. */
    public List<AttioRecord> query(Secret token, String object, Map<String, Object> filter, int limit) {
        return guarded(() -> calls.read(token, c -> c.query(token, object, filter, limit)));
    }

    /** One record, empty when it is not (or no longer) there. */
    public Optional<AttioRecord> record(Secret token, String object, String recordId) {
        try {
            return Optional.of(guarded(() -> calls.read(token, c -> c.record(token, object, recordId))));
        } catch (AttioException.NotFound gone) {
            return Optional.empty();
        }
    }

    /** A domain as Beton keys accounts by it (lower case, no www., punycode), or empty. */
    public static Optional<String> domainKey(String text) {
        return Domains.normalise(text);
    }

    /** {@code won}, {@code lost} or {@code open}, by the workspace's won and lost stage titles. */
    public String dealOutcome(long workspaceId, String stage) {
        RoutingSettings routing = settings.current(workspaceId);
        return routing.wonStages().contains(stage)
                ? "won"
                : routing.lostStages().contains(stage) ? "lost" : "open";
    }

    /** Attio company record id → the Beton account keys linked to it (overrides, matches, created). */
    public Map<String, List<String>> linkedAccounts(long workspaceId) {
        Map<String, List<String>> links = new HashMap<>();
        jdbc.sql("SELECT account_key, attio_record_id FROM routing_company_links WHERE workspace_id = ?"
                        + " ORDER BY account_key")
                .param(workspaceId)
                .query(rs -> {
                    links.computeIfAbsent(rs.getString("attio_record_id"), k -> new ArrayList<>())
                            .add(rs.getString("account_key"));
                });
        return links;
    }

    private static <T> T guarded(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (AttioCalls.Paused e) {
            throw new Paused(e.getMessage(), e);
        }
    }
}
