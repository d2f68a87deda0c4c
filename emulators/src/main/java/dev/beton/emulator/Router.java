package dev.beton.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps method and path to a handler. Patterns are literal segments and {@code {name}}
 * placeholders; a placeholder matches one non-empty segment. Routes are tried in registration
 * order, so register literal routes (e.g. {@code /api/users/@me/}) before placeholder ones.
 */
public final class Router {

    /** Handles one matched request. */
    @FunctionalInterface
    public interface Handler {
        EmulatorResponse handle(EmulatorRequest request);
    }

    /** The outcome of looking a request up. */
    public sealed interface Resolution {}

    public record Matched(Handler handler, Map<String, String> pathParams) implements Resolution {}

    /** The path exists but not for this method; {@code allowed} lists the methods it has. */
    public record MethodNotAllowed(List<String> allowed) implements Resolution {}

    public record NotFound() implements Resolution {}

    private record Route(String method, List<String> segments, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final boolean trailingSlashOptional;

    private Router(boolean trailingSlashOptional) {
        this.trailingSlashOptional = trailingSlashOptional;
    }

    /** Paths must match exactly, trailing slash included. */
    public static Router strict() {
        return new Router(false);
    }

    /** {@code /a/b} and {@code /a/b/} are the same path (Django REST framework's {@code /?}). */
    public static Router trailingSlashOptional() {
        return new Router(true);
    }

    public Router route(String method, String pattern, Handler handler) {
        routes.add(new Route(method, segments(pattern), handler));
        return this;
    }

    public Resolution resolve(String method, String path) {
        List<String> requested = segments(path);
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = match(route.segments(), requested);
            if (params.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Matched(route.handler(), params.get());
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(List.copyOf(allowed));
    }

    private List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        List<String> parts = new ArrayList<>(List.of(trimmed.split("/", -1)));
        if (trailingSlashOptional && parts.size() > 1 && parts.getLast().isEmpty()) {
            parts.removeLast();
        }
        return parts;
    }

    private static Optional<Map<String, String>> match(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            String actual = path.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
