package dev.beton.emulator.posthog;

/**
 * A query PostHog would refuse with 400: {@link Kind#SYNTAX} answers {@code hogql_syntax_error},
 * {@link Kind#QUERY} answers {@code hogql_query_error}.
 */
final class HogQLError extends RuntimeException {

    enum Kind {
        SYNTAX("hogql_syntax_error"),
        QUERY("hogql_query_error");

        final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    final Kind kind;

    HogQLError(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static HogQLError syntax(HogQLTokens.Token at, String message) {
        return new HogQLError(
                Kind.SYNTAX, "Syntax error at line " + at.line() + ", column " + at.column() + ": " + message);
    }

    static HogQLError query(String message) {
        return new HogQLError(Kind.QUERY, message);
    }

    /** Valid HogQL the emulator does not evaluate: refused rather than answered wrongly. */
    static HogQLError unsupported(String what) {
        return new HogQLError(
                Kind.QUERY,
                "The Beton PostHog emulator does not evaluate " + what
                        + ". See docs/EMULATORS.md for the HogQL it supports.");
    }
}
