package dev.beton.emulator;

/**
 * Told of every exchange an emulator answers, once the answer is final and before it is sent, so
 * that a caller who got the response can rely on its observers having seen it. Tests use it to
 * check each exchange against the real service's contract. Called on the emulator's request
 * thread; implementations must be thread-safe, quick, and should not throw (an exception is
 * logged and does not reach the client).
 */
@FunctionalInterface
public interface ExchangeObserver {

    void observe(Exchange exchange);
}
