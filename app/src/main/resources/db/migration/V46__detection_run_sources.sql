-- Issue 6 §3: which event source a detection run read ('embedded' or 'posthog'). Runs recorded
-- before this column existed all read the embedded store.
ALTER TABLE detection_runs ADD COLUMN event_source VARCHAR(16) NOT NULL DEFAULT 'embedded';
