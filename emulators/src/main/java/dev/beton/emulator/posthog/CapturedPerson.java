package dev.beton.emulator.posthog;

import java.util.List;
import java.util.Map;

/**
 * A person as capture left it: every event creates or finds the person of its distinct id
 * (unless {@code $process_person_profile} is false), {@code $set} overwrites properties,
 * {@code $set_once} only fills missing ones, and {@code $create_alias} joins distinct ids.
 *
 * @param distinctIds the person's distinct ids, first seen first
 * @param properties current person properties
 */
public record CapturedPerson(List<String> distinctIds, Map<String, Object> properties) {

    public CapturedPerson {
        distinctIds = List.copyOf(distinctIds);
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}
