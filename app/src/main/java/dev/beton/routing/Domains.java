package dev.beton.routing;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Domains as Attio matches them: lower case, no scheme, {@code www.}, path, port or trailing dot,
 * internationalised names in punycode ({@code bücher.de} → {@code xn--bcher-kva.de}).
 */
final class Domains {

    private Domains() {}

    /** The normalised domain, or empty when the text is not a domain (no dot, spaces, an e-mail without domain). */
    static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String d = text.strip().toLowerCase(Locale.ROOT);
        int at = d.lastIndexOf('@');
        if (at >= 0) {
            d = d.substring(at + 1);
        }
        d = d.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        int cut = indexOfAny(d, "/?#");
        if (cut >= 0) {
            d = d.substring(0, cut);
        }
        int colon = d.lastIndexOf(':');
        if (colon >= 0) {
            d = d.substring(0, colon);
        }
        d = d.replaceFirst("\\.+$", "");
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        if (d.isEmpty() || !d.contains(".") || d.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
        return d.matches("[a-z0-9.-]+") && !d.startsWith(".") && !d.contains("..") ? Optional.of(d) : Optional.empty();
    }

    private static int indexOfAny(String text, String characters) {
        int first = -1;
        for (char c : characters.toCharArray()) {
            int i = text.indexOf(c);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first;
    }
}
