-- Issue 6 §3: the queries a detection run actually sent, in the dialect of its source (DuckDB SQL
-- on the embedded store, HogQL on PostHog), with their bound values, so users can read and rerun
-- exactly what produced a run's signals.
CREATE TABLE detection_run_queries (
    run_id     BIGINT        NOT NULL REFERENCES detection_runs (id),
    query_index INTEGER      NOT NULL,
    label      VARCHAR(100)  NOT NULL,
    dialect    VARCHAR(16)   NOT NULL,
    sql_text   TEXT          NOT NULL,
    parameters TEXT          NOT NULL,
    PRIMARY KEY (run_id, query_index)
);
