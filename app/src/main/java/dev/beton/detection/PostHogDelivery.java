package dev.beton.detection;

import dev.beton.connections.PostHogLink;
import dev.beton.connections.PostHogLinks;
import dev.beton.posthog.PostHogCaptureException;
import dev.beton.posthog.PostHogCaptureResult;
import dev.beton.posthog.PostHogCaptures;
import dev.beton.posthog.PostHogClients;
import dev.beton.posthog.PostHogException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends what the outbox holds to each workspace's PostHog capture. Every failure is kept on the
 * rows (with the next attempt time, doubling up to a ceiling) and nothing is lost; after the last
 * allowed attempt a row is abandoned and shown as such. Events carry uuids derived from what they
 * announce, so a batch that reached PostHog but whose answer was lost collapses when resent.
 */
@Service
class PostHogDelivery {

    private static final Logger log = LoggerFactory.getLogger(PostHogDelivery.class);

    private final PostHogOutbox outbox;
    private final PostHogLinks links;
    private final PostHogClients clients;
    private final PostHogCaptures captures;
    private final OutboxProperties properties;
    private final Clock clock;

    PostHogDelivery(
            PostHogOutbox outbox,
            PostHogLinks links,
            PostHogClients clients,
            PostHogCaptures captures,
            OutboxProperties properties,
            Clock clock) {
        this.outbox = outbox;
        this.links = links;
        this.clients = clients;
        this.captures = captures;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends everything due now; returns how many events PostHog accepted. */
    int deliverDue() {
        return deliverDue(clock.instant());
    }

    // One delivery at a time in this instance (the recurring task and a manual call never send the
    // same rows twice); db-scheduler gives each execution of the task to one instance of a cluster.
    synchronized int deliverDue(Instant now) {
        Map<Long, List<OutboxEntry>> byWorkspace = outbox.due(now, properties.batch()).stream()
                .collect(Collectors.groupingBy(OutboxEntry::workspaceId, LinkedHashMap::new, Collectors.toList()));
        int accepted = 0;
        for (Map.Entry<Long, List<OutboxEntry>> workspace : byWorkspace.entrySet()) {
            accepted += deliver(workspace.getKey(), workspace.getValue(), now);
        }
        return accepted;
    }

    private int deliver(long workspaceId, List<OutboxEntry> entries, Instant now) {
        Optional<PostHogLink> link = links.find(workspaceId);
        if (link.isEmpty()) {
            failed(entries, "PostHog is not connected (or its last check failed), so nothing can be sent yet.", now);
            return 0;
        }
        try {
            String token = tokenOf(link.get());
            PostHogCaptureResult result = captures.forApiHost(link.get().host())
                    .send(
                            token,
                            entries.stream().flatMap(e -> e.events().stream()).toList());
            Map<UUID, String> refused = result.refused().stream()
                    .collect(Collectors.toMap(
                            PostHogCaptureResult.Refused::uuid, PostHogCaptureResult.Refused::reason, (a, b) -> a));
            List<OutboxEntry> sent = new java.util.ArrayList<>();
            for (OutboxEntry entry : entries) {
                Map<UUID, String> discarded = new LinkedHashMap<>();
                entry.events().stream()
                        .filter(e -> refused.containsKey(e.uuid()))
                        .forEach(e -> discarded.put(e.uuid(), refused.get(e.uuid())));
                if (discarded.size() == entry.events().size()) {
                    outbox.abandon(
                            entry.id(),
                            "PostHog would discard this event: "
                                    + discarded.values().iterator().next(),
                            now);
                    continue;
                }
                if (!discarded.isEmpty()) {
                    // The rest of the group went: what PostHog would not take becomes a row given up on its own.
                    outbox.splitOff(
                            entry,
                            discarded.keySet(),
                            "PostHog would discard this event: "
                                    + discarded.values().iterator().next(),
                            now);
                }
                sent.add(entry);
            }
            outbox.markSent(PostHogOutbox.ids(sent), now);
            log.info("Sent {} events to PostHog for workspace {}", result.accepted(), workspaceId);
            return result.accepted();
        } catch (PostHogCaptureException | PostHogException e) {
            log.warn(
                    "Sending {} events to PostHog for workspace {} failed: {}",
                    entries.stream().mapToInt(row -> row.events().size()).sum(),
                    workspaceId,
                    e.getMessage());
            failed(entries, e.getMessage(), now);
            return 0;
        }
    }

    /** The project's public token, stored at validation; read from the project when the key came from the environment. */
    private String tokenOf(PostHogLink link) {
        return link.projectToken().orElseGet(() -> clients.forHost(link.host())
                .project(link.key(), link.projectId())
                .apiToken());
    }

    private void failed(List<OutboxEntry> entries, String error, Instant now) {
        for (OutboxEntry entry : entries) {
            int attempts = entry.attempts() + 1;
            if (attempts >= properties.maxAttempts()) {
                outbox.abandon(entry.id(), "Given up after " + attempts + " attempts: " + error, now);
            } else {
                outbox.retryLater(entry.id(), now.plus(properties.retryAfter(attempts)), error);
            }
        }
    }
}
