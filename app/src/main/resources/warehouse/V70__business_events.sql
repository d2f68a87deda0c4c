-- Issue 18 §5: the business events' fields the executive summary reads, typed, one row per
-- business event stored in `events` (same uuid and timestamp), so a summary over a year scans
-- typed columns instead of parsing every event's JSON properties three times.
-- Written by Beton when it accepts an event (BusinessEventTable, after the event's commit); rows of
-- events that predate this table, or whose row was lost to a crash between the two writes, are
-- filled in on a workspace's first summary after start-up (the catch-up). Events that break their
-- schema get a row too, with valid = false and only the common columns: a summary leaves them out,
-- and "has a row" means "was looked at". Retention deletes these rows with their events.
CREATE TABLE IF NOT EXISTS business_events (
    uuid                         UUID      NOT NULL,
    event                        VARCHAR   NOT NULL,
    timestamp                    TIMESTAMP NOT NULL,
    valid                        BOOLEAN   NOT NULL,
    tenant_id                    VARCHAR,
    -- revenue_impact_event
    impact_amount                DOUBLE,
    impact_type                  VARCHAR,
    urgency_level                VARCHAR,
    priority_level               VARCHAR,
    -- operational_efficiency_event
    efficiency_score             DOUBLE,
    requires_executive_attention BOOLEAN,
    -- email_deliverability_event (and risk_level of cost_optimization_event)
    bounce_rate                  DOUBLE,
    email_count                  BIGINT,
    risk_level                   VARCHAR,
    -- cost_optimization_event
    optimization_category        VARCHAR,
    optimization_type            VARCHAR,
    savings_amount               DOUBLE,
    savings_percentage           DOUBLE,
    roi                          DOUBLE,
    baseline_cost                DOUBLE,
    optimized_cost               DOUBLE,
    -- the event's own actions (action_required, then its list of actions), stripped, blanks left out
    actions                      VARCHAR[]
);
CREATE UNIQUE INDEX IF NOT EXISTS business_events_uuid ON business_events (uuid);
