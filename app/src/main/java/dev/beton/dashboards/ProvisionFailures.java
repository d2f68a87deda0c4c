package dev.beton.dashboards;

import dev.beton.connections.PostHogNotConnected;
import dev.beton.posthog.PostHogException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Why provisioning failed, as one sentence that says what to do. */
final class ProvisionFailures {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ProvisionFailures() {}

    static String sentence(RuntimeException failure) {
        return switch (failure) {
            case PostHogNotConnected e -> e.getMessage();
            case PostHogException.Unauthorized e ->
                "PostHog refused the personal API key: it is invalid or was revoked. Create a new personal API key in"
                        + " PostHog (Settings → Personal API keys) and connect it again on the Connections page.";
            case PostHogException.Forbidden e ->
                "The PostHog key may not write dashboards or insights: give the personal API key the scopes"
                        + " dashboard:read, dashboard:write, insight:read and insight:write (and access to this"
                        + " project) in PostHog, then provision again.";
            case PostHogException.RateLimited e ->
                "PostHog is rate-limiting this project (HTTP 429)"
                        + e.retryAfter()
                                .map(d -> " for " + d.toSeconds() + " s")
                                .orElse("")
                        + ": Beton stopped here and kept what it made; provision again in a few minutes.";
            case PostHogException.BudgetExhausted e ->
                "Beton's hourly budget of PostHog calls for this project is used up; provision again after "
                        + TIME.format(e.retryAt()) + ".";
            case PostHogException.CircuitOpen e ->
                "PostHog failed repeatedly, so Beton paused its calls to this project until " + TIME.format(e.retryAt())
                        + "; provision again then.";
            case PostHogException.Unreachable e ->
                "PostHog could not be reached (" + e.getMessage() + "). Check status.posthog.com or your PostHog"
                        + " instance, then provision again.";
            case PostHogException.NotFound e ->
                "PostHog no longer shows this project to the key (" + e.getMessage() + "). Choose the project"
                        + " again on the Connections page.";
            case PostHogException.ApiError e
            when e.status() >= 500 ->
                "PostHog is having an outage (HTTP " + e.status() + "). Beton kept what it made; provision again"
                        + " once PostHog is back (status.posthog.com).";
            case PostHogException.ApiError e ->
                "PostHog refused a dashboard change (HTTP " + e.status() + "): " + e.getMessage();
            default -> "Provisioning failed: " + failure.getMessage();
        };
    }
}
