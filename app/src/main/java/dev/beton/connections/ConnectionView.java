package dev.beton.connections;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One integration as the settings API and the Connections page show it. The key appears masked
 * ({@code phx_…a1b2}) and only that way.
 *
 * @param source {@code stored}, {@code environment} or {@code none}
 * @param overriddenBy environment variables that override stored values
 * @param details integration-specific, non-secret values (host, project, Attio workspace, scopes)
 */
record ConnectionView(
        String integration,
        boolean configured,
        String source,
        @JsonProperty("api_key") String maskedKey,
        @JsonProperty("is_active") boolean active,
        @JsonProperty("is_validated") boolean validated,
        String state,
        @JsonProperty("validated_at") Instant validatedAt,
        @JsonProperty("last_checked_at") Instant lastCheckedAt,
        @JsonProperty("last_sync") Instant lastSync,
        @JsonProperty("validation_error") String validationError,
        @JsonProperty("overridden_by") List<String> overriddenBy,
        Map<String, String> details) {}
