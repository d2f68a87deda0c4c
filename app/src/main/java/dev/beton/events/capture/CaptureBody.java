package dev.beton.events.capture;

import dev.beton.events.ingest.EventRejected;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a capture request's body the way PostHog's capture does: bounded in size (before and
 * after decompression), gzip by header, by {@code ?compression=gzip-js} or by its magic bytes,
 * and the legacy form encoding {@code data=<json or base64>}.
 */
final class CaptureBody {

    private CaptureBody() {}

    static byte[] read(HttpServletRequest request, Map<String, String> query, int limit) {
        if (request.getContentLengthLong() > limit) {
            throw EventRejected.tooLarge();
        }
        byte[] raw;
        try (InputStream in = request.getInputStream()) {
            raw = bounded(in, limit);
        } catch (IOException e) {
            throw EventRejected.parseError("the request body could not be read");
        }
        String compression = query.getOrDefault("compression", "").toLowerCase(Locale.ROOT);
        String contentType = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
        return decoded(raw, compression, contentType, limit);
    }

    /**
     * Like PostHog's capture, the bytes decide, the hints only break ties: gzip by its magic
     * bytes (a {@code gzip-js} hint on a form body is wrong and ignored), a form by its content
     * type or a leading {@code data=}, JSON by its first character, and anything else as base64
     * (posthog-js sends {@code text/plain} base64 without a hint when it cannot compress).
     */
    static byte[] decoded(byte[] raw, String compression, String contentType, int limit) {
        if (isGzip(raw)) {
            return gunzip(raw, limit);
        }
        if (contentType.startsWith("application/x-www-form-urlencoded") || startsWith(raw, "data=")) {
            return formData(raw, compression, limit);
        }
        int first = firstNonBlank(raw);
        if (first < 0 || raw[first] == '{' || raw[first] == '[') {
            return raw;
        }
        if (compression.startsWith("gzip")) {
            // a gzip hint on bytes that are neither gzip, form, JSON nor base64 stays an error
            if (!looksLikeBase64(raw)) {
                throw new EventRejected(400, "failed to decode request: invalid gzip data");
            }
        }
        byte[] decoded = base64(new String(raw, StandardCharsets.US_ASCII).strip());
        return isGzip(decoded) ? gunzip(decoded, limit) : decoded;
    }

    private static boolean startsWith(byte[] raw, String prefix) {
        return new String(raw, 0, Math.min(raw.length, prefix.length()), StandardCharsets.US_ASCII).equals(prefix);
    }

    private static int firstNonBlank(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (!Character.isWhitespace(raw[i])) {
                return i;
            }
        }
        return -1;
    }

    private static boolean looksLikeBase64(byte[] raw) {
        for (byte b : raw) {
            boolean ok = (b >= 'A' && b <= 'Z')
                    || (b >= 'a' && b <= 'z')
                    || (b >= '0' && b <= '9')
                    || b == '+'
                    || b == '/'
                    || b == '='
                    || b == '-'
                    || b == '_'
                    || Character.isWhitespace(b);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bounded(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw EventRejected.tooLarge();
        }
        return bytes;
    }

    private static boolean isGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
    }

    private static byte[] gunzip(byte[] body, int limit) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return bounded(in, limit);
        } catch (IOException e) {
            throw new EventRejected(400, "failed to decode request: invalid gzip data");
        }
    }

    private static byte[] formData(byte[] raw, String compression, int limit) {
        String form = new String(raw, StandardCharsets.US_ASCII);
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("data")) {
                String data = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)
                        .strip();
                boolean json = data.startsWith("{") || data.startsWith("[");
                if (json && !"base64".equals(compression)) {
                    return data.getBytes(StandardCharsets.UTF_8);
                }
                byte[] decoded = base64(data);
                return isGzip(decoded) ? gunzip(decoded, limit) : decoded;
            }
        }
        throw EventRejected.parseError("form body without a `data` field");
    }

    private static byte[] base64(String data) {
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new EventRejected(400, "failed to decode request: invalid base64 data");
        }
    }
}
