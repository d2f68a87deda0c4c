-- Issue 18: business events are forwarded to the workspace's PostHog through the same outbox as
-- signals, scores and CRM events (kind 'business').
ALTER TABLE posthog_outbox DROP CONSTRAINT posthog_outbox_kind;
ALTER TABLE posthog_outbox ADD CONSTRAINT posthog_outbox_kind CHECK (kind IN ('signal', 'score', 'crm', 'business'));
