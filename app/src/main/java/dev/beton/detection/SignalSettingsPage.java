package dev.beton.detection;

import dev.beton.signals.SettingsError;
import dev.beton.signals.SignalSettings;
import dev.beton.signals.SignalSettings.SignalTuning;
import dev.beton.signals.SignalType;
import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
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
 * error next to each field. Event mapping and baselines are shown here and changed through {@code
 * PUT /api/v1/settings/signals}.
 */
@Controller
@Page
class SignalSettingsPage {

    private final SignalSettingsStore store;

    SignalSettingsPage(SignalSettingsStore store) {
        this.store = store;
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
        for (SignalType type : SignalType.values()) {
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
        List<Row> rows = Arrays.stream(SignalType.values())
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
        model.addAttribute("baselinesJson", store.toJson(shown.baselines()));
        return "signal-settings";
    }

    private static List<Row> rows(SignalSettings settings) {
        return Arrays.stream(SignalType.values())
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
