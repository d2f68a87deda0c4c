package dev.beton.contract;

import dev.beton.emulator.Exchange;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A route the real service has (per the reference) but the contract file does not describe.
 * Exchanges on it are not waved through: they are checked by {@code check}, a hand-written
 * minimum taken from the reference, and listed by {@link ContractValidator#uncovered()}.
 *
 * @param method HTTP method
 * @param path regular expression over the request path
 * @param reason why the contract lacks it
 * @param check returns the problems of an exchange on this route, empty when it looks right
 */
record Uncovered(String method, Pattern path, String reason, Function<Exchange, List<String>> check) {

    static Uncovered of(String method, String pathRegex, String reason, Function<Exchange, List<String>> check) {
        return new Uncovered(method, Pattern.compile(pathRegex), reason, check);
    }

    boolean matches(Exchange exchange) {
        return method.equals(exchange.method()) && path.matcher(exchange.path()).matches();
    }

    String describe() {
        return method + " " + path.pattern() + " (" + reason + ")";
    }
}
