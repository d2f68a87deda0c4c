package dev.beton.events.ingest;

/**
 * A request (or an imported line) that cannot be stored, with the HTTP status PostHog's capture
 * would answer and its sentence. Nothing of a rejected request is stored.
 */
public final class EventRejected extends RuntimeException {

    private final int status;

    public EventRejected(int status, String sentence) {
        super(sentence, null, false, false);
        this.status = status;
    }

    public static EventRejected badRequest(String sentence) {
        return new EventRejected(400, sentence);
    }

    public static EventRejected parseError(String detail) {
        return new EventRejected(400, "failed to parse request: " + detail);
    }

    public static EventRejected tooLarge() {
        return new EventRejected(413, "maximum event size exceeded");
    }

    public static EventRejected unauthorized(String sentence) {
        return new EventRejected(401, sentence);
    }

    /** The HTTP status: 400, 401 or 413. */
    public int status() {
        return status;
    }
}
