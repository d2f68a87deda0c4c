package dev.beton.detection;

import dev.beton.signals.EventMapping;
import dev.beton.signals.SettingsError;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalSettings.SignalTuning;
import dev.beton.signals.SignalType;
import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Tuning per signal (enabled, base score, threshold, cooldown) and the score thresholds, with the
 * error next to each field; the event mapping in its own form with what each pattern matched in the
 * last 7 days; each signal's health. Baselines are changed through {@code PUT
 * /api/v1/settings/signals}.
 */
@Controller
@Page
class SignalSettingsPage {

    private final SignalSettingsStore store;
    private final SignalHealthCheck health;
    private final Clock clock;

    SignalSettingsPage(SignalSettingsStore store, SignalHealthCheck health, Clock clock) {
        this.store = store;
        this.health = health;
        this.clock = clock;
    }

    /** The mapping form's fields, lists as one entry per line. */
    static final List<String> MAPPING_FIELDS = List.of(
            "pageviewEvent",
            "pricingUrlPatterns",
            "featureEvents",
            "featureProperty",
            "planUsageProperty",
            "planLimitProperty",
            "trialEndProperty",
            "supportEvents",
            "billingEvents",
            "usageIgnoredEvents");

    @PostMapping("/settings/signals/events")
    String saveMapping(CurrentWorkspace current, @RequestParam MultiValueMap<String, String> form, Model model) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only workspace admins change signal settings.");
        }
        SignalSettings stored = store.current(current.id());
        EventMapping mapping = new EventMapping(
                text(form, "pageviewEvent").trim(),
                lines(form, "pricingUrlPatterns"),
                lines(form, "featureEvents"),
                text(form, "featureProperty").trim(),
                text(form, "planUsageProperty").trim(),
                text(form, "planLimitProperty").trim(),
                text(form, "trialEndProperty").trim(),
                lines(form, "supportEvents"),
                lines(form, "billingEvents"),
                lines(form, "usageIgnoredEvents"));
        Map<String, String> errors = new LinkedHashMap<>();
        store.save(current.id(), stored.withEvents(mapping))
                .forEach(e -> errors.put(
                        e.field().replaceFirst("^events\\.", "").replaceFirst("\\[\\d+]$", ""), e.message()));
        if (errors.isEmpty()) {
            model.addAttribute("mappingSaved", true);
            return page(current, model);
        }
        model.addAttribute("mappingErrors", errors);
        model.addAttribute("mappingForm", formValues(form));
        return render(
                current,
                model,
                rows(stored),
                String.valueOf(stored.routingThreshold()),
                String.valueOf(stored.hotThreshold()),
                Map.of(),
                stored);
    }

    private static List<String> lines(MultiValueMap<String, String> form, String field) {
        return Arrays.stream(text(form, field).split("[\\r\\n,]+"))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static Map<String, String> formValues(MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        MAPPING_FIELDS.forEach(f -> values.put(f, text(form, f)));
        return values;
    }

    private static Map<String, String> formValues(EventMapping mapping) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("pageviewEvent", mapping.pageviewEvent());
        values.put("pricingUrlPatterns", String.join("\n", mapping.pricingUrlPatterns()));
        values.put("featureEvents", String.join("\n", mapping.featureEvents()));
        values.put("featureProperty", mapping.featureProperty());
        values.put("planUsageProperty", mapping.planUsageProperty());
        values.put("planLimitProperty", mapping.planLimitProperty());
        values.put("trialEndProperty", mapping.trialEndProperty());
        values.put("supportEvents", String.join("\n", mapping.supportEvents()));
        values.put("billingEvents", String.join("\n", mapping.billingEvents()));
        values.put("usageIgnoredEvents", String.join("\n", mapping.usageIgnoredEvents()));
        return values;
    }

    /** One form row; numbers stay text so that a wrong entry is shown back as typed. */
    record Row(String key, String meaning, boolean enabled, String baseScore, String threshold, String cooldownDays) {}

    @GetMapping("/settings/signals")
    String page(CurrentWorkspace current, Model model) {
        SignalSettings settings = store.current(current.id());
        return render(
                current,
                model,
                rows(settings),
                String.valueOf(settings.routingThreshold()),
                String.valueOf(settings.hotThreshold()),
                Map.of(),
                settings);
    }

    @PostMapping("/settings/signals")
    String save(CurrentWorkspace current, @RequestParam MultiValueMap<String, String> form, Model model) {
        if (!current.isAdmin()) {
            throw ProblemException.forbidden("Only workspace admins change signal settings.");
        }
        SignalSettings stored = store.current(current.id());
        Map<String, String> errors = new LinkedHashMap<>();
        SignalSettings candidate =
                stored.withThresholds(number(form, "routingThreshold", errors), number(form, "hotThreshold", errors));
        for (SignalType type : SignalType.builtIns()) {
            String prefix = "signals." + type.key() + ".";
            SignalTuning tuning = new SignalTuning(
                    form.containsKey(prefix + "enabled"),
                    number(form, prefix + "baseScore", errors),
                    number(form, prefix + "threshold", errors),
                    Duration.ofDays(number(form, prefix + "cooldownDays", errors)));
            candidate = candidate.withTuning(type, tuning);
        }
        if (errors.isEmpty()) {
            List<SettingsError> invalid = store.save(current.id(), candidate);
            invalid.forEach(e -> errors.put(e.field().replace(".cooldown", ".cooldownDays"), e.message()));
        }
        if (errors.isEmpty()) {
            model.addAttribute("saved", true);
            return page(current, model);
        }
        List<Row> rows = SignalType.builtIns().stream()
                .map(t -> {
                    String p = "signals." + t.key() + ".";
                    return new Row(
                            t.key(),
                            t.thresholdMeaning(),
                            form.containsKey(p + "enabled"),
                            text(form, p + "baseScore"),
                            text(form, p + "threshold"),
                            text(form, p + "cooldownDays"));
                })
                .toList();
        return render(current, model, rows, text(form, "routingThreshold"), text(form, "hotThreshold"), errors, stored);
    }

    private String render(
            CurrentWorkspace current,
            Model model,
            List<Row> rows,
            String routing,
            String hot,
            Map<String, String> errors,
            SignalSettings shown) {
        model.addAttribute("current", current);
        model.addAttribute("rows", rows);
        model.addAttribute("routingThreshold", routing);
        model.addAttribute("hotThreshold", hot);
        model.addAttribute("errors", errors);
        model.addAttribute("eventsJson", store.toJson(shown.events()));
        if (!model.containsAttribute("mappingForm")) {
            model.addAttribute("mappingForm", formValues(shown.events()));
        }
        if (!model.containsAttribute("mappingErrors")) {
            model.addAttribute("mappingErrors", Map.of());
        }
        model.addAttribute("preview", health.preview(current.id(), shown.events(), clock.instant()));
        model.addAttribute("health", health.of(current.id(), clock.instant()));
        model.addAttribute("baselinesJson", store.toJson(shown.baselines()));
        return "signal-settings";
    }

    private static List<Row> rows(SignalSettings settings) {
        return SignalType.builtIns().stream()
                .map(t -> {
                    SignalTuning tuning = settings.tuning(t);
                    return new Row(
                            t.key(),
                            t.thresholdMeaning(),
                            tuning.enabled(),
                            String.valueOf(tuning.baseScore()),
                            String.valueOf(tuning.threshold()),
                            String.valueOf(tuning.cooldown().toDays()));
                })
                .toList();
    }

    private static int number(MultiValueMap<String, String> form, String field, Map<String, String> errors) {
        String value = text(form, field);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            errors.put(field, "must be a whole number, got '" + value + "'");
            return 0;
        }
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value;
    }

    @Bean
    static NavItem signalSettingsNav() {
        return new NavItem("signal-settings", "Signal settings", "/settings/signals", 700).in(NavItem.SETTINGS);
    }
}
