-- Issue 14 (CRM → analytics): what Beton last sent of each Attio record, per workspace (a
-- snapshot per record, Hightouch style): a periodic full read is diffed against it so that only
-- added, changed and removed records go out again. Runs on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE cdp_records (
    workspace_id   BIGINT                   NOT NULL REFERENCES workspaces (id),
    -- 'companies' | 'people' | 'deals'
    object_type    VARCHAR(16)              NOT NULL,
    record_id      VARCHAR(64)              NOT NULL,
    -- the PostHog group key (company) or distinct id (person); the company for a deal
    record_key     VARCHAR(320),
    -- SHA-256 of what PostHog was last sent (NULL: nothing yet), and of what the embedded store got
    posthog_hash   VARCHAR(64),
    store_hash     VARCHAR(64),
    event_uuid     VARCHAR(36),
    -- 'synced' | 'skipped' | 'failed' | 'deleted'
    outcome        VARCHAR(16)              NOT NULL,
    reason         VARCHAR(500),
    -- the sync run (cdp_settings.runs) that last read the record: a full read that misses it means deleted
    seen_run       BIGINT                   NOT NULL DEFAULT 0,
    seen_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, object_type, record_id),
    CONSTRAINT cdp_records_outcome CHECK (outcome IN ('synced', 'skipped', 'failed', 'deleted'))
);

CREATE INDEX cdp_records_key ON cdp_records (workspace_id, object_type, record_key);

-- Per workspace: the attribute → property mapping (JSON; empty = the defaults), the full-resync
-- generation (part of every event uuid, so a full resync really resends) and the last run.
CREATE TABLE cdp_settings (
    workspace_id  BIGINT                   PRIMARY KEY REFERENCES workspaces (id),
    mapping       TEXT                     NOT NULL,
    generation    INTEGER                  NOT NULL DEFAULT 0,
    runs          BIGINT                   NOT NULL DEFAULT 0,
    last_run_at   TIMESTAMP WITH TIME ZONE,
    last_summary  VARCHAR(2000)
);

-- The outbox also carries the CRM sync's $groupidentify / $identify events.
ALTER TABLE posthog_outbox DROP CONSTRAINT posthog_outbox_kind;
ALTER TABLE posthog_outbox ADD CONSTRAINT posthog_outbox_kind CHECK (kind IN ('signal', 'score', 'crm'));
