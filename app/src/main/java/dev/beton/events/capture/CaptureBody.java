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
        String encoding = String.valueOf(request.getHeader("Content-Encoding")).toLowerCase(Locale.ROOT);
        if (isGzip(raw) || encoding.contains("gzip") || compression.startsWith("gzip")) {
            return gunzip(raw, limit);
        }
        String contentType = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return formData(raw, compression);
        }
        if ("base64".equals(compression)) {
            return base64(new String(raw, StandardCharsets.US_ASCII).strip());
        }
        return raw;
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

    private static byte[] formData(byte[] raw, String compression) {
        String form = new String(raw, StandardCharsets.US_ASCII);
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("data")) {
                String data = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)
                        .strip();
                boolean json = data.startsWith("{") || data.startsWith("[");
                return json && !"base64".equals(compression) ? data.getBytes(StandardCharsets.UTF_8) : base64(data);
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
