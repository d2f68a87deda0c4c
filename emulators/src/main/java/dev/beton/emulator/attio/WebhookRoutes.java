package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioGate.Kind.WRITE;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Json;
import dev.beton.emulator.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v2/webhooks}: a subscription with an https target, answered with its signing secret
 * (shown only here, as in Attio). Every record change matching a subscription (event type and
 * {@code filter}) is then delivered as Attio does: a POST of {@code {webhook_id, events: [one
 * event]}} carrying ids only, signed with {@code Attio-Signature} (and {@code X-Attio-Signature})
 * = hex HMAC-SHA256 of the raw body keyed by the secret, with an {@code Idempotency-Key} kept
 * across retries. Each webhook's deliveries run on its own thread, in order (one unreachable
 * target does not hold up another's); a non-2xx answer is retried
 * {@link #ATTEMPTS} times with a short backoff (Attio: 10 times over about 3 days).
 */
final class WebhookRoutes {

    static final int ATTEMPTS = 3;

    record Webhook(UUID id, String targetUrl, String secret, JsonNode subscriptions) {}

    /** One delivered (or given up) message: the last answer's status, or -1 when none came. */
    record Delivery(UUID webhookId, String targetUrl, String body, int status, int attempts) {}

    private final Schema schema;
    private final AttioGate gate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final List<Webhook> webhooks = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<UUID, ExecutorService> senders = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile UnaryOperator<URI> route = UnaryOperator.identity();

    WebhookRoutes(Schema schema, AttioGate gate, Clock clock) {
        this.schema = schema;
        this.gate = gate;
        this.clock = clock;
    }

    void register(Router router) {
        router.route("POST", "/v2/webhooks", gate.guard(WRITE, List.of("webhook:read-write"), this::create));
    }

    synchronized List<Webhook> secrets() {
        return List.copyOf(webhooks);
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Where a target URL is actually sent (tests map Attio's https target onto a local http server). */
    void route(UnaryOperator<URI> route) {
        this.route = route;
    }

    void close() {
        senders.values().forEach(ExecutorService::shutdownNow);
    }

    private ExecutorService sender(UUID webhookId) {
        return senders.computeIfAbsent(
                webhookId,
                id -> Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "attio-emulator-webhook-" + id);
                    thread.setDaemon(true);
                    return thread;
                }));
    }

    /** A record changed: one message per webhook with a matching subscription. */
    void changed(RecordStore.Change change) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("workspace_id", schema.workspaceId.toString());
        id.put("object_id", change.object().id().toString());
        id.put("record_id", change.recordId().toString());
        change.attributeId().ifPresent(a -> id.put("attribute_id", a.toString()));
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("type", change.actor().type());
        actor.put("id", change.actor().id().toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_type", change.eventType());
        event.put("id", id);
        event.put("actor", actor);
        JsonNode asJson = Json.parse(Json.write(event));
        for (Webhook webhook : secrets()) {
            if (subscribed(webhook.subscriptions(), change.eventType(), asJson)) {
                Map<String, Object> envelope = new LinkedHashMap<>();
                envelope.put("webhook_id", webhook.id().toString());
                envelope.put("events", List.of(event));
                String body = Json.write(envelope);
                String idempotencyKey = UUID.randomUUID().toString();
                sender(webhook.id()).execute(() -> deliver(webhook, body, idempotencyKey));
            }
        }
    }

    private static boolean subscribed(JsonNode subscriptions, String eventType, JsonNode event) {
        for (JsonNode subscription : subscriptions.values()) {
            if (subscription.path("event_type").asString("").equals(eventType)
                    && matches(subscription.path("filter"), event)) {
                return true;
            }
        }
        return false;
    }

    /** {@code null} matches everything; {@code {$and|$or: [{field, operator: equals|not_equals, value}]}}. */
    private static boolean matches(JsonNode filter, JsonNode event) {
        if (filter.isMissingNode() || filter.isNull()) {
            return true;
        }
        boolean all = filter.has("$and");
        JsonNode conditions = all ? filter.path("$and") : filter.path("$or");
        boolean any = false;
        for (JsonNode condition : conditions.values()) {
            JsonNode value = event;
            for (String part : condition.path("field").asString("").split("\\.")) {
                value = value.path(part);
            }
            boolean equal = value.asString("").equals(condition.path("value").asString(""));
            boolean holds = condition.path("operator").asString("equals").equals("not_equals") ? !equal : equal;
            if (all && !holds) {
                return false;
            }
            any |= holds;
        }
        return all || any;
    }

    private void deliver(Webhook webhook, String body, String idempotencyKey) {
        String signature = sign(webhook.secret(), body);
        int status = -1;
        int attempt = 0;
        while (attempt < ATTEMPTS) {
            attempt++;
            try {
                HttpResponse<Void> answer = http.send(
                        HttpRequest.newBuilder(route.apply(URI.create(webhook.targetUrl())))
                                .header("Content-Type", "application/json")
                                .header("Attio-Signature", signature)
                                .header("X-Attio-Signature", signature)
                                .header("Idempotency-Key", idempotencyKey)
                                .header("User-Agent", "Attio 2.0 (emulator)")
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                status = answer.statusCode();
                if (status / 100 == 2) {
                    break;
                }
            } catch (java.io.IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(100L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (this) {
            deliveries.add(new Delivery(webhook.id(), webhook.targetUrl(), body, status, attempt));
        }
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private EmulatorResponse create(EmulatorRequest request, AttioToken token) {
        JsonNode data = request.json().path("data");
        String target = data.path("target_url").asString("");
        if (!target.startsWith("https://")) {
            throw AttioProblem.invalid("validation_type", "target_url must be an https URL.");
        }
        if (!data.path("subscriptions").isArray()) {
            throw AttioProblem.invalid("validation_type", "Body is missing data.subscriptions.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Webhook webhook =
                new Webhook(UUID.randomUUID(), target, HexFormat.of().formatHex(bytes), data.path("subscriptions"));
        synchronized (this) {
            webhooks.add(webhook);
        }
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("workspace_id", schema.workspaceId.toString());
        id.put("webhook_id", webhook.id().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target_url", target);
        body.put("subscriptions", Json.toPlain(data.path("subscriptions")));
        body.put("id", id);
        body.put("status", "active");
        body.put("created_at", Timestamps.format(clock.instant()));
        body.put("secret", webhook.secret());
        return EmulatorResponse.json(200, Map.of("data", body));
    }
}
