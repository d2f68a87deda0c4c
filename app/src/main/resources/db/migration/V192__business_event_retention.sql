-- Issue 18: how long a workspace keeps its business events (no row = the installation default,
-- beton.business-events.retention.default-days). A daily job deletes older ones.
CREATE TABLE business_event_retention (
    workspace_id BIGINT       NOT NULL PRIMARY KEY REFERENCES workspaces (id),
    days         INTEGER      NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by   VARCHAR(320) NOT NULL,
    CONSTRAINT business_event_retention_days CHECK (days >= 1)
);
