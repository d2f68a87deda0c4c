package dev.beton.posthog;

import java.util.OptionalLong;

/**
 * One tile of a dashboard.
 *
 * @param insightId the insight shown, empty for a text or button tile
 */
record PostHogTile(long id, OptionalLong insightId) {}
