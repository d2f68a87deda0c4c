package dev.beton.routing;

import dev.beton.connections.AttioLinks;
import dev.beton.crm.AttioMember;
import dev.beton.workspace.credentials.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deal owners by name: Attio's deals name their owner by workspace member id, which means nothing
 * to a rep. The members list ({@code GET /v2/workspace_members}) is read at most once per
 * {@link #FRESH} per workspace and kept in memory — members change rarely, and the hot queue
 * shows an owner on every row. A token without {@code user_management:read} (Beton does not
 * require it) or an unreachable Attio leaves the ids as they are, and is asked again after
 * {@link #RETRY}, not on every page.
 */
@Component
class AttioMembers {

    static final Duration FRESH = Duration.ofMinutes(10);
    static final Duration RETRY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(AttioMembers.class);

    private record Read(Map<String, String> names, Instant until) {}

    private final AttioLinks links;
    private final AttioCalls attio;
    private final Clock clock;
    private final Map<Long, Read> cache = new ConcurrentHashMap<>();

    AttioMembers(AttioLinks links, AttioCalls attio, Clock clock) {
        this.links = links;
        this.attio = attio;
        this.clock = clock;
    }

    /** The name of the member with this id, when Attio lists it. */
    Optional<String> name(long workspaceId, Optional<String> memberId) {
        return memberId.map(id -> names(workspaceId).get(id));
    }

    /** Member id → "First Last" of the workspace's Attio; empty when Attio is not connected or cannot say. */
    Map<String, String> names(long workspaceId) {
        Instant now = clock.instant();
        Read read = cache.get(workspaceId);
        if (read == null || !now.isBefore(read.until())) {
            read = fetch(workspaceId, now);
            cache.put(workspaceId, read);
        }
        return read.names();
    }

    /** Forgets what was read (a new token may see another workspace). */
    void forget(long workspaceId) {
        cache.remove(workspaceId);
    }

    private Read fetch(long workspaceId, Instant now) {
        Optional<Secret> token = links.token(workspaceId);
        if (token.isEmpty()) {
            return new Read(Map.of(), now.plus(RETRY));
        }
        try {
            Map<String, String> names = new LinkedHashMap<>();
            for (AttioMember member : attio.read(token.get(), c -> c.workspaceMembers(token.get()))) {
                names.put(member.id(), member.name());
            }
            return new Read(Map.copyOf(names), now.plus(FRESH));
        } catch (RuntimeException e) {
            // Most often the token lacks user_management:read: owners then show as ids.
            log.debug("Could not read Attio's workspace members: {}", e.getMessage());
            return new Read(Map.of(), now.plus(RETRY));
        }
    }
}
