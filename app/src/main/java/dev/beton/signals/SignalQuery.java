package dev.beton.signals;

import dev.beton.query.RenderedQuery;
import java.time.Instant;

/**
 * A signal's query, rendered for one dialect as of one instant. Run {@link #rendered()} on the
 * warehouse and hand the rows back to {@link SignalCatalog#evaluate(SignalQuery,
 * dev.beton.query.ResultRows)}.
 */
public record SignalQuery(
        SignalType type, String definitionId, int definitionVersion, Instant asOf, RenderedQuery rendered) {}
