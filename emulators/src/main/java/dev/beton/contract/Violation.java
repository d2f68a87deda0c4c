package dev.beton.contract;

/**
 * One way an exchange broke its contract.
 *
 * @param method request method
 * @param path request path
 * @param status response status
 * @param key what kind of rule broke, e.g. {@code validation.response.body.schema.required}
 * @param message what broke, with the JSON pointer when the validator gave one
 */
public record Violation(String method, String path, int status, String key, String message) {

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + ": [" + key + "] " + message;
    }
}
