package dev.beton.connections;

import dev.beton.posthog.PostHogClient;
import dev.beton.posthog.PostHogClients;
import dev.beton.posthog.PostHogException;
import dev.beton.posthog.PostHogProject;
import dev.beton.posthog.PostHogProjectRef;
import dev.beton.posthog.PostHogRegion;
import dev.beton.posthog.PostHogUser;
import dev.beton.workspace.credentials.Secret;
import dev.beton.workspace.credentials.SecretVault;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Connects a workspace to PostHog (seed 002, corrected): checks the key's format, finds the host
 * that accepts it, lets the user's project be chosen, reads its capture token and counts its
 * recent events, then seals the key. Also tests and disconnects the connection.
 */
@Service
class PostHogConnector {

    static final String KEY = "api_key";
    static final int EVENT_WINDOW_DAYS = 30;

    private static final Logger log = LoggerFactory.getLogger(PostHogConnector.class);

    private final PostHogClients clients;
    private final SecretVault vault;
    private final ConnectionStore store;
    private final EnvironmentOverrides overrides;
    private final ValidationRateLimit rateLimit;
    private final PostHogHosts hosts;
    private final ApplicationEventPublisher events;

    PostHogConnector(
            PostHogClients clients,
            PostHogHosts hosts,
            SecretVault vault,
            ConnectionStore store,
            EnvironmentOverrides overrides,
            ValidationRateLimit rateLimit,
            ApplicationEventPublisher events) {
        this.events = events;
        this.clients = clients;
        this.vault = vault;
        this.store = store;
        this.overrides = overrides;
        this.rateLimit = rateLimit;
        this.hosts = hosts;
    }

    /** Validates the submitted (or stored) key and, when PostHog accepts it, stores the connection. */
    PostHogConnection connect(long workspaceId, PostHogConnectRequest request) {
        rateLimit.acquire(workspaceId, Integration.POSTHOG);
        Optional<StoredConnection> stored = store.find(workspaceId, Integration.POSTHOG);
        Secret key = request.apiKey()
                .filter(k -> !k.isBlank())
                .map(PostHogKeyFormat::check)
                .orElseGet(() -> vault.open(workspaceId, Integration.POSTHOG.id(), KEY)
                        .orElseGet(() -> PostHogKeyFormat.check("")));
        List<PostHogHosts.Candidate> hosts = this.hosts.toTry(request, stored);
        if (request.apiKey().filter(k -> !k.isBlank()).isEmpty()) {
            this.hosts.requireStoredKeyMayGoTo(hosts, stored);
        }
        Accepted accepted = firstHostAccepting(key, hosts);
        PostHogProjectRef chosen = choose(accepted.user(), request.projectId());
        Inspected inspected = inspect(key, accepted, chosen);
        PostHogConnection connection = inspected.connection();
        vault.seal(workspaceId, Integration.POSTHOG.id(), KEY, key);
        store.saveValidated(
                workspaceId,
                Integration.POSTHOG,
                connection.organizationName(),
                String.valueOf(connection.projectId()),
                settingsOf(connection, inspected.project()),
                ValidationState.OK,
                Optional.empty());
        log.info("Workspace {} connected PostHog project {} at {}", workspaceId, chosen.id(), connection.host());
        // Dashboards are provisioned right after connecting (journey 1); listeners must not block.
        events.publishEvent(new PostHogConnected(workspaceId));
        return connection;
    }

    /** Re-checks the connection in use (stored or from the environment) and records the result. */
    PostHogConnection test(long workspaceId) {
        rateLimit.acquire(workspaceId, Integration.POSTHOG);
        PostHogSettings settings = effective(workspaceId);
        if (!settings.configured()) {
            throw new ConnectionFailure(ErrorType.NOT_FOUND, "PostHog is not connected in this workspace.");
        }
        Secret key = settings.key().orElseThrow();
        URI host = settings.host().orElse(clients.urlOf(PostHogRegion.US));
        try {
            PostHogClient client = clients.forHost(host);
            PostHogUser user = me(client, key);
            PostHogProjectRef chosen = choose(user, settings.projectId());
            PostHogConnection connection = inspect(key, new Accepted(client, hosts.regionOf(host), user), chosen)
                    .connection();
            store.saveChecked(workspaceId, Integration.POSTHOG, ValidationState.OK, Optional.empty());
            return connection;
        } catch (ConnectionFailure e) {
            store.saveChecked(workspaceId, Integration.POSTHOG, stateAfter(e), Optional.of(e.getMessage()));
            throw e;
        }
    }

    /** The key's user, or why the host refused it as a sentence (a revoked key was a 500 before). */
    private static PostHogUser me(PostHogClient client, Secret key) {
        try {
            return client.me(key);
        } catch (PostHogException.Unauthorized e) {
            throw new ConnectionFailure(
                    ErrorType.UNAUTHORIZED,
                    "PostHog at " + client.baseUrl() + " no longer accepts this key: it may have been revoked."
                            + " Enter a new key. " + PostHogKeyFormat.WHERE_TO_CREATE);
        } catch (PostHogException e) {
            throw PostHogFailures.translate(e, client.baseUrl());
        }
    }

    /** Where a connection without a stored host lives: the US cloud, as {@link #test} assumes. */
    URI defaultHost() {
        return clients.urlOf(PostHogRegion.US);
    }

    /** Seed 002's disconnect: deactivates, keeps the row. */
    boolean disconnect(long workspaceId) {
        return store.deactivate(workspaceId, Integration.POSTHOG);
    }

    /** Removes the connection and its sealed key. */
    boolean remove(long workspaceId) {
        vault.remove(workspaceId, Integration.POSTHOG.id(), KEY);
        return store.delete(workspaceId, Integration.POSTHOG);
    }

    /** The settings in effect: environment variables over stored values. */
    PostHogSettings effective(long workspaceId) {
        Optional<StoredConnection> stored =
                store.find(workspaceId, Integration.POSTHOG).filter(StoredConnection::active);
        Optional<Secret> envKey = overrides.posthogKey();
        Optional<Secret> storedKey =
                stored.isPresent() ? vault.open(workspaceId, Integration.POSTHOG.id(), KEY) : Optional.empty();
        KeySource source =
                envKey.isPresent() ? KeySource.ENVIRONMENT : storedKey.isPresent() ? KeySource.STORED : KeySource.NONE;
        Optional<URI> storedHost = stored.flatMap(s -> s.setting("host")).map(URI::create);
        // A key goes only to the host it was configured with: the environment key to POSTHOG_HOST
        // or a cloud (never to a host a workspace admin typed in), a stored key to its stored host.
        Optional<URI> host = envKey.isPresent()
                ? overrides.posthogHost().map(URI::create).or(() -> storedHost.filter(hosts::isCloud))
                : storedHost;
        Optional<Long> projectId = overrides
                .posthogProjectId()
                .or(() -> stored.flatMap(StoredConnection::externalId))
                .flatMap(PostHogConnector::parseLong);
        return new PostHogSettings(envKey.or(() -> storedKey), source, host, projectId, stored);
    }

    private Accepted firstHostAccepting(Secret key, List<PostHogHosts.Candidate> hosts) {
        List<String> refusedBy = new ArrayList<>();
        for (PostHogHosts.Candidate candidate : hosts) {
            PostHogClient client = clients.forHost(candidate.url());
            try {
                return new Accepted(client, candidate.region(), client.me(key));
            } catch (PostHogException.Unauthorized e) {
                refusedBy.add(
                        candidate.region() == PostHogRegion.CUSTOM
                                ? candidate.url().toString()
                                : candidate.region().name() + " cloud");
            } catch (PostHogException e) {
                throw PostHogFailures.translate(e, candidate.url());
            }
        }
        throw new ConnectionFailure(
                ErrorType.UNAUTHORIZED,
                "PostHog did not accept this key (tried " + String.join(" and ", refusedBy) + "). It may be mistyped,"
                        + " revoked, or made for another PostHog instance. " + PostHogKeyFormat.WHERE_TO_CREATE);
    }

    private static PostHogProjectRef choose(PostHogUser user, Optional<Long> requested) {
        if (user.projects().isEmpty()) {
            throw new ConnectionFailure(
                    ErrorType.NOT_FOUND, "This key cannot see any PostHog project; create a project in PostHog first.");
        }
        if (requested.isPresent()) {
            return user.projects().stream()
                    .filter(p -> p.id() == requested.get())
                    .findFirst()
                    .orElseThrow(() -> new ConnectionFailure(
                            ErrorType.NOT_FOUND,
                            "PostHog project " + requested.get() + " does not exist or this key cannot see it."));
        }
        return user.currentProjectId()
                .flatMap(
                        id -> user.projects().stream().filter(p -> p.id() == id).findFirst())
                .orElse(user.projects().get(0));
    }

    private Inspected inspect(Secret key, Accepted accepted, PostHogProjectRef chosen) {
        try {
            PostHogProject project = accepted.client().project(key, chosen.id());
            long events = accepted.client().countRecentEvents(key, chosen.id(), EVENT_WINDOW_DAYS);
            return new Inspected(
                    new PostHogConnection(
                            accepted.user().organizationName(),
                            project.id(),
                            project.name(),
                            accepted.client().baseUrl().toString(),
                            accepted.region().id(),
                            events,
                            accepted.user().projects()),
                    project);
        } catch (PostHogException e) {
            throw PostHogFailures.translate(e, accepted.client().baseUrl());
        }
    }

    private static Map<String, String> settingsOf(PostHogConnection connection, PostHogProject project) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("host", connection.host());
        settings.put("region", connection.region());
        settings.put("project_name", connection.projectName());
        // the public capture token, read from the project: never asked from the user
        settings.put("project_token", project.apiToken());
        // Shown on the Connections page: Beton pins days and weeks to UTC, PostHog's UI uses this.
        settings.put("project_timezone", project.timezone());
        settings.put("events_count", String.valueOf(connection.eventsCount()));
        settings.put(ProjectChoices.SETTING, ProjectChoices.encode(connection.projects()));
        return settings;
    }

    /** The projects stored by the last validation, for choosing another one without re-entering the key. */
    List<PostHogProjectRef> storedProjectChoices(long workspaceId) {
        return ProjectChoices.decode(store.find(workspaceId, Integration.POSTHOG)
                .flatMap(s -> s.setting(ProjectChoices.SETTING))
                .orElse(""));
    }

    static ValidationState stateAfter(ConnectionFailure failure) {
        return failure.type() == ErrorType.RATE_LIMITED ? ValidationState.DEGRADED : ValidationState.FAILED;
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private record Accepted(PostHogClient client, PostHogRegion region, PostHogUser user) {}

    private record Inspected(PostHogConnection connection, PostHogProject project) {}
}
