package dev.beton.connections;

import dev.beton.posthog.PostHogException;
import java.net.URI;

/** PostHog's failures in words a RevOps manager can act on, with seed 002's error types. */
final class PostHogFailures {

    private PostHogFailures() {}

    static ConnectionFailure translate(PostHogException e, URI host) {
        return switch (e) {
            case PostHogException.Unauthorized u ->
                new ConnectionFailure(
                        ErrorType.UNAUTHORIZED,
                        "PostHog did not accept this key: it may be mistyped or revoked. "
                                + PostHogKeyFormat.WHERE_TO_CREATE);
            case PostHogException.Forbidden f ->
                new ConnectionFailure(
                        ErrorType.UNAUTHORIZED,
                        "PostHog accepted the key but refused what Beton needs (" + f.getMessage()
                                + "). Create a key with"
                                + " the scopes user:read, project:read, organization:read, query:read, dashboard:write,"
                                + " insight:write and group:read, or with all access.");
            case PostHogException.NotFound n ->
                new ConnectionFailure(
                        ErrorType.NOT_FOUND, "The PostHog project was not found, or this key cannot see it.");
            case PostHogException.RateLimited r ->
                new ConnectionFailure(
                        ErrorType.RATE_LIMITED,
                        "PostHog is limiting requests for this key right now; try again "
                                + r.retryAfter()
                                        .map(d -> "in " + d.toSeconds() + " seconds.")
                                        .orElse("in a minute."),
                        r.retryAfter().orElse(java.time.Duration.ofSeconds(60)));
            case PostHogException.Unreachable u ->
                new ConnectionFailure(
                        ErrorType.CONNECTION_ERROR,
                        "Beton could not reach PostHog at " + host + ". Check the address (for self-hosted PostHog) and"
                                + " that this server can reach it.");
            case PostHogException.BudgetExhausted b ->
                new ConnectionFailure(
                        ErrorType.RATE_LIMITED,
                        "Beton has used its budget of calls to this PostHog project for now, so it paused them"
                                + " to stay under PostHog's rate limits; they resume at "
                                + b.retryAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".");
            case PostHogException.CircuitOpen c ->
                new ConnectionFailure(
                        ErrorType.CONNECTION_ERROR,
                        "PostHog at " + host + " failed several times in a row, so Beton stopped calling it for"
                                + " a moment; it tries again at "
                                + c.retryAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".");
            case PostHogException.ApiError a ->
                new ConnectionFailure(
                        ErrorType.API_ERROR,
                        "PostHog at " + host + " answered with an error (HTTP " + a.status() + "). Try again later;"
                                + " if it persists, check PostHog's status page.");
        };
    }
}
