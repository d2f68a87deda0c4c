package dev.beton.emulator.attio;

import java.util.Objects;
import java.util.UUID;

/**
 * The workspace the tokens belong to.
 *
 * @param id workspace id
 * @param name display name, shown by {@code /v2/self}
 * @param slug URL slug, used in {@code web_url}s
 */
public record AttioWorkspace(UUID id, String name, String slug) {

    public AttioWorkspace {
        Objects.requireNonNull(id, "workspace id");
        Objects.requireNonNull(name, "workspace name");
        Objects.requireNonNull(slug, "workspace slug");
    }
}
