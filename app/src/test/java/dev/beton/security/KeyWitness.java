package dev.beton.security;

import dev.beton.emulator.Exchange;
import dev.beton.emulator.ExchangeObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the {@code Authorization} header of every request an emulator answered. */
final class KeyWitness implements ExchangeObserver {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @Override
    public void observe(Exchange exchange) {
        exchange.requestHeader("Authorization").ifPresent(authorizations::add);
    }

    boolean saw(String secret) {
        return authorizations.stream().anyMatch(a -> a.contains(secret));
    }

    void forget() {
        authorizations.clear();
    }
}
