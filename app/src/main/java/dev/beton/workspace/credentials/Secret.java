package dev.beton.workspace.credentials;

import java.util.Objects;

/**
 * A credential in the clear, held only as long as a request needs it. {@code toString} never
 * shows it, so a secret that ends up in a log line, an exception or a model attribute shows as
 * {@code ***}; {@link #reveal()} is the one deliberate way out.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value);
    }

    /** The clear text, for the HTTP header that needs it. */
    public String reveal() {
        return value;
    }

    /**
     * A hint a user recognises their key by: the prefix up to the first underscore and the last
     * four characters, e.g. {@code phx_…a1b2}. Short secrets show nothing but their prefix.
     */
    public String masked() {
        int underscore = value.indexOf('_');
        String prefix = underscore > 0 && underscore <= 6 ? value.substring(0, underscore + 1) : "";
        if (value.length() - prefix.length() < 12) {
            return prefix + "…";
        }
        return prefix + "…" + value.substring(value.length() - 4);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
