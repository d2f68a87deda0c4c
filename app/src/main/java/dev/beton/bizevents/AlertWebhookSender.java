package dev.beton.bizevents;

import dev.beton.bizevents.WebhookDeliveries.Delivery;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts critical alerts to the workspace's Slack-compatible incoming webhook, signed. Each alert is
 * queued durably first; the first attempt follows at once (off the writer thread), failures are
 * retried with exponential backoff by {@link AlertWebhookTask} until {@code max-attempts}, then the
 * delivery is abandoned and shown as such. Whoever posts claims the row first, so a retry and the
 * first attempt, or two nodes, never post the same delivery twice at once.
 */
@Service
class AlertWebhookSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertWebhookSender.class);

    private final WebhookDeliveries deliveries;
    private final AlertWebhooks webhooks;
    private final AlertWebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("business-alert-webhook").daemon(true).factory());

    AlertWebhookSender(
            WebhookDeliveries deliveries,
            AlertWebhooks webhooks,
            AlertWebhookProperties properties,
            JsonMapper json,
            Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Queues the alert (on the caller's thread, so it survives a restart) and tries it at once. */
    void send(long workspaceId, Alert alert) {
        long id = deliveries.enqueue(workspaceId, alert.id(), payload(alert));
        sender.execute(() -> deliveries.byId(id).ifPresent(this::attempt));
    }

    /** Retries every delivery that is due; called by the recurring task. */
    int deliverDue() {
        int sent = 0;
        for (Delivery delivery : deliveries.due(clock.instant(), 100)) {
            if (attempt(delivery)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean attempt(Delivery delivery) {
        Instant now = clock.instant();
        if (!deliveries.claim(delivery.id(), now, properties.timeout().multipliedBy(3))) {
            return false; // another thread or node has it, or it is no longer due
        }
        Optional<AlertWebhooks.Target> target = webhooks.target(delivery.workspaceId());
        if (target.isEmpty()) {
            deliveries.abandon(delivery, "No webhook is configured any more.");
            return false;
        }
        String error = post(target.get(), delivery.payload(), now);
        if (error == null) {
            deliveries.sent(delivery, clock.instant());
            return true;
        }
        int failed = delivery.attempts() + 1;
        if (failed >= properties.maxAttempts()) {
            log.warn("Webhook delivery {} abandoned after {} attempts: {}", delivery.id(), failed, error);
            deliveries.abandon(delivery, error);
        } else {
            deliveries.retryLater(delivery, error, clock.instant().plus(properties.retryAfter(failed)));
        }
        return false;
    }

    /** @return null when the receiver took it (2xx), else why not — without the URL, which is a secret */
    private String post(AlertWebhooks.Target target, String body, Instant now) {
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(
                        WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(target.signingSecret().reveal(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "The webhook answered HTTP " + status + ".";
        } catch (IOException e) {
            return "The webhook could not be reached: " + e.getClass().getSimpleName() + ".";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted while posting.";
        }
    }

    /** Slack's incoming-webhook body: {@code text} for notifications, one {@code section} block. */
    String payload(Alert alert) {
        String headline = "*" + alert.tier().toUpperCase(Locale.ROOT) + "*: " + alert.title();
        String text = headline + "\n" + alert.detail() + "\nTenant: " + alert.tenantId() + " · Rule: `" + alert.rule()
                + "` · Event: " + alert.eventName() + " · Seen: " + alert.firstSeenAt();
        return json.writeValueAsString(Map.of(
                "text",
                text,
                "blocks",
                List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)))));
    }

    @Override
    public void close() {
        sender.shutdown();
    }
}
