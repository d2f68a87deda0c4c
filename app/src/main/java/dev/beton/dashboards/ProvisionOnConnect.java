package dev.beton.dashboards;

import dev.beton.connections.PostHogConnected;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Journey 1: right after PostHog connects, the four dashboards are provisioned, in the
 * background so the connect answer is not held up ({@code beton.dashboards.provision-on-connect},
 * on by default).
 */
@Component
class ProvisionOnConnect {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionOnConnect.class);

    private final Provisioner provisioner;
    private final boolean enabled;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dashboards-provision");
        thread.setDaemon(true);
        return thread;
    });

    ProvisionOnConnect(
            Provisioner provisioner, @Value("${beton.dashboards.provision-on-connect:true}") boolean enabled) {
        this.provisioner = provisioner;
        this.enabled = enabled;
    }

    @EventListener
    void connected(PostHogConnected event) {
        if (!enabled) {
            return;
        }
        background.submit(() -> {
            try {
                ProvisionResult result = provisioner.provision(event.workspaceId());
                LOG.info(
                        "Dashboards provisioned into PostHog for workspace {}: {}",
                        event.workspaceId(),
                        result.success() ? "ok" : result.error());
            } catch (RuntimeException e) {
                LOG.warn("Provisioning dashboards after connecting PostHog failed: {}", e.toString());
            }
        });
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
