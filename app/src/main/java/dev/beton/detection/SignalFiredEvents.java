package dev.beton.detection;

import dev.beton.events.ingest.EventIngestion;
import dev.beton.events.ingest.IncomingEvent;
import dev.beton.signals.CompanyGroupType;
import dev.beton.signals.DetectedSignal;
import dev.beton.signals.Evidence;
import dev.beton.signals.ScoreReceipt;
import dev.beton.signals.SignalRun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Announces each fired signal as a {@code beton_signal_fired} event in the workspace's own
 * warehouse, as PostHog would hold it. The uuid is derived from the signal's identity (workspace,
 * account, type, asOf), and ingestion drops uuids it already has, so a rerun adds nothing.
 */
@Component
class SignalFiredEvents {

    static final String EVENT = "beton_signal_fired";
    static final String DISTINCT_ID = "beton-signals";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final EventIngestion ingestion;
    private final JsonMapper json;

    SignalFiredEvents(EventIngestion ingestion, JsonMapper json) {
        this.ingestion = ingestion;
        this.json = json;
    }

    /** @return how many events were new */
    long announce(long workspaceId, SignalRun run) {
        List<IncomingEvent> events = events(workspaceId, run);
        if (events.isEmpty()) {
            return 0;
        }
        try {
            // Bounded: a run must end (partial) even if the workspace's writer never acknowledges.
            return ingestion
                    .submit(workspaceId, events)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .stored();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing beton_signal_fired events", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Storing beton_signal_fired events failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Storing beton_signal_fired events took longer than " + WAIT, e);
        }
    }

    List<IncomingEvent> events(long workspaceId, SignalRun run) {
        Map<String, ScoreReceipt> receipts =
                run.receipts().stream().collect(Collectors.toMap(ScoreReceipt::accountKey, Function.identity()));
        List<IncomingEvent> events = new ArrayList<>();
        for (DetectedSignal signal : run.fired()) {
            events.add(event(workspaceId, signal, receipts.get(signal.accountKey())));
        }
        return events;
    }

    static UUID uuidOf(long workspaceId, DetectedSignal signal) {
        String identity = EVENT + "|" + workspaceId + "|" + signal.accountKey() + "|"
                + signal.type().key() + "|" + signal.asOf();
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8));
    }

    private IncomingEvent event(long workspaceId, DetectedSignal signal, ScoreReceipt receipt) {
        ObjectNode properties = properties(signal, receipt);
        return new IncomingEvent(
                uuidOf(workspaceId, signal),
                EVENT,
                DISTINCT_ID,
                signal.asOf(),
                json.writeValueAsString(properties),
                Map.of(CompanyGroupType.NAME, signal.accountKey()),
                new IncomingEvent.PersonUpdate(false, json.createObjectNode(), json.createObjectNode(), List.of()),
                Optional.empty());
    }

    /** The event's properties, the same whether the event lands in the embedded store or in PostHog. */
    ObjectNode properties(DetectedSignal signal, ScoreReceipt receipt) {
        ObjectNode properties = json.createObjectNode();
        properties.put("signal_type", signal.type().key());
        properties.put("signal_score", receipt == null ? signal.baseScore() : receipt.score());
        properties.put("signal_base_score", signal.baseScore());
        var types = properties.putArray("signal_types");
        if (receipt != null) {
            receipt.lines().stream()
                    .map(line -> line.type().key())
                    .distinct()
                    .sorted()
                    .forEach(types::add);
        }
        properties.put("detected_at", signal.asOf().toString());
        properties.put("account", signal.accountKey());
        properties.put("measure", signal.measure());
        properties.put("threshold", signal.threshold());
        properties.put("definition", signal.definitionReference());
        properties.put("evidence", signal.evidence().summary());
        ObjectNode facts = properties.putObject("evidence_facts");
        for (Evidence.Fact fact : signal.evidence().facts()) {
            facts.put(fact.name(), fact.value());
        }
        properties.putObject("$groups").put(CompanyGroupType.NAME, signal.accountKey());
        properties.put("$process_person_profile", false);
        properties.put("$lib", "beton");
        return properties;
    }
}
