package dev.beton.bizevents;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver knows a webhook POST came from Beton and is fresh, in the manner of Slack's own
 * request signing: {@code X-Beton-Request-Timestamp} (Unix seconds) and {@code X-Beton-Signature}
 * = {@code v1=} + hex HMAC-SHA256 of {@code v1:<timestamp>:<body>} keyed with the webhook's
 * signing secret. A receiver recomputes it, compares in constant time, and refuses timestamps more
 * than five minutes old (a replayed request).
 */
final class WebhookSignature {

    static final String TIMESTAMP_HEADER = "X-Beton-Request-Timestamp";
    static final String SIGNATURE_HEADER = "X-Beton-Signature";

    private WebhookSignature() {}

    static String sign(String signingSecret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v1:" + unixSeconds + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "HmacSHA256 is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    /** What a receiver does; used by the tests' fake receiver. */
    static boolean verify(String signingSecret, String timestamp, String body, String signature, long nowSeconds) {
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - sent) > 300 || signature == null) {
            return false;
        }
        byte[] expected = sign(signingSecret, sent, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }
}
