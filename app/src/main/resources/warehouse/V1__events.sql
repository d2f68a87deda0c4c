-- The embedded event warehouse: one DuckDB file per workspace, PostHog-like schema so that
-- queries read like HogQL. Timestamps are UTC instants stored as TIMESTAMP (no zone).
CREATE TABLE IF NOT EXISTS events (
    uuid        UUID      NOT NULL,
    event       VARCHAR   NOT NULL,
    distinct_id VARCHAR   NOT NULL,
    person_id   UUID,
    timestamp   TIMESTAMP NOT NULL,
    properties  JSON,
    "$group_0"  VARCHAR,
    "$group_1"  VARCHAR,
    "$group_2"  VARCHAR,
    "$group_3"  VARCHAR,
    "$group_4"  VARCHAR,
    inserted_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE TABLE IF NOT EXISTS persons (
    id          UUID      PRIMARY KEY,
    properties  JSON,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS person_distinct_ids (
    distinct_id VARCHAR PRIMARY KEY,
    person_id   UUID    NOT NULL
);

CREATE TABLE IF NOT EXISTS group_types (
    group_type_index INTEGER PRIMARY KEY,
    group_type       VARCHAR NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS groups (
    group_type_index INTEGER   NOT NULL,
    group_key        VARCHAR   NOT NULL,
    properties       JSON,
    created_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (group_type_index, group_key)
);
