package dev.beton.inspector;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentUser;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Inspector pages: the rule list (with JSON import), and per rule an editor (form and JSON),
 * its SQL in every dialect, and a run as of an instant with summary, a sortable and filterable
 * punch list, CSV download and a shadow run against the previous version.
 */
@Controller
@Page
class InspectorPage {

    static final String PATH = "/inspector";

    private final Inspections inspections;
    private final CustomSignals customSignals;

    InspectorPage(Inspections inspections, CustomSignals customSignals) {
        this.inspections = inspections;
        this.customSignals = customSignals;
    }

    @GetMapping(PATH)
    String list(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("rules", inspections.rules(current.id()));
        return "inspector";
    }

    /** Creates a rule from seed 003's JSON, pasted or uploaded as text. */
    @PostMapping(PATH + "/import")
    String importRule(
            CurrentWorkspace current,
            @RequestParam(name = "json", required = false) String json,
            Model model,
            RedirectAttributes redirect) {
        try {
            StoredRule created = inspections.create(current.id(), RuleJson.parse(json));
            redirect.addFlashAttribute("notice", "Imported \"" + created.rule().name() + "\".");
            return redirectTo(current, created.id());
        } catch (InvalidRule | RuleNameTaken e) {
            model.addAttribute("current", current);
            model.addAttribute("rules", inspections.rules(current.id()));
            model.addAttribute("importJson", json);
            model.addAttribute("formError", "The rule was not imported. " + sentence(e));
            return "inspector";
        }
    }

    @GetMapping(PATH + "/rules/new")
    String newRule(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("form", RuleForm.blank());
        model.addAttribute("rule", null);
        model.addAttribute("title", "New inspection rule");
        return "inspector-rule";
    }

    @PostMapping(PATH + "/rules")
    String create(CurrentWorkspace current, @ModelAttribute RuleForm form, Model model, RedirectAttributes redirect) {
        try {
            StoredRule created = inspections.create(current.id(), form.toRule());
            redirect.addFlashAttribute("notice", "Saved \"" + created.rule().name() + "\".");
            return redirectTo(current, created.id());
        } catch (InvalidRule | RuleNameTaken e) {
            model.addAttribute("current", current);
            model.addAttribute("form", form);
            model.addAttribute("rule", null);
            model.addAttribute("title", "New inspection rule");
            model.addAttribute("formError", "The rule was not saved. " + sentence(e));
            return "inspector-rule";
        }
    }

    /**
     * One rule; with {@code run} set, its punch list as of {@code as_of} (default now), filtered
     * and sorted as asked.
     */
    @GetMapping(PATH + "/rules/{id}")
    String rule(
            CurrentWorkspace current,
            @PathVariable long id,
            @RequestParam(required = false) String run,
            @RequestParam(name = "as_of", required = false) String asOfText,
            @RequestParam(required = false) String filter,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir,
            @RequestParam(required = false) String shadow,
            Model model) {
        StoredRule rule = find(current, id);
        show(current, rule, RuleForm.of(rule.rule()), model);
        if (run == null && shadow == null) {
            return "inspector-rule";
        }
        Instant asOf;
        try {
            asOf = asOfText == null || asOfText.isBlank() ? inspections.now() : Instant.parse(asOfText.strip());
        } catch (DateTimeParseException e) {
            model.addAttribute(
                    "runError", "\"" + asOfText + "\" is not an instant; write it like 2026-12-01T06:00:00Z.");
            return "inspector-rule";
        }
        model.addAttribute("asOf", asOf);
        try {
            if (shadow != null) {
                model.addAttribute(
                        "shadowRun",
                        inspections.shadow(current.id(), rule, asOf).orElse(null));
                model.addAttribute("shadowAsked", true);
                return "inspector-rule";
            }
            PunchList list = inspections.run(current.id(), rule, asOf);
            PunchListColumn column = PunchListColumn.byKey(sort)
                    .filter(c -> PunchListColumn.of(list.level()).contains(c))
                    .orElse(PunchListColumn.SCORE);
            boolean descending = !"asc".equalsIgnoreCase(dir);
            model.addAttribute("punchList", list.view(filter, column, descending));
            model.addAttribute("columns", PunchListColumn.of(list.level()));
            model.addAttribute("sort", column);
            model.addAttribute("descending", descending);
            model.addAttribute("filter", filter == null ? "" : filter);
        } catch (InspectionFailed e) {
            model.addAttribute("runError", e.getMessage());
        }
        return "inspector-rule";
    }

    @PostMapping(PATH + "/rules/{id}")
    String update(
            CurrentWorkspace current,
            @PathVariable long id,
            @ModelAttribute RuleForm form,
            Model model,
            RedirectAttributes redirect) {
        StoredRule rule = find(current, id);
        try {
            return saved(current, inspections.update(current.id(), id, form.toRule()), rule, redirect);
        } catch (InvalidRule | RuleNameTaken e) {
            show(current, rule, form, model);
            model.addAttribute("formError", "The rule was not saved. " + sentence(e));
            return "inspector-rule";
        }
    }

    /** Saves the rule from its JSON (seed 003's shape) as a new version. */
    @PostMapping(PATH + "/rules/{id}/json")
    String updateJson(
            CurrentWorkspace current,
            @PathVariable long id,
            @RequestParam(name = "json", required = false) String json,
            Model model,
            RedirectAttributes redirect) {
        StoredRule rule = find(current, id);
        try {
            return saved(current, inspections.update(current.id(), id, RuleJson.parse(json)), rule, redirect);
        } catch (InvalidRule | RuleNameTaken e) {
            show(current, rule, RuleForm.of(rule.rule()), model);
            model.addAttribute("ruleJson", json);
            model.addAttribute("jsonError", "The JSON was not saved. " + sentence(e));
            return "inspector-rule";
        }
    }

    /** Promotes the rule to a custom signal, or changes its base score and switch. */
    @PostMapping(PATH + "/rules/{id}/promote")
    String promote(
            CurrentWorkspace current,
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(required = false) String baseScore,
            @RequestParam(required = false) String enabled,
            Model model,
            RedirectAttributes redirect) {
        StoredRule rule = find(current, id);
        try {
            Integer score = baseScore == null || !baseScore.strip().matches("\\d{1,9}")
                    ? null
                    : Integer.valueOf(baseScore.strip());
            if (score == null && baseScore != null && !baseScore.isBlank()) {
                throw new PromotionRefused("baseScore: a whole number from 1 to 50, not \"" + baseScore + "\".");
            }
            Promotion promotion = customSignals
                    .promote(current.id(), id, score, enabled != null, Optional.ofNullable(user.email()))
                    .orElseThrow(() -> RuleProblems.notFound(id));
            redirect.addFlashAttribute(
                    "notice",
                    "Promoted to signal " + promotion.signalKey() + " with base score " + promotion.baseScore()
                            + (promotion.enabled()
                                    ? "; it counts in scores from the next detection run."
                                    : "; it is off, so scores do not change until it is enabled."));
            return redirectTo(current, id);
        } catch (PromotionRefused e) {
            show(current, rule, RuleForm.of(rule.rule()), model);
            model.addAttribute("promoteError", "The rule was not promoted. " + e.getMessage());
            return "inspector-rule";
        }
    }

    @PostMapping(PATH + "/rules/{id}/demote")
    String demote(CurrentWorkspace current, @PathVariable long id, RedirectAttributes redirect) {
        find(current, id);
        redirect.addFlashAttribute(
                "notice",
                customSignals.demote(current.id(), id)
                        ? "Removed from the signals; the next detection run no longer scores it."
                        : "The rule was not a signal.");
        return redirectTo(current, id);
    }

    @PostMapping(PATH + "/rules/{id}/delete")
    String delete(CurrentWorkspace current, @PathVariable long id, RedirectAttributes redirect) {
        StoredRule rule = find(current, id);
        inspections.delete(current.id(), id);
        redirect.addFlashAttribute("notice", "Deleted \"" + rule.rule().name() + "\".");
        return "redirect:" + PATH + "?workspace=" + current.workspace().slug();
    }

    private String saved(
            CurrentWorkspace current, Optional<StoredRule> saved, StoredRule before, RedirectAttributes redirect) {
        StoredRule after = saved.orElseThrow(() -> RuleProblems.notFound(before.id()));
        redirect.addFlashAttribute(
                "notice",
                after.version() == before.version()
                        ? "Nothing changed; still version " + after.version() + "."
                        : "Saved version " + after.version() + ".");
        return redirectTo(current, after.id());
    }

    private void show(CurrentWorkspace current, StoredRule rule, RuleForm form, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("rule", rule);
        model.addAttribute("title", rule.rule().name());
        model.addAttribute("form", form);
        model.addAttribute("ruleJson", RuleJson.write(rule.rule()));
        model.addAttribute(
                "promotion", customSignals.of(current.id(), rule.id()).orElse(null));
        model.addAttribute("promotable", rule.rule().level() == InspectionRule.Level.ACCOUNT);
        Map<String, String> sql = Inspections.preview(rule.rule(), inspections.now()).entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().name().toLowerCase(Locale.ROOT),
                        e -> e.getValue().sql(),
                        (a, b) -> a,
                        java.util.LinkedHashMap::new));
        model.addAttribute("sqlByDialect", sql);
    }

    private StoredRule find(CurrentWorkspace current, long id) {
        return inspections
                .rule(current.id(), id)
                .orElseThrow(() -> ProblemException.notFound("No inspection rule " + id + " in this workspace."));
    }

    private static String redirectTo(CurrentWorkspace current, long id) {
        return "redirect:" + PATH + "/rules/" + id + "?workspace="
                + current.workspace().slug();
    }

    private static String sentence(RuntimeException e) {
        if (e instanceof InvalidRule invalid) {
            List<String> parts = invalid.problems().stream()
                    .map(p -> p.field().isEmpty() ? p.message() : p.field() + ": " + p.message())
                    .toList();
            return String.join(" ", parts);
        }
        return e.getMessage();
    }

    @Bean
    static NavItem inspectorRulesNav() {
        return new NavItem("inspector-rules", "Inspection rules", PATH, 50).in(NavItem.INSPECTOR);
    }
}
