package dev.beton.emulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Counts the requests an emulator is answering at the same moment and the most it ever was, so a
 * test can check a client's concurrency (a real service's limits count requests, not clients).
 */
public final class RequestsAtOnce {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    /** {@code dispatcher}, counted: a request counts from its arrival until its answer is ready. */
    public Function<EmulatorRequest, EmulatorResponse> counting(
            Function<EmulatorRequest, EmulatorResponse> dispatcher) {
        return request -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                return dispatcher.apply(request);
            } finally {
                now.decrementAndGet();
            }
        };
    }

    /** The most requests answered at once since the start or the last {@link #reset()}. */
    public int most() {
        return most.get();
    }

    public void reset() {
        most.set(now.get());
    }
}
