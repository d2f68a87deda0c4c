package dev.beton.connections;

/** The workspace has no PostHog connection Beton can use; the message says what to do. */
public final class PostHogNotConnected extends RuntimeException {

    PostHogNotConnected(String message) {
        super(message);
    }
}
