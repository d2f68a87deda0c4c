-- Issue 18 §5: the executive summary's sums per UTC day, so a summary over a year reads a few
-- thousand day rows plus the raw typed rows of the days its period cuts, instead of every business
-- event of the year. Kept by Beton in the same transaction as the typed rows of `business_events`
-- (dev.beton.bizevents.BusinessEventDays: the column definitions live there); each write appends
-- its own day rows and they are folded together now and then, so a day may have several rows per
-- key and readers sum them. Built from `business_events` when `business_event_days_state` has no
-- row (a store whose typed rows predate this migration). Retention deletes them with their events.

-- Per day and tenant: the sums of the summary's totals (valid events only).
CREATE TABLE IF NOT EXISTS business_event_days (
    day                 DATE    NOT NULL,
    tenant_id           VARCHAR,
    events              BIGINT  NOT NULL,
    revenue_events      BIGINT  NOT NULL,
    positive_revenue    DOUBLE  NOT NULL,
    negative_revenue    DOUBLE  NOT NULL,
    efficiency_events   BIGINT  NOT NULL,
    efficiency_score_sum DOUBLE NOT NULL,
    mail_events         BIGINT  NOT NULL,
    weighted_bounce     DOUBLE  NOT NULL,
    emails              BIGINT  NOT NULL,
    cost_events         BIGINT  NOT NULL,
    costs_within_budget BIGINT  NOT NULL,
    realized_savings    DOUBLE  NOT NULL,
    projected_savings   DOUBLE  NOT NULL,
    total_savings       DOUBLE  NOT NULL,
    strategic_decisions BIGINT  NOT NULL
);

-- Per day, tenant and category: the cost optimization rows (averages as sum and count).
CREATE TABLE IF NOT EXISTS business_event_cost_days (
    day                   DATE    NOT NULL,
    tenant_id             VARCHAR,
    optimization_category VARCHAR,
    optimizations         BIGINT  NOT NULL,
    savings               DOUBLE  NOT NULL,
    percentage_sum        DOUBLE,
    percentage_count      BIGINT  NOT NULL,
    roi_sum               DOUBLE,
    roi_count             BIGINT  NOT NULL,
    implemented           BIGINT  NOT NULL,
    identified            BIGINT  NOT NULL
);

-- Per day, tenant and action (lower case): its urgency weight, and its first appearance (the
-- event's epoch microseconds * 1,000,000 + the action's place in its list) with that spelling.
CREATE TABLE IF NOT EXISTS business_event_action_days (
    day        DATE    NOT NULL,
    tenant_id  VARCHAR,
    action_key VARCHAR NOT NULL,
    action     VARCHAR NOT NULL,
    weight     BIGINT  NOT NULL,
    first      HUGEINT NOT NULL
);

-- One row once the day rows were built from the whole of `business_events`.
CREATE TABLE IF NOT EXISTS business_event_days_state (
    built_at TIMESTAMP NOT NULL
);
