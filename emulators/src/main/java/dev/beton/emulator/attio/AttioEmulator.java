package dev.beton.emulator.attio;

import dev.beton.emulator.EmulatorRequest;
import dev.beton.emulator.EmulatorResponse;
import dev.beton.emulator.EmulatorServer;
import dev.beton.emulator.ExchangeObserver;
import dev.beton.emulator.Router;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JacksonException;

/**
 * An in-process Attio REST API (v2) on 127.0.0.1 that keeps state and follows Attio's
 * documented rules: bearer tokens with scopes, {@code /v2/self}, objects and attributes, records
 * with Attio's value shapes (query, create, assert, update), notes, and per-token rate limits
 * answered with an HTTP-date {@code Retry-After}. See {@code docs/EMULATORS.md}.
 *
 * <pre>{@code
 * try (AttioEmulator attio = AttioEmulator.builder()
 *         .token(AttioToken.full("attio_test_token"))
 *         .dealsEnabled(true)
 *         .start()) {
 *     URI api = attio.baseUrl(); // then e.g. POST {api}/v2/objects/companies/records/query
 * }
 * }</pre>
 */
public final class AttioEmulator implements AutoCloseable {

    private final EmulatorServer server;
    private final AttioGate gate;
    private final Schema schema;
    private final RecordStore store;
    private final AttioJson json;
    private final NoteRoutes notes;
    private final Map<String, UUID> members;
    private WebhookRoutes webhooks;
    private dev.beton.emulator.RequestsAtOnce requestsAtOnce;

    private AttioEmulator(
            EmulatorServer server,
            AttioGate gate,
            Schema schema,
            RecordStore store,
            AttioJson json,
            NoteRoutes notes,
            Map<String, UUID> members) {
        this.server = server;
        this.gate = gate;
        this.schema = schema;
        this.store = store;
        this.json = json;
        this.notes = notes;
        this.members = members;
    }

    /**
     * The most requests this emulator answered at the same moment (an answer counts until its
     * {@code answerTime} is over), since it started or the last {@code resetRequestsAtOnce()}.
     */
    public int mostRequestsAtOnce() {
        return requestsAtOnce.most();
    }

    public void resetRequestsAtOnce() {
        requestsAtOnce.reset();
    }

    /** Revokes a token now, as a workspace admin would: later requests with it get 401. */
    public void revoke(String token) {
        gate.revoke(token);
    }

    /** Answers the next {@code count} requests with {@code status} (e.g. 503, or 429 with a Retry-After of the next second) unhandled. */
    public void failNext(int count, int status) {
        gate.failNext(count, status);
    }

    /** Every record of an object as Attio would answer it ({@code id}, {@code values}, …), oldest first. */
    public List<Map<String, Object>> records(String object) {
        Schema.AttioObject o = schema.object(object).orElseThrow(() -> new IllegalArgumentException(object));
        synchronized (store) {
            return store.all(o).stream().map(json::record).toList();
        }
    }

    /** The signing secret of every webhook created through the API, by target URL, oldest first. */
    public Map<String, String> webhookSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        webhooks.secrets().forEach(w -> secrets.put(w.targetUrl(), w.secret()));
        return secrets;
    }

    /**
     * Sends webhook deliveries to {@code route.apply(target URL)} instead of the target itself:
     * Attio accepts https targets only, so a test maps the https target onto its local http server.
     */
    public void routeWebhooks(java.util.function.UnaryOperator<URI> route) {
        webhooks.route(route);
    }

    /** A webhook message the emulator sent: the body, the last answer's status (-1: no answer) and the tries. */
    public record WebhookDelivery(String targetUrl, String body, int status, int attempts) {}

    /** Every webhook message sent (or given up after its retries), oldest first. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries().stream()
                .map(d -> new WebhookDelivery(d.targetUrl(), d.body(), d.status(), d.attempts()))
                .toList();
    }

    /** Titles of the notes on one record, oldest first. */
    public List<String> noteTitles(String recordId) {
        return notes.titlesOf(UUID.fromString(recordId));
    }

    /**
     * Changes values of a record as a person in Attio's UI would (the values' actor is the
     * workspace member), with the same write rules as {@code PATCH}.
     */
    public void editAsMember(String object, String recordId, Map<String, Object> values, String memberEmail) {
        Schema.AttioObject o = schema.object(object).orElseThrow(() -> new IllegalArgumentException(object));
        UUID member = members.get(memberEmail.toLowerCase(Locale.ROOT));
        if (member == null) {
            throw new IllegalArgumentException("no workspace member " + memberEmail);
        }
        synchronized (store) {
            store.update(
                    o,
                    UUID.fromString(recordId),
                    dev.beton.emulator.Json.parse(dev.beton.emulator.Json.write(values)),
                    RecordStore.Mode.OVERWRITE,
                    new RecordStore.Actor("workspace-member", member));
        }
    }

    /**
     * Creates a record as a person in Attio's UI would (no API request, so no rate limit): how a
     * benchmark fills a workspace with tens of thousands of records in seconds. @return the record id
     */
    public String createAsMember(String object, Map<String, Object> values, String memberEmail) {
        Schema.AttioObject o = schema.object(object).orElseThrow(() -> new IllegalArgumentException(object));
        UUID member = members.get(memberEmail.toLowerCase(Locale.ROOT));
        if (member == null) {
            throw new IllegalArgumentException("no workspace member " + memberEmail);
        }
        synchronized (store) {
            return store.create(
                            o,
                            dev.beton.emulator.Json.parse(dev.beton.emulator.Json.write(values)),
                            new RecordStore.Actor("workspace-member", member))
                    .id
                    .toString();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL without {@code /v2}, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** Stops listening and releases the port; state is lost. */
    @Override
    public void close() {
        server.close();
        webhooks.close();
    }

    /** Configuration, checked when {@link #start()} is called. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private int port;
        private AttioWorkspace workspace =
                new AttioWorkspace(UUID.fromString("14beef7a-99f7-4534-a87e-70b564330a4c"), "Acme", "acme");
        private final List<AttioToken> tokens = new ArrayList<>();
        private final List<String> members = new ArrayList<>();
        private final Map<String, String[]> memberNames = new LinkedHashMap<>();
        private final List<CustomAttribute> customAttributes = new ArrayList<>();
        private final List<ExchangeObserver> observers = new ArrayList<>();
        private boolean dealsEnabled;
        private AttioRateLimits rateLimits = AttioRateLimits.documented();
        private Duration answerTime = Duration.ZERO;

        private Builder() {}

        /** Source of "now" for timestamps and the rate-limit windows; UTC system clock by default. */
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

        public Builder workspace(AttioWorkspace workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
            return this;
        }

        public Builder token(AttioToken token) {
            tokens.add(Objects.requireNonNull(token, "token"));
            return this;
        }

        /** Adds a workspace member (deal owners are members); the first one authorised the tokens. */
        public Builder workspaceMember(String email) {
            members.add(Objects.requireNonNull(email, "email").toLowerCase(Locale.ROOT));
            return this;
        }

        /** {@link #workspaceMember(String)} with the name {@code GET /v2/workspace_members} lists. */
        public Builder workspaceMember(String email, String firstName, String lastName) {
            workspaceMember(email);
            memberNames.put(email.toLowerCase(Locale.ROOT), new String[] {
                Objects.requireNonNull(firstName, "firstName"), Objects.requireNonNull(lastName, "lastName")
            });
            return this;
        }

        /** Deals are disabled in a new workspace until an admin enables them. */
        public Builder dealsEnabled(boolean enabled) {
            this.dealsEnabled = enabled;
            return this;
        }

        public Builder customAttribute(CustomAttribute attribute) {
            customAttributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        /**
         * How long an answer takes at least, in wall time, as from a service across a network
         * (zero by default). Waited after the request was handled, outside the store's lock, so
         * requests in flight together overlap their waits as they would against Attio.
         */
        public Builder answerTime(Duration answerTime) {
            if (answerTime.isNegative()) {
                throw new IllegalArgumentException("answerTime must not be negative");
            }
            this.answerTime = answerTime;
            return this;
        }

        /** Reads and writes per second and token; {@link AttioRateLimits#documented()} by default. */
        public Builder rateLimits(AttioRateLimits rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        public Builder observer(ExchangeObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Starts the emulator.
         *
         * @throws IllegalStateException when no token is configured or a custom attribute does
         *     not fit the workspace
         */
        public AttioEmulator start() {
            if (tokens.isEmpty()) {
                throw new IllegalStateException("an Attio emulator needs at least one token");
            }
            List<String> memberEmails = members.isEmpty() ? List.of("owner@example.com") : members;
            Map<String, UUID> memberIds = new LinkedHashMap<>();
            memberEmails.forEach(m -> memberIds.put(m, Ids.of(workspace.id(), "member", m)));
            Map<String, AttioToken> byValue = new LinkedHashMap<>();
            tokens.forEach(t -> byValue.put(t.value(), t));

            Schema schema = new Schema(workspace.id(), clock.instant(), dealsEnabled, customAttributes);
            RecordStore store = new RecordStore(schema, clock, memberIds);
            AttioGate gate = new AttioGate(byValue, clock, rateLimits);
            AttioJson json = new AttioJson(schema, workspace.slug());
            Router router = Router.strict();
            new WorkspaceRoutes(
                            workspace,
                            schema,
                            gate,
                            json,
                            memberIds.values().iterator().next(),
                            memberIds.entrySet().stream()
                                    .map(m -> {
                                        String[] name = memberNames.getOrDefault(m.getKey(), new String[2]);
                                        return AttioMember.fromEmail(m.getValue(), m.getKey(), name[0], name[1]);
                                    })
                                    .toList())
                    .register(router);
            new AttributeRoutes(schema, gate, json).register(router);
            new RecordRoutes(schema, store, gate, json).register(router);
            NoteRoutes notes = new NoteRoutes(schema, store, gate, clock);
            notes.register(router);
            WebhookRoutes webhooks = new WebhookRoutes(schema, gate, clock);
            webhooks.register(router);
            store.onChange(webhooks::changed);
            dev.beton.emulator.RequestsAtOnce requestsAtOnce = new dev.beton.emulator.RequestsAtOnce();
            AttioEmulator emulator = new AttioEmulator(
                    EmulatorServer.start(
                            port,
                            requestsAtOnce.counting(EmulatorServer.answeringAfter(
                                    answerTime, EmulatorServer.dispatcher(router, new Answers()))),
                            observers),
                    gate,
                    schema,
                    store,
                    json,
                    notes,
                    Map.copyOf(memberIds));
            emulator.webhooks = webhooks;
            emulator.requestsAtOnce = requestsAtOnce;
            return emulator;
        }
    }

    /** Attio's envelope for unknown routes, wrong methods, unreadable JSON and crashes. */
    private static final class Answers implements EmulatorServer.Answers {

        @Override
        public EmulatorResponse notFound(EmulatorRequest request) {
            return AttioProblem.notFound("Route " + request.method() + " " + request.path() + " not found.")
                    .response();
        }

        @Override
        public EmulatorResponse methodNotAllowed(EmulatorRequest request, List<String> allowed) {
            return new AttioProblem(
                            405,
                            "invalid_request_error",
                            "method_not_allowed",
                            "Method " + request.method() + " is not allowed on " + request.path() + ".")
                    .response()
                    .withHeader("Allow", String.join(", ", allowed));
        }

        @Override
        public EmulatorResponse failure(EmulatorRequest request, RuntimeException error) {
            if (error instanceof JacksonException json) {
                return AttioProblem.invalid("validation_type", "Body is not valid JSON: " + json.getOriginalMessage())
                        .response();
            }
            return new AttioProblem(500, "invalid_request_error", "internal_error", "An internal error occurred.")
                    .response();
        }
    }
}
