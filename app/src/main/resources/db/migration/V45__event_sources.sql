-- Issue 6 §3: where a workspace's detection reads its events. No row means the embedded store,
-- the default; 'posthog' runs the same signal queries as HogQL on the connected PostHog project.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE workspace_event_sources (
    workspace_id BIGINT                   PRIMARY KEY REFERENCES workspaces (id),
    source       VARCHAR(16)              NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT workspace_event_sources_known CHECK (source IN ('embedded', 'posthog'))
);
