-- Issue 14 (CDP sync performance): a page of the CRM sync's events is queued as one outbox row
-- (its payload a JSON array of events, each with its own uuid) instead of one row per event: the
-- row inserts with their four index updates were the largest part of the sync's own CPU. Rows of
-- one event keep the object payload and events = 1. Runs on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE posthog_outbox ADD COLUMN events INTEGER NOT NULL DEFAULT 1;
