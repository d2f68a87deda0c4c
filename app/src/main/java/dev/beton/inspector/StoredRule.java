package dev.beton.inspector;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A rule as stored in a workspace: its id, current version and when it was created and last changed. */
public record StoredRule(
        long id,
        int version,
        InspectionRule rule,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {}
