package dev.beton.connections;

import dev.beton.workspace.credentials.Secret;

/**
 * What a PostHog personal API key looks like before we spend a request on it: {@code phx_…} or a
 * legacy key without prefix, 40+ characters, no whitespace. The common mistake, pasting the
 * project token ({@code phc_…}), gets its own sentence.
 */
final class PostHogKeyFormat {

    static final int MIN_LENGTH = 40;
    static final String WHERE_TO_CREATE =
            "In PostHog, open Settings → Account → Personal API keys and create a key (it starts with phx_).";

    private PostHogKeyFormat() {}

    static Secret check(String raw) {
        String key = raw == null ? "" : raw.strip();
        if (key.isEmpty()) {
            throw invalid("Paste a PostHog personal API key. " + WHERE_TO_CREATE);
        }
        if (key.startsWith("phc_")) {
            throw invalid("This is a project token (phc_…), which PostHog uses only to receive events; Beton reads it"
                    + " from your project by itself. Beton needs a personal API key instead. " + WHERE_TO_CREATE);
        }
        if (key.startsWith("phs_") || key.startsWith("pha_")) {
            throw invalid("This is a project secret key or an OAuth token, which cannot read your projects."
                    + " Beton needs a personal API key. " + WHERE_TO_CREATE);
        }
        if (key.chars().anyMatch(Character::isWhitespace)) {
            throw invalid("The key contains spaces or line breaks; copy it again from PostHog in one piece.");
        }
        if (key.length() < MIN_LENGTH) {
            throw invalid("This is too short for a PostHog personal API key (they have " + MIN_LENGTH
                    + " or more characters and start with phx_). " + WHERE_TO_CREATE);
        }
        return Secret.of(key);
    }

    private static ConnectionFailure invalid(String message) {
        return new ConnectionFailure(ErrorType.INVALID_FORMAT, message);
    }
}
