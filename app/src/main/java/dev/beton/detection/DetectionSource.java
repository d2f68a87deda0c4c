package dev.beton.detection;

import dev.beton.query.Dialect;
import dev.beton.query.QueryRunner;
import java.util.OptionalInt;

/**
 * Where one run reads events: the workspace's embedded warehouse (DuckDB) or its PostHog project
 * (HogQL). Both answer the same signal queries, rendered in their own dialect.
 */
interface DetectionSource {

    Dialect dialect();

    /**
     * The index of the company group type; empty when the source has none yet (nothing to detect).
     */
    OptionalInt companyIndex();

    /** Runs the queries of this source, and only of this source. */
    QueryRunner runner();

    /** For logs and run errors: "the embedded store", "PostHog project 12 at https://…". */
    String description();
}
