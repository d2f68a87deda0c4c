package dev.beton.events.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What PostHog's remote config says for a project without feature flags, recordings, surveys or
 * site apps, with autocapture on: the shape PostHog's own {@code /array/<token>/config} answers
 * (its {@code RemoteConfig} tests pin the keys), so posthog-js starts autocapture and sends to
 * Beton's capture route. Values that would switch on a product Beton does not have are off.
 */
final class RemoteConfig {

    private RemoteConfig() {}

    /** The {@code /array/<token>/config} document. */
    static Map<String, Object> of(String token) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("token", token);
        config.put("supportedCompression", List.of("gzip", "gzip-js"));
        config.put("hasFeatureFlags", false);
        config.put("captureDeadClicks", false);
        config.put("capturePerformance", false);
        config.put("autocapture_opt_out", false);
        config.put("autocaptureExceptions", false);
        config.put("analytics", Map.of("endpoint", "/i/v0/e/"));
        config.put("elementsChainAsString", true);
        config.put("sessionRecording", false);
        config.put("surveys", List.of());
        config.put("heatmaps", false);
        config.put("defaultIdentifiedOnly", true);
        config.put("siteApps", List.of());
        return config;
    }

    /**
     * The {@code /flags} (and older {@code /decide}) answer: no flag, plus the same settings, as
     * PostHog's flags service merges the remote config in (and the older decide answer carried
     * {@code config.enable_collect_everything}, which older SDKs read for autocapture).
     */
    static Map<String, Object> flags(String token) {
        Map<String, Object> answer = new LinkedHashMap<>(of(token));
        answer.remove("token");
        answer.remove("hasFeatureFlags");
        answer.put("config", Map.of("enable_collect_everything", true));
        answer.put("toolbarParams", Map.of());
        answer.put("isAuthenticated", false);
        answer.put("featureFlags", Map.of());
        answer.put("featureFlagPayloads", Map.of());
        answer.put("flags", Map.of());
        answer.put("errorsWhileComputingFlags", false);
        answer.put("quotaLimited", List.of());
        return answer;
    }
}
