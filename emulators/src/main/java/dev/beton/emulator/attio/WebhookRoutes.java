package dev.beton.emulator.attio;

import static dev.beton.emulator.attio.AttioGate.Kind.WRITE;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.Json;
import dev.beton.emulator.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v2/webhooks}: a subscription with an https target, answered with its signing secret
 * (shown only here, as in Attio). Deliveries are not sent by the emulator; a test plays Attio by
 * signing a payload with {@link #secrets()}.
 */
final class WebhookRoutes {

    record Webhook(UUID id, String targetUrl, String secret) {}

    private final Schema schema;
    private final AttioGate gate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final List<Webhook> webhooks = new ArrayList<>();

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
        Webhook webhook = new Webhook(UUID.randomUUID(), target, HexFormat.of().formatHex(bytes));
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
