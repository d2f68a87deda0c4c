package dev.beton.connections;

/** Where the credential in use comes from. */
public enum KeySource {
    /** Sealed in Beton's database, saved through the API or the Connections page. */
    STORED,
    /** An environment variable ({@code POSTHOG_API_KEY}, {@code ATTIO_API_KEY}) that overrides the stored one. */
    ENVIRONMENT,
    /** Nothing configured. */
    NONE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
