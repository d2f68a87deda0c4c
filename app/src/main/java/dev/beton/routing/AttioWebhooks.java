package dev.beton.routing;

import dev.beton.connections.AttioLinks;
import dev.beton.crm.AttioException;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import dev.beton.workspace.PublicEndpoints;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretVault;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attio's webhooks into the CRM mirror. {@code POST /api/v1/attio/webhooks} subscribes this
 * Beton's public address to record events and keeps the signing secret sealed; Attio then posts
 * to {@code /attio/webhook/{workspace}} (no Beton login: the {@code Attio-Signature} HMAC-SHA256 of
 * the raw body is the proof). A wrong or missing signature is a 401 and nothing is read or stored.
 * Payloads carry ids only, so each event's record is read back from Attio.
 */
@RestController
class AttioWebhooks {

    static final String SECRET_NAME = "webhook_secret";
    static final String PATH = "/attio/webhook/";
    private static final Logger log = LoggerFactory.getLogger(AttioWebhooks.class);

    private final Workspaces workspaces;
    private final SecretVault vault;
    private final AttioLinks links;
    private final AttioCalls attio;
    private final AttioDealReader mirror;
    private final RoutingProperties properties;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;

    AttioWebhooks(
            Workspaces workspaces,
            SecretVault vault,
            AttioLinks links,
            AttioCalls attio,
            AttioDealReader mirror,
            RoutingProperties properties,
            JsonMapper json,
            ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.workspaces = workspaces;
        this.vault = vault;
        this.links = links;
        this.attio = attio;
        this.mirror = mirror;
        this.properties = properties;
        this.json = json;
    }

    @Bean
    static PublicEndpoints attioWebhookEndpoint() {
        return PublicEndpoints.of(PATH + "**");
    }

    record Registered(String target_url) {}

    /** Subscribes Attio's record events to this Beton (needs an https public URL and the webhook scope). */
    @PostMapping("/api/v1/attio/webhooks")
    Registered register(CurrentWorkspace current) {
        RoutingApi.requireAdmin(current);
        String base = properties.publicUrl().toString().replaceAll("/+$", "");
        if (!base.startsWith("https://")) {
            throw ProblemException.badRequest("Attio delivers webhooks to https addresses only, and Beton's public"
                    + " address is " + base + ": set BETON_ROUTING_PUBLIC_URL to Beton's https address. Until then,"
                    + " Beton reads deals back from Attio periodically.");
        }
        Secret token = links.token(current.id())
                .orElseThrow(() -> ProblemException.conflict("Attio is not connected in this workspace."));
        String target = base + PATH + current.workspace().slug();
        try {
            String secret = attio.read(
                    token,
                    c -> c.createWebhook(token, target, List.of("record.created", "record.updated", "record.deleted")));
            vault.seal(current.id(), "attio", SECRET_NAME, Secret.of(secret));
        } catch (AttioException e) {
            throw ProblemException.conflict("Attio did not create the webhook: " + e.getMessage()
                    + (e instanceof AttioException.Forbidden ? " (the token needs the scope webhook:read-write)" : ""));
        }
        return new Registered(target);
    }

    record Received(int events, int mirrored) {}

    @PostMapping(PATH + "{workspace}")
    Received receive(
            @PathVariable String workspace,
            @RequestHeader(name = "Attio-Signature", required = false) String signature,
            @RequestHeader(name = "X-Attio-Signature", required = false) String xSignature,
            @RequestBody byte[] body) {
        Optional<Workspace> target = workspaces.bySlug(workspace);
        Optional<Secret> secret = target.flatMap(w -> vault.open(w.id(), "attio", SECRET_NAME));
        String given = Optional.ofNullable(signature)
                .or(() -> Optional.ofNullable(xSignature))
                .orElse("");
        if (secret.isEmpty() || !verified(secret.get(), body, given)) {
            // The same answer for an unknown workspace, so its existence does not leak.
            throw new ProblemException(
                    HttpStatus.UNAUTHORIZED,
                    "bad-webhook-signature",
                    "Bad webhook signature",
                    "The Attio-Signature header does not match this body.");
        }
        long workspaceId = target.get().id();
        JsonNode payload = json.readTree(body);
        int events = 0;
        int mirrored = 0;
        for (JsonNode event : payload.path("events").values()) {
            events++;
            String type = event.path("event_type").asString("");
            String record = event.path("id").path("record_id").asString("");
            if (type.startsWith("record.") && !record.isEmpty()) {
                publisher.publishEvent(new AttioRecordChanged(
                        workspaceId, type, event.path("id").path("object_id").asString(""), record));
            }
            if ((type.equals("record.created") || type.equals("record.updated")) && !record.isEmpty()) {
                try {
                    mirrored += mirror.refreshOne(workspaceId, record) ? 1 : 0;
                } catch (RuntimeException e) {
                    // Acknowledged anyway: the periodic read is the safety net, and Attio retrying would not help.
                    log.warn(
                            "Mirroring Attio record {} of workspace {} failed: {}",
                            record,
                            workspaceId,
                            e.getMessage());
                }
            }
        }
        return new Received(events, mirrored);
    }

    /** Constant-time comparison of {@code hex(HMAC_SHA256(secret, body))} with the header. */
    static boolean verified(Secret secret, byte[] body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(
                    expected,
                    signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
