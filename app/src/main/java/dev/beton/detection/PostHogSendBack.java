package dev.beton.detection;

import dev.beton.connections.PostHogLinks;
import dev.beton.posthog.PostHogCaptureEvent;
import dev.beton.signals.CompanyGroupType;
import dev.beton.signals.DetectedSignal;
import dev.beton.signals.ScoreReceipt;
import dev.beton.signals.SignalRun;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues a run's results for the workspace's PostHog, when it has a connection: each fired signal
 * as a {@code beton_signal_fired} event (same uuid and properties as the event in the embedded
 * store), each account's score as a {@code $groupidentify} of its company. Only queues: the
 * sending happens in {@link PostHogDelivery}, so PostHog being down never touches the run.
 */
@Component
class PostHogSendBack {

    static final String SCORE_DISTINCT_ID_PREFIX = "beton:company:";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final PostHogLinks links;
    private final PostHogOutbox outbox;
    private final SignalFiredEvents signalEvents;
    private final JsonMapper json;
    private final Clock clock;

    PostHogSendBack(
            PostHogLinks links, PostHogOutbox outbox, SignalFiredEvents signalEvents, JsonMapper json, Clock clock) {
        this.links = links;
        this.outbox = outbox;
        this.signalEvents = signalEvents;
        this.json = json;
        this.clock = clock;
    }

    /** @return how many events were newly queued; 0 when the workspace has no usable PostHog connection */
    int queue(long workspaceId, long runId, SignalRun run) {
        if (links.find(workspaceId).isEmpty()) {
            return 0;
        }
        var now = clock.instant();
        return outbox.enqueue(workspaceId, runId, OutboxEntry.SIGNAL, signals(workspaceId, run), now)
                + outbox.enqueue(workspaceId, runId, OutboxEntry.SCORE, scores(workspaceId, run), now);
    }

    List<PostHogCaptureEvent> signals(long workspaceId, SignalRun run) {
        Map<String, ScoreReceipt> receipts =
                run.receipts().stream().collect(Collectors.toMap(ScoreReceipt::accountKey, Function.identity()));
        List<PostHogCaptureEvent> events = new ArrayList<>();
        for (DetectedSignal signal : run.fired()) {
            Map<String, Object> properties =
                    json.convertValue(signalEvents.properties(signal, receipts.get(signal.accountKey())), OBJECT);
            events.add(new PostHogCaptureEvent(
                    SignalFiredEvents.uuidOf(workspaceId, signal),
                    SignalFiredEvents.EVENT,
                    SignalFiredEvents.DISTINCT_ID,
                    signal.asOf(),
                    properties));
        }
        return events;
    }

    List<PostHogCaptureEvent> scores(long workspaceId, SignalRun run) {
        List<PostHogCaptureEvent> events = new ArrayList<>();
        for (ScoreReceipt receipt : run.receipts()) {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("beton_pql_score", receipt.score());
            set.put(
                    "beton_signal_types",
                    receipt.lines().stream()
                            .map(line -> line.type().key())
                            .distinct()
                            .sorted()
                            .toList());
            set.put("beton_scored_at", receipt.asOf().toString());
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("$group_type", CompanyGroupType.NAME);
            properties.put("$group_key", receipt.accountKey());
            properties.put("$group_set", set);
            properties.put("$process_person_profile", false);
            properties.put("$lib", "beton");
            events.add(new PostHogCaptureEvent(
                    scoreUuid(workspaceId, receipt),
                    "$groupidentify",
                    SCORE_DISTINCT_ID_PREFIX + receipt.accountKey(),
                    receipt.asOf(),
                    properties));
        }
        return events;
    }

    /** One score per account and instant: a rerun as of the same instant queues nothing new. */
    static UUID scoreUuid(long workspaceId, ScoreReceipt receipt) {
        String identity = "$groupidentify|" + workspaceId + "|" + receipt.accountKey() + "|" + receipt.asOf();
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8));
    }
}
