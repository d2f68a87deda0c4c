package dev.beton.cdp;

import dev.beton.crm.AttioException;
import dev.beton.crm.AttioRecord;
import dev.beton.routing.AttioReads;
import dev.beton.workspace.credentials.Secret;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads for the sync with the retries a long read needs: a 429 waits for Attio's
 * {@code Retry-After} (a storm is waited out, up to {@code maxRateLimited} in a row), a server error
 * or silence backs off and tries again a few times. A refusal (401, 403) and an open breaker end
 * the read at once: retrying would not help, and the run says what to do.
 */
final class AttioPager {

    /** How the sync waits; tests replace it. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final int PAGE = 500;

    private final AttioReads reads;
    private final Secret token;
    private final Pause pause;
    private final int maxRateLimited;
    private final int maxServerErrors;

    AttioPager(AttioReads reads, Secret token, Pause pause, int maxRateLimited, int maxServerErrors) {
        this.reads = reads;
        this.token = token;
        this.pause = pause;
        this.maxRateLimited = maxRateLimited;
        this.maxServerErrors = maxServerErrors;
    }

    List<AttioRecord> page(String object, int offset) {
        return retried(() -> reads.page(token, object, PAGE, offset));
    }

    List<AttioRecord> query(String object, java.util.Map<String, Object> filter) {
        return retried(() -> reads.query(token, object, filter, PAGE));
    }

    java.util.Optional<AttioRecord> record(String object, String id) {
        return retried(() -> reads.record(token, object, id));
    }

    private <T> T retried(Supplier<T> read) {
        int limited = 0;
        int failed = 0;
        while (true) {
            try {
                return read.get();
            } catch (AttioException.RateLimited e) {
                if (++limited > maxRateLimited) {
                    throw e;
                }
                wait(e.retryAfter()
                        .filter(d -> !d.isNegative())
                        .map(d -> d.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : d)
                        .orElse(Duration.ofSeconds(1)));
            } catch (AttioException.Unreachable e) {
                if (++failed > maxServerErrors) {
                    throw e;
                }
                wait(Duration.ofMillis(500L << Math.min(failed, 6)));
            } catch (AttioException.ApiError e) {
                if (!e.transientFailure() || ++failed > maxServerErrors) {
                    throw e;
                }
                wait(Duration.ofMillis(500L << Math.min(failed, 6)));
            }
        }
    }

    private void wait(Duration duration) {
        try {
            pause.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to read Attio again.", e);
        }
    }
}
