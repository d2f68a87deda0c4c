package dev.beton.boot;

/**
 * A reason Beton cannot start that the operator can fix: a bad setting, a locked or read-only
 * directory. The message is one sentence naming the setting and the problem; {@link
 * StartupProblemAnalyzer} prints it instead of a stack trace.
 */
public final class StartupProblem extends RuntimeException {

    private final String action;

    public StartupProblem(String message, String action) {
        super(message);
        this.action = action;
    }

    public StartupProblem(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    /** What the operator can do about it. */
    public String action() {
        return action;
    }
}
