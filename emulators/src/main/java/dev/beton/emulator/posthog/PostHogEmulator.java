package dev.beton.emulator.posthog;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.EmulatorServer;
import dev.beton.emulator.ExchangeObserver;
import dev.beton.emulator.Router;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JacksonException;

/**
 * An in-process PostHog on 127.0.0.1 that keeps state and follows PostHog's documented rules:
 * personal-key auth and scopes, project discovery, group types, dashboards and insights, the
 * HogQL query route (a small evaluator) and capture. See {@code docs/EMULATORS.md} for what it
 * covers and what it leaves out.
 *
 * <pre>{@code
 * try (PostHogEmulator posthog = PostHogEmulator.builder()
 *         .project(new PostHogProject(1, org.id(), "Default", "phc_test"))
 *         .personalKey(PersonalApiKey.withScopes("phx_test", "*"))
 *         .start()) {
 *     URI api = posthog.baseUrl();
 * }
 * }</pre>
 */
public final class PostHogEmulator implements AutoCloseable {

    private final PostHogState state;
    private final EmulatorServer server;
    private final PostHogFaults faults;

    private PostHogEmulator(PostHogState state, EmulatorServer server, PostHogFaults faults) {
        this.state = state;
        this.server = server;
        this.faults = faults;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL serving both the private API and capture, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /**
     * Events capture accepted for a project, in capture order.
     *
     * @throws IllegalArgumentException when the project is not configured
     */
    public List<CapturedEvent> events(long projectId) {
        return data(projectId).events();
    }

    /**
     * A live uploaded data warehouse table of a project: its CSV header first, then its rows
     * (empty when there is none by that name).
     */
    public java.util.Optional<List<List<String>>> warehouseTable(long projectId, String name) {
        ProjectData project = data(projectId);
        synchronized (project) {
            return project.warehouseTables.values().stream()
                    .filter(t -> !t.deleted && t.name.equals(name))
                    .findFirst()
                    .map(t -> {
                        List<List<String>> all = new java.util.ArrayList<>();
                        all.add(t.columns);
                        all.addAll(t.rows);
                        return List.copyOf(all);
                    });
        }
    }

    /** Groups identified in a project through {@code $groupidentify}. */
    public List<CapturedGroup> groups(long projectId) {
        return data(projectId).groups();
    }

    /** Persons that capture created or updated in a project. */
    public List<CapturedPerson> persons(long projectId) {
        return data(projectId).persons();
    }

    /**
     * Sets a property definition's type, as a user does in PostHog's data management: HogQL then
     * reads the property through the type's cast. Without it the type is the one detected from the
     * first value captured.
     *
     * @param kind {@code event}, {@code person} or {@code group}
     * @param groupTypeIndex the group type index for {@code group}, ignored otherwise
     */
    public void propertyType(long projectId, String kind, int groupTypeIndex, String name, PostHogPropertyType type) {
        PropertyDefinitions.Key key =
                switch (kind) {
                    case "event" -> PropertyDefinitions.Key.event(name);
                    case "person" -> PropertyDefinitions.Key.person(name);
                    case "group" -> PropertyDefinitions.Key.group(groupTypeIndex, name);
                    default -> throw new IllegalArgumentException("kind is event, person or group, not " + kind);
                };
        data(projectId).definitions.set(key, type);
    }

    /** The type of an event property as the project defines it (detected or set), if any. */
    public java.util.Optional<PostHogPropertyType> eventPropertyType(long projectId, String name) {
        return data(projectId).definitions.type(PropertyDefinitions.Key.event(name));
    }

    /** The project's time zone (team setting); HogQL shows and counts times in it. UTC by default. */
    public void timezone(long projectId, java.time.ZoneId zone) {
        data(projectId).timezone(zone);
    }

    /**
     * Registers (or re-stamps) a group type as created at {@code createdAt}: HogQL answers {@code
     * ''} for {@code $group_N} on events older than that, as PostHog does for a type created after
     * the events it would group (e.g. a historical import before PostHog PR #64265).
     */
    public void groupTypeCreatedAt(long projectId, String groupType, java.time.Instant createdAt) {
        data(projectId).groupTypeCreatedAt(groupType, createdAt);
    }

    /** Faults tests script on routes: 429s, 500s, slow or malformed answers, revoked keys. */
    public PostHogFaults faults() {
        return faults;
    }

    /** Stops listening and releases the port; state is lost. */
    @Override
    public void close() {
        server.close();
    }

    private ProjectData data(long projectId) {
        return state.project(projectId)
                .orElseThrow(() -> new IllegalArgumentException("no project " + projectId + " in this emulator"));
    }

    /** Configuration, checked when {@link #start()} is called. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private int port;
        private final List<PostHogOrganization> organizations = new ArrayList<>();
        private final List<PostHogProject> projects = new ArrayList<>();
        private final List<PersonalApiKey> keys = new ArrayList<>();
        private final List<ExchangeObserver> observers = new ArrayList<>();
        private PostHogRateLimits rateLimits = PostHogRateLimits.documented();
        private String userEmail = "owner@example.com";
        private HogQLEvaluator evaluator = new HogQLQueryEvaluator();
        private java.time.Duration asyncQueryDuration = java.time.Duration.ZERO;
        private boolean tagging = true;
        private boolean warehouseApi;

        private Builder() {}

        /** Source of "now" for timestamps, query windows and rate limits; UTC system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Adds an organization; the first one is the user's current organization. */
        public Builder organization(PostHogOrganization organization) {
            organizations.add(Objects.requireNonNull(organization, "organization"));
            return this;
        }

        /** Adds a project; its organization must be added too (before or after). */
        public Builder project(PostHogProject project) {
            projects.add(Objects.requireNonNull(project, "project"));
            return this;
        }

        public Builder personalKey(PersonalApiKey key) {
            keys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /** Throttles per key; {@link PostHogRateLimits#documented()} by default. */
        public Builder rateLimits(PostHogRateLimits rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        /**
         * How long an asynchronous query ({@code refresh: async}) reports itself as running,
         * measured on the emulator's clock; zero (the default) completes it at once.
         */
        public Builder asyncQueryDuration(java.time.Duration duration) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("asyncQueryDuration must not be negative");
            }
            this.asyncQueryDuration = duration;
            return this;
        }

        /**
         * Turns PostHog's {@code warehouse-api} feature flag on: {@code warehouse_tables/file/}
         * uploads are accepted. Off by default, as on most servers (the upload then answers 400
         * "Warehouse API is not enabled…").
         */
        public Builder warehouseApi(boolean enabled) {
            this.warehouseApi = enabled;
            return this;
        }

        /**
         * Behave like an older or unlicensed server: tags sent on dashboards and insights are
         * silently dropped and read back as {@code []}, so tag filters find nothing.
         */
        public Builder withoutTagging() {
            this.tagging = false;
            return this;
        }

        /** E-mail of the user every key belongs to. */
        public Builder userEmail(String email) {
            this.userEmail = Objects.requireNonNull(email, "email");
            return this;
        }

        public Builder observer(ExchangeObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /** Replaces the HogQL evaluator (package-private seam for richer SQL). */
        Builder evaluator(HogQLEvaluator evaluator) {
            this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
            return this;
        }

        /**
         * Starts the emulator.
         *
         * @throws IllegalStateException when the configuration is incomplete or inconsistent
         */
        public PostHogEmulator start() {
            List<PostHogOrganization> orgs = organizations.isEmpty() ? List.of(defaultOrganization()) : organizations;
            check(orgs);
            PostHogState state = new PostHogState(clock, user(), orgs, projects, keys, tagging);
            Gate gate = new Gate(state, rateLimits);
            BoardJson json = new BoardJson(state);
            Router router = Router.trailingSlashOptional();
            new DiscoveryRoutes(state, gate).register(router);
            new DashboardRoutes(state, gate, json).register(router);
            new InsightRoutes(state, gate, json, new InsightResults(state, evaluator)).register(router);
            new QueryRoutes(state, gate, evaluator, new AsyncQueries(clock, asyncQueryDuration)).register(router);
            new WarehouseTableRoutes(state, gate, warehouseApi).register(router);
            new CaptureRoutes(state).register(router);
            PostHogFaults faults = new PostHogFaults();
            EmulatorServer server = EmulatorServer.start(
                    port, faults.around(EmulatorServer.dispatcher(router, new Answers())), observers);
            return new PostHogEmulator(state, server, faults);
        }

        private void check(List<PostHogOrganization> orgs) {
            if (projects.isEmpty()) {
                throw new IllegalStateException("a PostHog emulator needs at least one project");
            }
            for (PostHogProject project : projects) {
                if (orgs.stream().noneMatch(o -> o.id().equals(project.organizationId()))) {
                    throw new IllegalStateException("project " + project.id() + " belongs to organization "
                            + project.organizationId() + ", which was not added");
                }
                if (projects.stream().filter(p -> p.id() == project.id()).count() > 1) {
                    throw new IllegalStateException("project id " + project.id() + " is used twice");
                }
            }
        }

        private PostHogOrganization defaultOrganization() {
            UUID id =
                    projects.isEmpty() ? UUID.randomUUID() : projects.getFirst().organizationId();
            return new PostHogOrganization(id, "Default organization", "default");
        }

        private PostHogState.EmulatedUser user() {
            UUID uuid = UUID.nameUUIDFromBytes(userEmail.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new PostHogState.EmulatedUser(1, uuid, userEmail, "Emulated", "User");
        }
    }

    /** DRF's answers for unknown paths, wrong methods, unreadable JSON and crashes. */
    private static final class Answers implements EmulatorServer.Answers {

        @Override
        public EmulatorResponse notFound(EmulatorRequest request) {
            return PostHogErrors.notFound();
        }

        @Override
        public EmulatorResponse methodNotAllowed(EmulatorRequest request, List<String> allowed) {
            return PostHogErrors.methodNotAllowed(request.method()).withHeader("Allow", String.join(", ", allowed));
        }

        @Override
        public EmulatorResponse failure(EmulatorRequest request, RuntimeException error) {
            if (error instanceof JacksonException json) {
                return PostHogErrors.validation("parse_error", "JSON parse error - " + json.getOriginalMessage(), null);
            }
            return PostHogErrors.serverError();
        }
    }
}
