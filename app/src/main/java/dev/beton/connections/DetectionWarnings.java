package dev.beton.connections;

import java.util.List;

/**
 * What the newest detection run on PostHog warned about the source itself (e.g. company keys that
 * PostHog blanks on events older than the group type), for the Connections page, where the fix
 * lies. Implemented by detection, which records the warnings with its runs.
 */
public interface DetectionWarnings {

    List<String> ofNewestPostHogRun(long workspaceId);
}
