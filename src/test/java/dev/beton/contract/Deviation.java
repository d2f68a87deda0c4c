package dev.beton.contract;

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
 * @param reason why the contract is wrong here
 */
record Deviation(Pattern method, Pattern path, String key, Pattern pointer, Pattern message, String reason) {

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
                reason);
    }

    boolean covers(String requestMethod, String requestPath, String messageKey, String instancePointer, String text) {
        return method.matcher(requestMethod).matches()
                && path.matcher(requestPath).matches()
                && key.equals(messageKey)
                && pointer.matcher(instancePointer).matches()
                && message.matcher(text).matches();
    }
}
