package dev.beton.bizevents;

import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's incoming webhook for critical alerts (admins only: its URL is a credential) and
 * what was posted to it.
 */
@RestController
class AlertWebhookApi {

    /** @param rotateSigningSecret true to replace the signing secret (it is shown once, in the answer) */
    record WebhookChange(String url, Boolean rotateSigningSecret) {}

    /** A delivery without its payload: what was tried, how often, and the last error. */
    record DeliveryView(
            long id,
            long alertId,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant sentAt,
            String lastError) {
        static DeliveryView of(WebhookDeliveries.Delivery d) {
            return new DeliveryView(
                    d.id(),
                    d.alertId(),
                    d.status(),
                    d.attempts(),
                    d.createdAt(),
                    d.status().equals("pending") ? d.nextAttemptAt() : null,
                    d.sentAt(),
                    d.lastError());
        }
    }

    private final AlertWebhooks webhooks;
    private final WebhookDeliveries deliveries;

    AlertWebhookApi(AlertWebhooks webhooks, WebhookDeliveries deliveries) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    @GetMapping("/api/v1/alert-webhook")
    AlertWebhooks.View view(CurrentWorkspace workspace) {
        adminOnly(workspace);
        return webhooks.view(workspace.id());
    }

    @PutMapping("/api/v1/alert-webhook")
    AlertWebhooks.View configure(CurrentWorkspace workspace, @RequestBody WebhookChange change) {
        adminOnly(workspace);
        return webhooks.configure(workspace.id(), change.url(), Boolean.TRUE.equals(change.rotateSigningSecret()));
    }

    @DeleteMapping("/api/v1/alert-webhook")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(CurrentWorkspace workspace) {
        adminOnly(workspace);
        webhooks.remove(workspace.id());
    }

    @GetMapping("/api/v1/alert-webhook/deliveries")
    List<DeliveryView> deliveries(CurrentWorkspace workspace, @RequestParam(defaultValue = "50") int limit) {
        adminOnly(workspace);
        return deliveries.recent(workspace.id(), limit).stream()
                .map(DeliveryView::of)
                .toList();
    }

    private static void adminOnly(CurrentWorkspace workspace) {
        if (!workspace.isAdmin()) {
            throw ProblemException.forbidden("Only admins of this workspace see and change its alert webhook.");
        }
    }
}
