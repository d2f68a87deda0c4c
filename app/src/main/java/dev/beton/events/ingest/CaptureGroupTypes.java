package dev.beton.events.ingest;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which group types events may create on their own ({@code beton.capture.automatic-group-types},
 * {@code BETON_CAPTURE_AUTOMATIC_GROUP_TYPES}). Every other type must be added by an admin first
 * (API {@code /api/v1/group-types}, page <em>Group types</em>); until then it is kept on the event
 * but claims none of the workspace's five slots.
 *
 * @param automaticGroupTypes default {@code company}: the type Beton reads accounts from
 */
@ConfigurationProperties("beton.capture")
public record CaptureGroupTypes(@DefaultValue("company") Set<String> automaticGroupTypes) {

    public static CaptureGroupTypes defaults() {
        return new CaptureGroupTypes(Set.of("company"));
    }
}
