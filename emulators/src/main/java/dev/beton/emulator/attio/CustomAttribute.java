package dev.beton.emulator.attio;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An attribute a workspace admin added to an object, e.g. a unique {@code beton_key} on deals so
 * deals can be asserted.
 *
 * @param object slug of the object it belongs to
 * @param apiSlug the attribute's slug
 * @param type one of {@code text}, {@code number}, {@code checkbox}, {@code currency},
 *     {@code date}, {@code timestamp}, {@code select}
 * @param unique whether values must be unique across records
 * @param multiselect whether a record holds several values
 * @param options titles of select options (select only)
 */
public record CustomAttribute(
        String object, String apiSlug, String type, boolean unique, boolean multiselect, List<String> options) {

    private static final Set<String> TYPES =
            Set.of("text", "number", "checkbox", "currency", "date", "timestamp", "select");

    public CustomAttribute {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(apiSlug, "apiSlug");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("custom attributes may be of type " + TYPES + ", not " + type);
        }
        if (unique && "select".equals(type)) {
            throw new IllegalArgumentException("select attributes cannot be unique");
        }
        options = List.copyOf(options);
    }

    public static CustomAttribute of(String object, String apiSlug, String type) {
        return new CustomAttribute(object, apiSlug, type, false, false, List.of());
    }

    public CustomAttribute asUnique() {
        return new CustomAttribute(object, apiSlug, type, true, multiselect, options);
    }

    public CustomAttribute withOptions(String... titles) {
        return new CustomAttribute(object, apiSlug, type, unique, multiselect, List.of(titles));
    }
}
