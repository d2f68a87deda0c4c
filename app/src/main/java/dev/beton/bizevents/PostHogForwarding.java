package dev.beton.bizevents;

import dev.beton.connections.PostHogLinks;
import dev.beton.detection.PostHogQueue;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.posthog.PostHogCaptureEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends valid business events on to the workspace's PostHog when it is connected (seed: "Business
 * Events → PostHog API"), through the PostHog outbox: durable, retried with backoff, and keyed by
 * the event's own uuid so PostHog collapses a resend. Queued off the writer thread; without a
 * usable PostHog connection nothing is queued (events are not hoarded for a connection that may
 * never come).
 */
@Component
class PostHogForwarding implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostHogForwarding.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    /** Whether a workspace is connected is looked up at most this often (it decrypts the key). */
    private static final long CONNECTED_TTL_NANOS =
            java.time.Duration.ofSeconds(30).toNanos();

    private record Connected(boolean yes, long at) {}

    private final PostHogLinks links;
    private final PostHogQueue queue;
    private final JsonMapper json;
    private final Map<Long, Connected> connected = new ConcurrentHashMap<>();
    private final ExecutorService forwarder = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("business-events-to-posthog").daemon(true).factory());

    PostHogForwarding(PostHogLinks links, PostHogQueue queue, JsonMapper json) {
        this.links = links;
        this.queue = queue;
        this.json = json;
    }

    /** Called with a request's valid business events, after their commit. */
    void forward(long workspaceId, List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        forwarder.execute(() -> {
            try {
                if (isConnected(workspaceId)) {
                    queue.enqueueBusinessEvents(
                            workspaceId, events.stream().map(this::capture).toList());
                }
            } catch (RuntimeException e) {
                log.warn("Business events of workspace {} were not queued for PostHog: {}", workspaceId, e.toString());
            }
        });
    }

    private boolean isConnected(long workspaceId) {
        Connected known = connected.get(workspaceId);
        if (known != null && known.at() > System.nanoTime() - CONNECTED_TTL_NANOS) {
            return known.yes();
        }
        boolean yes = links.find(workspaceId).isPresent();
        connected.put(workspaceId, new Connected(yes, System.nanoTime()));
        return yes;
    }

    /** Forgets what is known about connections (a test connects PostHog and wants it seen at once). */
    void forgetConnections() {
        connected.clear();
    }

    private PostHogCaptureEvent capture(IncomingEvent event) {
        Map<String, Object> properties = json.readValue(event.propertiesJson(), OBJECT);
        return new PostHogCaptureEvent(event.uuid(), event.event(), event.distinctId(), event.timestamp(), properties);
    }

    @Override
    public void close() {
        forwarder.shutdown();
    }
}
