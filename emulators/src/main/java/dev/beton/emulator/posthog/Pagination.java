package dev.beton.emulator.posthog;

import dev.beton.emulator.EmulatorRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Django REST framework's {@code LimitOffsetPagination} with PostHog's page size of 100:
 * {@code {count, next, previous, results}} where {@code next}/{@code previous} are absolute URLs
 * of the same request with {@code limit}/{@code offset} replaced, and {@code previous} drops
 * {@code offset} when it would be 0.
 */
final class Pagination {

    static final int PAGE_SIZE = 100;

    private Pagination() {}

    static Map<String, Object> page(EmulatorRequest request, String siteUrl, List<?> all) {
        int limit = intParam(request, "limit", PAGE_SIZE, 1);
        int offset = intParam(request, "offset", 0, 0);
        List<?> results = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", all.size());
        body.put("next", offset + limit < all.size() ? link(request, siteUrl, limit, offset + limit) : null);
        body.put("previous", offset <= 0 ? null : link(request, siteUrl, limit, Math.max(0, offset - limit)));
        body.put("results", results);
        return body;
    }

    /** DRF ignores values it cannot parse and falls back to the default. */
    private static int intParam(EmulatorRequest request, String name, int fallback, int min) {
        return request.queryParam(name)
                .flatMap(Pagination::parse)
                .filter(v -> v >= min)
                .orElse(fallback);
    }

    private static java.util.Optional<Integer> parse(String text) {
        try {
            return java.util.Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static String link(EmulatorRequest request, String siteUrl, int limit, int offset) {
        StringBuilder query = new StringBuilder();
        EmulatorRequest.parseQueryParams(request.rawQuery()).forEach((name, values) -> {
            if (!name.equals("limit") && !name.equals("offset")) {
                values.forEach(v -> append(query, name, v));
            }
        });
        append(query, "limit", Integer.toString(limit));
        if (offset > 0) {
            append(query, "offset", Integer.toString(offset));
        }
        return siteUrl + request.path() + "?" + query;
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(encode(value));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
