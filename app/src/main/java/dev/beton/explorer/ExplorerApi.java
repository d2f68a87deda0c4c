package dev.beton.explorer;

import dev.beton.cdp.FeatureAdoption;
import dev.beton.events.browse.EventPage;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data explorer over HTTP: accounts, users and events tables (JSON pages or CSV), a person,
 * the exploratory views of a period and the big-deal feature-adoption preset.
 */
@RestController
@RequestMapping("/api/v1/explorer")
class ExplorerApi {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Explorer explorer;
    private final FeatureAdoption adoption;
    private final Clock clock;

    ExplorerApi(Explorer explorer, FeatureAdoption adoption, Clock clock) {
        this.explorer = explorer;
        this.adoption = adoption;
        this.clock = clock;
    }

    @GetMapping("/accounts")
    TablePage<ExplorerTables.AccountRow> accounts(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String industry,
            @RequestParam(defaultValue = "score") String sort,
            @RequestParam(defaultValue = "desc") String order,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return explorer.accounts(
                workspace.id(), new ExplorerTables.AccountFilter(q, industry), sort, descending(order), page, size);
    }

    @GetMapping("/accounts.csv")
    ResponseEntity<String> accountsCsv(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String industry,
            @RequestParam(defaultValue = "score") String sort,
            @RequestParam(defaultValue = "desc") String order) {
        return csv(
                "accounts.csv",
                explorer.accountsCsv(
                        workspace.id(), new ExplorerTables.AccountFilter(q, industry), sort, descending(order)));
    }

    @GetMapping("/users")
    TablePage<ExplorerStore.UserActivity> users(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String account,
            @RequestParam(defaultValue = "events") String sort,
            @RequestParam(defaultValue = "desc") String order,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return explorer.users(
                workspace.id(), new ExplorerTables.UserFilter(q, account), sort, descending(order), page, size);
    }

    @GetMapping("/users.csv")
    ResponseEntity<String> usersCsv(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String account,
            @RequestParam(defaultValue = "events") String sort,
            @RequestParam(defaultValue = "desc") String order) {
        return csv(
                "users.csv",
                explorer.usersCsv(workspace.id(), new ExplorerTables.UserFilter(q, account), sort, descending(order)));
    }

    /** Newest first, keyset-paginated like {@code /api/v1/events}; {@code from}/{@code to} are dates. */
    @GetMapping("/events")
    EventPage events(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "") String event,
            @RequestParam(name = "distinct_id", defaultValue = "") String distinctId,
            @RequestParam(defaultValue = "") String account,
            @RequestParam Optional<String> from,
            @RequestParam Optional<String> to,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam Optional<String> cursor) {
        return explorer.events(workspace.id(), query(event, distinctId, account, from, to), limit, cursor);
    }

    @GetMapping("/events.csv")
    ResponseEntity<String> eventsCsv(
            CurrentWorkspace workspace,
            @RequestParam(defaultValue = "") String event,
            @RequestParam(name = "distinct_id", defaultValue = "") String distinctId,
            @RequestParam(defaultValue = "") String account,
            @RequestParam Optional<String> from,
            @RequestParam Optional<String> to) {
        return csv("events.csv", explorer.eventsCsv(workspace.id(), query(event, distinctId, account, from, to)));
    }

    @GetMapping("/people/{distinctId}")
    Explorer.Person person(CurrentWorkspace workspace, @PathVariable String distinctId) {
        return explorer.person(workspace.id(), distinctId);
    }

    /** Event volume per day, top events, users and accounts of the period (default: the last 30 days). */
    @GetMapping("/views")
    Explorer.Views views(
            CurrentWorkspace workspace, @RequestParam Optional<String> from, @RequestParam Optional<String> to) {
        return explorer.views(workspace.id(), Period.of(from, to, clock));
    }

    /** Issue 14's question as a preset: feature adoption among companies with deals above a value. */
    @GetMapping("/presets/big-deal-adoption")
    FeatureAdoption.Answer bigDealAdoption(
            CurrentWorkspace workspace,
            @RequestParam(name = "min_deal_value", defaultValue = "100000") double minDealValue,
            @RequestParam(defaultValue = "30") int days) {
        return adoption.run(workspace.id(), checkedValue(minDealValue), checkedDays(days), null);
    }

    static double checkedValue(double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw ProblemException.badRequest("'min_deal_value' must be a positive amount, not " + value + ".");
        }
        return value;
    }

    static int checkedDays(int days) {
        if (days < 1 || days > Period.MAX_DAYS) {
            throw ProblemException.badRequest(
                    "'days' must be between 1 and " + Period.MAX_DAYS + ", not " + days + ".");
        }
        return days;
    }

    private Explorer.EventQuery query(
            String event, String distinctId, String account, Optional<String> from, Optional<String> to) {
        boolean bounded = from.filter(s -> !s.isBlank()).isPresent()
                || to.filter(s -> !s.isBlank()).isPresent();
        return new Explorer.EventQuery(
                event, distinctId, account, bounded ? Optional.of(Period.of(from, to, clock)) : Optional.empty());
    }

    static boolean descending(String order) {
        return switch (order.toLowerCase(java.util.Locale.ROOT)) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw ProblemException.badRequest("'order' is asc or desc, not '" + order + "'.");
        };
    }

    private static ResponseEntity<String> csv(String filename, String body) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .body(body);
    }
}
