package dev.beton.routing;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import dev.beton.workspace.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Routing page: Attio's state, the outbox, a plan with its diff and the button to apply it,
 * the plan history with each item's outcome, routing settings and company overrides.
 */
@Controller
@Page
class RoutingPage {

    static final String PATH = "/routing";

    private final Routing routing;
    private final RoutingSettingsStore settings;
    private final CompanyLinks companies;
    private final AuditLog audit;
    private final Users users;
    private final FollowUps followUps;
    private final DealStatuses dealStatuses;

    RoutingPage(
            Routing routing,
            RoutingSettingsStore settings,
            CompanyLinks companies,
            AuditLog audit,
            Users users,
            FollowUps followUps,
            DealStatuses dealStatuses) {
        this.followUps = followUps;
        this.dealStatuses = dealStatuses;
        this.routing = routing;
        this.settings = settings;
        this.companies = companies;
        this.audit = audit;
        this.users = users;
    }

    @Bean
    static NavItem routingNavItem() {
        return new NavItem("routing", "Routing", PATH, 60);
    }

    @GetMapping(PATH)
    String page(CurrentWorkspace current, @RequestParam Optional<Long> plan, Model model) {
        Routing.Status status = routing.status(current.id());
        Optional<Routing.PlanView> shown = plan.flatMap(id -> routing.view(current.id(), id))
                .or(() -> status.plans().stream().findFirst().flatMap(p -> routing.view(current.id(), p.id())));
        model.addAttribute("current", current);
        model.addAttribute("status", status);
        model.addAttribute("shown", shown.orElse(null));
        model.addAttribute("settings", settings.current(current.id()));
        model.addAttribute("overrides", companies.overrides(current.id()));
        model.addAttribute("audit", audit.recent(current.id(), 20));
        model.addAttribute(
                "betonDeals", List.copyOf(dealStatuses.statuses(current.id()).values()));
        List<String> states = new ArrayList<>(status.outbox().keySet());
        model.addAttribute("outboxStates", states);
        model.addAttribute(
                "outboxCounts", states.stream().map(s -> status.outbox().get(s)).toList());
        return "routing";
    }

    @PostMapping(PATH + "/plan")
    String plan(
            CurrentWorkspace current,
            @RequestParam(defaultValue = "true") boolean dryRun,
            RedirectAttributes redirect) {
        if (!dryRun) {
            RoutingApi.requireAdmin(current);
        }
        try {
            Routing.PlanView view = routing.sync(current.id(), dryRun, actor(current), "page");
            redirect.addFlashAttribute(
                    "notice",
                    "Plan " + view.plan().id() + ": " + view.plan().creates() + " to create, "
                            + view.plan().updates()
                            + " to update, " + view.plan().skips() + " skipped"
                            + (dryRun ? " (dry run: nothing was sent)." : "; sending now."));
            return redirect(current, Optional.of(view.plan().id()));
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.toProblemDetail().getDetail());
            return redirect(current, Optional.empty());
        }
    }

    @PostMapping(PATH + "/plans/{id}/apply")
    String apply(CurrentWorkspace current, @PathVariable long id, RedirectAttributes redirect) {
        RoutingApi.requireAdmin(current);
        routing.apply(current.id(), id, actor(current));
        redirect.addFlashAttribute("notice", "Plan " + id + " is being applied; the outcome of each item shows below.");
        return redirect(current, Optional.of(id));
    }

    @PostMapping(PATH + "/settings")
    String saveSettings(
            CurrentWorkspace current,
            @RequestParam String unresolved,
            @RequestParam(defaultValue = "false") boolean autoApply,
            @RequestParam String initialStage,
            @RequestParam(defaultValue = "") String defaultOwner,
            RedirectAttributes redirect) {
        RoutingApi.requireAdmin(current);
        RoutingSettings now = settings.current(current.id());
        if (initialStage.isBlank()) {
            redirect.addFlashAttribute("error", "The initial stage must name a deal stage, e.g. Lead.");
            return redirect(current, Optional.empty());
        }
        settings.save(
                current.id(),
                new RoutingSettings(
                        RoutingSettings.Unresolved.valueOf(unresolved.toUpperCase(Locale.ROOT)),
                        autoApply,
                        initialStage.strip(),
                        Optional.of(defaultOwner.strip()).filter(s -> !s.isEmpty()),
                        now.wonStages(),
                        now.lostStages()));
        redirect.addFlashAttribute("notice", "Routing settings saved.");
        return redirect(current, Optional.empty());
    }

    @PostMapping(PATH + "/overrides")
    String saveOverride(
            CurrentWorkspace current,
            @RequestParam String accountKey,
            @RequestParam String recordId,
            RedirectAttributes redirect) {
        RoutingApi.requireAdmin(current);
        if (accountKey.isBlank() || !recordId.strip().matches("[0-9a-fA-F-]{36}")) {
            redirect.addFlashAttribute(
                    "error",
                    "An override needs an account key and an Attio company record id (a UUID from the"
                            + " company's URL in Attio).");
            return redirect(current, Optional.empty());
        }
        companies.save(current.id(), accountKey.strip(), recordId.strip(), CompanyLinks.Source.OVERRIDE);
        redirect.addFlashAttribute("notice", "Override saved for " + accountKey.strip() + ".");
        return redirect(current, Optional.empty());
    }

    /** A file of overrides ({@code account_key,attio_record_id}), saved whole or refused whole. */
    @PostMapping(PATH + "/overrides/file")
    String uploadOverrides(
            CurrentWorkspace current,
            @RequestParam("file") org.springframework.web.multipart.MultipartFile file,
            RedirectAttributes redirect) {
        RoutingApi.requireAdmin(current);
        if (file.isEmpty()) {
            redirect.addFlashAttribute("error", "Choose a CSV file of overrides to upload.");
            return redirect(current, Optional.empty());
        }
        try (java.io.Reader in =
                new java.io.InputStreamReader(file.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            java.util.Map<String, String> overrides = OverridesCsv.read(in);
            companies.saveOverrides(current.id(), overrides);
            redirect.addFlashAttribute(
                    "notice",
                    overrides.size() + (overrides.size() == 1 ? " override" : " overrides") + " saved from "
                            + Optional.ofNullable(file.getOriginalFilename()).orElse("the file") + ".");
        } catch (OverridesCsv.Refused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (java.io.IOException e) {
            redirect.addFlashAttribute("error", "The file could not be read: " + e.getMessage());
        }
        return redirect(current, Optional.empty());
    }

    @PostMapping(PATH + "/overrides/remove")
    String removeOverride(CurrentWorkspace current, @RequestParam String accountKey, RedirectAttributes redirect) {
        RoutingApi.requireAdmin(current);
        if (companies.removeOverride(current.id(), accountKey)) {
            redirect.addFlashAttribute(
                    "notice", "Override removed for " + accountKey + ": its company is matched by domain again.");
        } else {
            redirect.addFlashAttribute("error", "There is no override for " + accountKey + ".");
        }
        return redirect(current, Optional.empty());
    }

    /** Done / Disqualify from the hot queue or the account page; back to where it was pressed. */
    @PostMapping(PATH + "/follow-up")
    String followUp(
            CurrentWorkspace current,
            @RequestParam String account,
            @RequestParam String outcome,
            @RequestParam String reason,
            @RequestParam(defaultValue = "") String note,
            @RequestParam(defaultValue = "/signals") String back,
            RedirectAttributes redirect) {
        String said = followUps.mark(current.id(), account, outcome, reason, note, actor(current));
        redirect.addFlashAttribute("notice", account + ": " + said);
        // Only Beton's own pages: a form field must not send people elsewhere.
        String target = back.startsWith("/accounts/") || back.equals("/signals") ? back : "/signals";
        return "redirect:"
                + org.springframework.web.util.UriComponentsBuilder.fromPath(target)
                        .queryParam("workspace", current.workspace().slug())
                        .build()
                        .encode()
                        .toUriString();
    }

    private String actor(CurrentWorkspace current) {
        return users.byId(current.userId()).map(u -> u.email()).orElse("user " + current.userId());
    }

    private static String redirect(CurrentWorkspace current, Optional<Long> plan) {
        return "redirect:" + PATH + "?workspace=" + current.workspace().slug()
                + plan.map(id -> "&plan=" + id).orElse("");
    }
}
