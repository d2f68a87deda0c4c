package dev.beton.contract;

import dev.beton.emulator.Exchange;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A known, written-down difference between a contract file and the real service (as the
 * reference documents it) that the validator accepts instead of failing on. Each one names the
 * route, the validator's message key and the JSON pointer it applies to, so nothing else slips
 * through with it.
 *
 * @param method regular expression over the HTTP method
 * @param path regular expression over the request path
 * @param key the validator's message key
 * @param pointer regular expression over the instance pointer of the message
 * @param message regular expression over the message text
 * @param when further condition on the exchange (e.g. which error code was answered)
 * @param reason why the contract is wrong here
 */
record Deviation(
        Pattern method,
        Pattern path,
        String key,
        Pattern pointer,
        Pattern message,
        Predicate<Exchange> when,
        String reason) {

    static Deviation of(String methodRegex, String pathRegex, String key, String pointerRegex, String reason) {
        return of(methodRegex, pathRegex, key, pointerRegex, ".*", reason);
    }

    static Deviation of(
            String methodRegex, String pathRegex, String key, String pointerRegex, String messageRegex, String reason) {
        return new Deviation(
                Pattern.compile(methodRegex),
                Pattern.compile(pathRegex),
                key,
                Pattern.compile(pointerRegex),
                Pattern.compile(messageRegex, Pattern.DOTALL),
                exchange -> true,
                reason);
    }

    Deviation when(Predicate<Exchange> condition) {
        return new Deviation(method, path, key, pointer, message, when.and(condition), reason);
    }

    boolean covers(Exchange exchange, String messageKey, String instancePointer, String text) {
        return method.matcher(exchange.method()).matches()
                && path.matcher(exchange.path()).matches()
                && key.equals(messageKey)
                && pointer.matcher(instancePointer).matches()
                && message.matcher(text).matches()
                && when.test(exchange);
    }
}
