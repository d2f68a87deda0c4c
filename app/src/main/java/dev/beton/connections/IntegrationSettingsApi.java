package dev.beton.connections;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 000 Appendix B: save (validating first), read (key masked), remove and test an
 * integration's settings, for {@code posthog} and {@code attio}.
 */
@RestController
@RequestMapping("/api/v1/settings/integrations/{name}")
class IntegrationSettingsApi extends ConnectionProblems {

    private final PostHogConnector posthog;
    private final AttioConnector attio;
    private final ConnectionViews views;
    private final ClickHouseConnector clickhouse;

    IntegrationSettingsApi(
            PostHogConnector posthog, AttioConnector attio, ConnectionViews views, ClickHouseConnector clickhouse) {
        this.posthog = posthog;
        this.attio = attio;
        this.views = views;
        this.clickhouse = clickhouse;
    }

    record SettingsRequest(
            @JsonProperty("api_key") String apiKey,
            String region,
            String host,
            @JsonProperty("project_id") Long projectId) {

        @Override
        public String toString() {
            return "SettingsRequest[apiKey=" + (apiKey == null ? "none" : "***") + ", region=" + region + ", host="
                    + host + ", projectId=" + projectId + "]";
        }
    }

    /** The result of a test: the state reached and, when degraded, why. */
    record TestResult(String integration, String state, String message, ConnectionView connection) {}

    @GetMapping
    ConnectionView get(CurrentWorkspace current, @PathVariable String name) {
        return views.of(current.id(), integration(name));
    }

    @PostMapping
    ConnectionView save(CurrentWorkspace current, @PathVariable String name, @RequestBody SettingsRequest request) {
        Admins.require(current);
        Integration integration = integration(name);
        switch (integration) {
            case POSTHOG ->
                posthog.connect(
                        current.id(),
                        new PostHogConnectRequest(
                                Optional.ofNullable(request.apiKey()),
                                Optional.ofNullable(request.region()),
                                Optional.ofNullable(request.host()),
                                Optional.ofNullable(request.projectId())));
            case ATTIO -> attio.connect(current.id(), Optional.ofNullable(request.apiKey()));
            case CLICKHOUSE ->
                throw ProblemException.badRequest(
                        "ClickHouse has its own settings (host, port, user, password, database, TLS, schema"
                                + " mapping): PUT them to /api/v1/settings/clickhouse.");
        }
        return views.of(current.id(), integration);
    }

    @DeleteMapping
    ResponseEntity<Void> remove(CurrentWorkspace current, @PathVariable String name) {
        Admins.require(current);
        boolean removed =
                switch (integration(name)) {
                    case POSTHOG -> posthog.remove(current.id());
                    case ATTIO -> attio.remove(current.id());
                    case CLICKHOUSE -> clickhouse.remove(current.id());
                };
        if (!removed) {
            throw ProblemException.notFound(integration(name).label() + " is not connected in this workspace.");
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/test")
    TestResult test(CurrentWorkspace current, @PathVariable String name) {
        Admins.require(current);
        Integration integration = integration(name);
        String message =
                switch (integration) {
                    case POSTHOG -> {
                        PostHogConnection c = posthog.test(current.id());
                        yield "PostHog answered: project " + c.projectName() + " received " + c.eventsCount()
                                + " events in the last 30 days.";
                    }
                    case ATTIO ->
                        switch (attio.test(current.id())) {
                            case AttioConnection.Ready r ->
                                "Attio answered: workspace " + r.workspaceName() + " is ready.";
                            case AttioConnection.Limited l -> l.explanation();
                        };
                    case CLICKHOUSE -> clickhouse.test(current.id()).sentence();
                };
        ConnectionView view = views.of(current.id(), integration);
        return new TestResult(integration.id(), view.state(), message, view);
    }

    static Integration integration(String name) {
        return Integration.byId(name)
                .orElseThrow(() -> ProblemException.notFound(
                        "Beton has no integration named '" + name + "'; it knows posthog, attio and clickhouse."));
    }
}
