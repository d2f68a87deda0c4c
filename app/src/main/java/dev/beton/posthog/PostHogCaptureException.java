package dev.beton.posthog;

/**
 * Why sending to PostHog's capture failed, as a closed set. Capture is a separate service from the
 * private API (plain-text errors, the public project token in the body), so its failures are not
 * {@link PostHogException}s. Messages never contain a personal key.
 */
public abstract sealed class PostHogCaptureException extends RuntimeException {

    PostHogCaptureException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether sending the same events again later may succeed. */
    public abstract boolean retryable();

    /**
     * The token is not a project token: blank, or a personal key ({@code phx_}), which must never
     * travel to capture. Also capture's own 401. A configuration error: retrying does not help.
     */
    public static final class TokenRefused extends PostHogCaptureException {
        TokenRefused(String message) {
            super(message, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** 400 or 413: capture refused the request's content; the same request will be refused again. */
    public static final class Rejected extends PostHogCaptureException {
        private final int status;

        Rejected(int status, String message) {
            super(message, null);
            this.status = status;
        }

        public int status() {
            return status;
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** 429, 5xx, or no answer at all: worth trying again later. */
    public static final class Unavailable extends PostHogCaptureException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }
}
