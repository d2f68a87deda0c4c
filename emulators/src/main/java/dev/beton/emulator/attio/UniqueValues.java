package dev.beton.emulator.attio;

import dev.beton.emulator.attio.Schema.Attribute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which record holds each value of a unique attribute, so a write checks uniqueness in constant
 * time instead of scanning every record of the object (which made filling a workspace with tens
 * of thousands of people quadratic). Not thread-safe: the record store's lock guards it. A hit is
 * confirmed against the holder's current values, so an entry left behind never invents a clash.
 */
final class UniqueValues {

    private final Map<UUID, Map<String, UUID>> byAttribute = new HashMap<>();

    /** The record other than {@code self} that currently holds one of {@code keys}, if any. */
    Optional<UUID> holder(Attribute attribute, Set<String> keys, UUID self, Function<UUID, Set<String>> currentKeys) {
        Map<String, UUID> held = byAttribute.getOrDefault(attribute.id(), Map.of());
        for (String key : keys) {
            UUID holder = held.get(key);
            if (holder != null
                    && !holder.equals(self)
                    && currentKeys.apply(holder).contains(key)) {
                return Optional.of(holder);
            }
        }
        return Optional.empty();
    }

    /** A record's values of a unique attribute went from {@code before} to {@code after}. */
    void changed(Attribute attribute, UUID record, Set<String> before, Set<String> after) {
        Map<String, UUID> held = byAttribute.computeIfAbsent(attribute.id(), k -> new HashMap<>());
        before.forEach(key -> held.remove(key, record));
        after.forEach(key -> held.put(key, record));
    }

    /** A deleted record's values are free again. */
    void forget(UUID record, List<Attribute> attributes, Function<Attribute, Set<String>> keysOf) {
        for (Attribute attribute : attributes) {
            if (attribute.unique()) {
                changed(attribute, record, keysOf.apply(attribute), Set.of());
            }
        }
    }
}
