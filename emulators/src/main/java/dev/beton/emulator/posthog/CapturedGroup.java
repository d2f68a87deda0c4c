package dev.beton.emulator.posthog;

import java.time.Instant;
import java.util.Map;

/**
 * A group as {@code $groupidentify} left it.
 *
 * @param groupTypeIndex index of the group type (0–4, first use first)
 * @param groupType group type name, e.g. {@code company}
 * @param key group key
 * @param properties merged {@code $group_set} properties
 * @param createdAt when the group was first identified
 */
public record CapturedGroup(
        int groupTypeIndex, String groupType, String key, Map<String, Object> properties, Instant createdAt) {

    public CapturedGroup {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}
