package dev.beton.inspector;

/** A rule that cannot be promoted, or a promotion asked with values out of range; the message says why. */
public final class PromotionRefused extends RuntimeException {

    PromotionRefused(String message) {
        super(message);
    }
}
