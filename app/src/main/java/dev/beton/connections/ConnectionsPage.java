package dev.beton.connections;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.workspace.CurrentWorkspace;
import dev.beton.workspace.credentials.SecretUnreadable;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Connections: connect, test and disconnect PostHog and Attio. Every failure is shown
 * as the sentence the connectors wrote for it; keys are never put back into the page (a form
 * that failed comes back empty, and a connected key shows only masked).
 */
@Controller
@Page
class ConnectionsPage {

    static final String PATH = "/settings/connections";

    private final PostHogConnector posthog;
    private final AttioConnector attio;
    private final ConnectionViews views;
    private final PostHogUsageFigures usage;
    private final EventSources sources;
    private final PostHogLinks links;
    private final org.springframework.beans.factory.ObjectProvider<DetectionWarnings> warnings;
    private final ClickHouseConnector clickhouse;
    private final ClickHouseLinks clickhouseLinks;

    /** The schema mapping's form fields in order, with their labels. */
    private static final java.util.Map<String, String> SCHEMA_FIELDS = schemaFields();

    ConnectionsPage(
            PostHogConnector posthog,
            AttioConnector attio,
            ConnectionViews views,
            PostHogUsageFigures usage,
            EventSources sources,
            PostHogLinks links,
            org.springframework.beans.factory.ObjectProvider<DetectionWarnings> warnings,
            ClickHouseConnector clickhouse,
            ClickHouseLinks clickhouseLinks) {
        this.warnings = warnings;
        this.clickhouse = clickhouse;
        this.clickhouseLinks = clickhouseLinks;
        this.posthog = posthog;
        this.attio = attio;
        this.views = views;
        this.usage = usage;
        this.sources = sources;
        this.links = links;
    }

    @GetMapping(PATH)
    String show(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        ConnectionView posthogView = views.of(current.id(), Integration.POSTHOG);
        model.addAttribute("posthog", posthogView);
        model.addAttribute("posthogUsage", usage.of(posthogView).orElse(null));
        model.addAttribute("attio", views.of(current.id(), Integration.ATTIO));
        model.addAttribute("projects", posthog.storedProjectChoices(current.id()));
        model.addAttribute("eventSource", sources.of(current.id()).id());
        model.addAttribute("posthogSourceProblem", links.problem(current.id()).orElse(null));
        ConnectionView clickhouseView = views.of(current.id(), Integration.CLICKHOUSE);
        model.addAttribute("clickhouse", clickhouseView);
        model.addAttribute(
                "clickhouseProblem", clickhouseLinks.problem(current.id()).orElse(null));
        java.util.Map<String, String> schema = new java.util.LinkedHashMap<>(
                dev.beton.query.ClickHouseSchema.posthogStyle().toSettings());
        clickhouseView.details().forEach((k, v) -> schema.computeIfPresent(k, (key, old) -> v));
        model.addAttribute("clickhouseSchema", schema);
        model.addAttribute("clickhouseSchemaFields", SCHEMA_FIELDS);
        DetectionWarnings detection = warnings.getIfAvailable();
        model.addAttribute(
                "sourceWarnings", detection == null ? java.util.List.of() : detection.ofNewestPostHogRun(current.id()));
        return "connections";
    }

    @PostMapping(PATH + "/event-source")
    String chooseEventSource(
            CurrentWorkspace current, @RequestParam(required = false) String source, RedirectAttributes redirect) {
        Admins.require(current);
        Optional<EventSource> chosen = EventSource.parse(source);
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("sourceError", "Choose where events come from: Beton's own store or PostHog.");
        } else {
            try {
                sources.choose(current.id(), chosen.get());
                redirect.addFlashAttribute(
                        "sourceMessage",
                        switch (chosen.get()) {
                            case POSTHOG -> "Detection now reads events from PostHog, with HogQL queries.";
                            case CLICKHOUSE ->
                                "Inspection rules and the explorer now read events from ClickHouse."
                                        + " Detection runs on Beton's own store or PostHog only (docs/CLICKHOUSE.md).";
                            case EMBEDDED -> "Detection now reads events from Beton's own store.";
                        });
            } catch (PostHogNotConnected e) {
                redirect.addFlashAttribute("sourceError", "PostHog cannot be the event source: " + e.getMessage());
            } catch (ClickHouseNotConnected e) {
                redirect.addFlashAttribute("sourceError", e.getMessage());
            }
        }
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/posthog")
    String connectPostHog(
            CurrentWorkspace current,
            @RequestParam(name = "api_key", required = false) String apiKey,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String host,
            @RequestParam(name = "project_id", required = false) Long projectId,
            RedirectAttributes redirect) {
        return act(current, redirect, "posthog", () -> {
            PostHogConnection c = posthog.connect(
                    current.id(),
                    new PostHogConnectRequest(
                            Optional.ofNullable(apiKey).filter(k -> !k.isBlank()),
                            Optional.ofNullable(region).filter(r -> !r.isBlank() && !r.equals("auto")),
                            Optional.ofNullable(host).filter(h -> !h.isBlank()),
                            Optional.ofNullable(projectId)));
            String more = c.projects().size() > 1
                    ? " You can choose another of your " + c.projects().size() + " projects below."
                    : "";
            return "PostHog is connected: project " + c.projectName() + " of " + c.organizationName() + " ("
                    + c.eventsCount() + " events in the last 30 days)." + more;
        });
    }

    @PostMapping(PATH + "/posthog/test")
    String testPostHog(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "posthog", () -> {
            PostHogConnection c = posthog.test(current.id());
            return "PostHog answered: project " + c.projectName() + " received " + c.eventsCount()
                    + " events in the last 30 days.";
        });
    }

    @PostMapping(PATH + "/posthog/disconnect")
    String disconnectPostHog(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "posthog", () -> {
            posthog.disconnect(current.id());
            return "PostHog is disconnected. Beton keeps its settings until you connect again.";
        });
    }

    @PostMapping(PATH + "/clickhouse")
    String saveClickHouse(
            CurrentWorkspace current, @RequestParam java.util.Map<String, String> form, RedirectAttributes redirect) {
        return act(current, redirect, "clickhouse", () -> {
            java.util.Map<String, String> schema = new java.util.LinkedHashMap<>();
            form.forEach((name, value) -> {
                if (name.startsWith("schema.")) {
                    schema.put(name.substring("schema.".length()), value);
                }
            });
            Integer port;
            try {
                port = form.getOrDefault("port", "").isBlank()
                        ? null
                        : Integer.valueOf(form.get("port").strip());
            } catch (NumberFormatException e) {
                throw new ConnectionFailure(ErrorType.INVALID_FORMAT, "The port must be a number, like 8123.");
            }
            return clickhouse
                    .saveAndTest(
                            current.id(),
                            new ClickHouseConnectRequest(
                                    form.get("host"),
                                    port,
                                    form.get("user"),
                                    form.get("password"),
                                    form.get("database"),
                                    "true".equals(form.get("tls")),
                                    schema))
                    .sentence();
        });
    }

    @PostMapping(PATH + "/clickhouse/test")
    String testClickHouse(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "clickhouse", () -> clickhouse
                .test(current.id())
                .sentence());
    }

    @PostMapping(PATH + "/clickhouse/disconnect")
    String removeClickHouse(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "clickhouse", () -> {
            clickhouse.remove(current.id());
            return "The ClickHouse connection and its password are removed.";
        });
    }

    private static java.util.Map<String, String> schemaFields() {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("events_table", "Events table");
        fields.put("event_name", "Events: event name column");
        fields.put("event_distinct_id", "Events: distinct id column");
        fields.put("event_timestamp", "Events: timestamp column");
        fields.put("event_properties", "Events: properties column (JSON text)");
        fields.put("event_person_id", "Events: person id column");
        fields.put("persons_table", "Persons table");
        fields.put("person_id", "Persons: id column");
        fields.put("person_properties", "Persons: properties column (JSON text)");
        fields.put("person_distinct_id_table", "Person-distinct-id table");
        fields.put("distinct_id_person_id", "Person-distinct-id: person id column");
        fields.put("distinct_id_column", "Person-distinct-id: distinct id column");
        fields.put("accounts_table", "Accounts table");
        fields.put("account_key", "Accounts: column the link property matches");
        fields.put("account_columns", "Accounts: columns read as columns (comma-separated)");
        fields.put("account_properties", "Accounts: properties column (JSON text)");
        fields.put("account_link_property", "Event property that links an event to its account");
        return fields;
    }

    @PostMapping(PATH + "/attio")
    String connectAttio(
            CurrentWorkspace current,
            @RequestParam(name = "api_key", required = false) String apiKey,
            RedirectAttributes redirect) {
        return act(
                current, redirect, "attio", () -> describe(attio.connect(current.id(), Optional.ofNullable(apiKey))));
    }

    @PostMapping(PATH + "/attio/test")
    String testAttio(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "attio", () -> describe(attio.test(current.id())));
    }

    @PostMapping(PATH + "/attio/disconnect")
    String disconnectAttio(CurrentWorkspace current, RedirectAttributes redirect) {
        return act(current, redirect, "attio", () -> {
            attio.disconnect(current.id());
            return "Attio is disconnected.";
        });
    }

    private static String describe(AttioConnection connection) {
        return switch (connection) {
            case AttioConnection.Ready r -> "Attio is connected: workspace " + r.workspaceName() + ".";
            case AttioConnection.Limited l ->
                "Attio is connected to " + l.workspaceName() + ", but Beton cannot do everything yet. "
                        + l.explanation();
        };
    }

    /** Runs an admin action and leaves its outcome, as a sentence, for the page it redirects to. */
    private static String act(
            CurrentWorkspace current, RedirectAttributes redirect, String integration, Action action) {
        Admins.require(current);
        try {
            redirect.addFlashAttribute(integration + "Message", action.run());
        } catch (ConnectionFailure e) {
            redirect.addFlashAttribute(integration + "Error", e.getMessage());
            redirect.addFlashAttribute(integration + "ErrorType", e.type().id());
        } catch (SecretUnreadable e) {
            redirect.addFlashAttribute(integration + "Error", e.getMessage());
            redirect.addFlashAttribute(integration + "ErrorType", ErrorType.INTERNAL_ERROR.id());
        }
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:" + PATH;
    }

    @FunctionalInterface
    private interface Action {
        String run();
    }

    @Bean
    static NavItem connectionsNav() {
        return new NavItem("connections", "Connections", PATH, 900).in(NavItem.SETTINGS);
    }
}
