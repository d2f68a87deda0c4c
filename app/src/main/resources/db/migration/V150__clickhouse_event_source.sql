-- Issue 17 §3: ClickHouse holding PostHog-style data as a workspace's event source. Its connection
-- (host, port, user, database, TLS, schema mapping) is a row of integration_connections with
-- integration 'clickhouse' and its password a sealed secret, like PostHog's and Attio's keys; this
-- only lets workspace_event_sources name it. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE workspace_event_sources DROP CONSTRAINT workspace_event_sources_known;
ALTER TABLE workspace_event_sources ADD CONSTRAINT workspace_event_sources_known
    CHECK (source IN ('embedded', 'posthog', 'clickhouse'));
