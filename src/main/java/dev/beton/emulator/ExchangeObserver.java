package dev.beton.emulator;

/**
 * Told of every exchange an emulator completes, after the response was written. Tests use it to
 * check each exchange against the real service's contract. Called on the emulator's request
 * thread; implementations must be thread-safe and should not throw.
 */
@FunctionalInterface
public interface ExchangeObserver {

    void observe(Exchange exchange);
}
