package dev.beton.cdp;

import dev.beton.posthog.PostHogCaptureEvent;
import dev.beton.signals.CompanyGroupType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The capture events a CRM record becomes, their content hash and their uuid. The uuid is derived
 * from the workspace, the record, the hash of what is sent and the full-resync generation: the
 * same version of a record is the same event (retries and reruns collapse in the outbox and in
 * PostHog), a changed record or a full resync is a new one.
 */
final class CdpEvents {

    /** {@code $lib} of every event the sync sends; the warehouse's history views select on it. */
    static final String LIB = "beton-cdp";

    static final String COMPANY_DISTINCT_ID_PREFIX = "beton:company:";

    private CdpEvents() {}

    /** SHA-256 (hex) of the key and the properties in a canonical (sorted) order. */
    static String hash(JsonMapper json, String key, Map<String, Object> properties) {
        String canonical = key + "\n" + json.writeValueAsString(new TreeMap<>(properties));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static UUID uuid(long workspaceId, String object, String recordId, String hash, int generation) {
        String identity = "cdp|" + workspaceId + "|" + object + "|" + recordId + "|" + hash + "|" + generation;
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8));
    }

    static PostHogCaptureEvent groupIdentify(UUID uuid, String key, Map<String, Object> set, Instant at) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("$group_type", CompanyGroupType.NAME);
        properties.put("$group_key", key);
        properties.put("$group_set", set);
        properties.put("$process_person_profile", false);
        properties.put("$lib", LIB);
        return new PostHogCaptureEvent(uuid, "$groupidentify", COMPANY_DISTINCT_ID_PREFIX + key, at, properties);
    }

    static PostHogCaptureEvent identify(
            UUID uuid, String email, Map<String, Object> set, String companyKey, Instant at) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("$set", set);
        if (companyKey != null) {
            properties.put("$groups", Map.of(CompanyGroupType.NAME, companyKey));
        }
        properties.put("$lib", LIB);
        return new PostHogCaptureEvent(uuid, "$identify", email, at, properties);
    }

    /** The event as capture's wire form, for the embedded store's parser. */
    static Map<String, Object> wire(PostHogCaptureEvent event) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("event", event.event());
        wire.put("distinct_id", event.distinctId());
        wire.put("uuid", event.uuid().toString());
        wire.put("timestamp", event.timestamp().toString());
        wire.put("properties", event.properties());
        return wire;
    }
}
