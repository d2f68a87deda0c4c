package dev.beton.crm;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A record as Attio answers it: id, web URL and {@code values} keyed by attribute slug, each an
 * array of value objects. The accessors read the first (current) value in the shape its type has.
 */
public record AttioRecord(String id, String webUrl, Instant createdAt, JsonNode values) {

    static AttioRecord of(JsonNode data) {
        String created = data.path("created_at").asString("");
        return new AttioRecord(
                data.path("id").path("record_id").asString(""),
                data.path("web_url").asString(""),
                created.isEmpty() ? Instant.EPOCH : Instant.parse(created),
                data.path("values"));
    }

    private Optional<JsonNode> first(String slug) {
        JsonNode list = values.path(slug);
        return list.isArray() && !list.isEmpty() ? Optional.of(list.get(0)) : Optional.empty();
    }

    /** Every domain of a {@code domains} attribute, lower case. */
    public java.util.List<String> domains() {
        java.util.List<String> domains = new java.util.ArrayList<>();
        values.path("domains")
                .values()
                .forEach(v -> domains.add(v.path("domain").asString("").toLowerCase(java.util.Locale.ROOT)));
        return java.util.List.copyOf(domains);
    }

    /** A text, number, date or timestamp value as text; select and status as their title. */
    public Optional<String> text(String slug) {
        return first(slug).map(v -> {
            if (v.has("option")) {
                return v.path("option").path("title").asString("");
            }
            if (v.has("status")) {
                return v.path("status").path("title").asString("");
            }
            if (v.has("domain")) {
                return v.path("domain").asString("");
            }
            if (v.has("currency_value")) {
                return v.path("currency_value").asString("");
            }
            JsonNode value = v.path("value");
            return value.isNumber() ? number(value) : value.asString("");
        });
    }

    /** Numbers compare as text, so 87 and 87.0 must read the same. */
    private static String number(JsonNode value) {
        double d = value.asDouble();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    public Optional<Double> number(String slug) {
        return first(slug)
                .map(v -> v.has("currency_value") ? v.path("currency_value") : v.path("value"))
                .filter(JsonNode::isNumber)
                .map(JsonNode::asDouble);
    }

    /** The record a record-reference attribute points at. */
    public Optional<String> reference(String slug) {
        return first(slug).map(v -> v.path("target_record_id").asString("")).filter(s -> !s.isEmpty());
    }

    /** The actor an actor-reference attribute names (e.g. the deal owner's member id). */
    public Optional<String> actor(String slug) {
        return first(slug).map(v -> v.path("referenced_actor_id").asString("")).filter(s -> !s.isEmpty());
    }

    /** When the current value of an attribute was set (e.g. when a deal entered its stage). */
    public Optional<Instant> since(String slug) {
        return first(slug)
                .map(v -> v.path("active_from").asString(""))
                .filter(s -> !s.isEmpty())
                .map(Instant::parse);
    }

    /** The latest {@code active_from} of any current value: when the record last changed, as Attio has no updated_at. */
    public Instant lastChanged() {
        Instant latest = createdAt;
        for (JsonNode list : values.values()) {
            for (JsonNode v : list.values()) {
                String from = v.path("active_from").asString("");
                if (!from.isEmpty()) {
                    Instant at = Instant.parse(from);
                    if (at.isAfter(latest)) {
                        latest = at;
                    }
                }
            }
        }
        return latest;
    }
}
