-- Issue 13 (performance): a rollup of product usage for the Account Health dashboard, so that its
-- tiles read small tables instead of every event of the window (docs/DASHBOARDS.md §Usage rollup).
-- Maintained by dev.beton.dashboards.UsageRollup for complete UTC days; a reader adds, from the raw
-- events, everything the rollup does not hold (the open days, days a window boundary cuts, and
-- anything recorded at or after the watermark), so the tiles equal their queries on raw events.
-- "Product usage" is the tiles' filter: not Beton's own events nor identify calls, with a non-blank
-- key of the company group.

-- What the rollup holds: events of days before `horizon` recorded (inserted_at) before `watermark`,
-- keyed by the company group's index at build time. No row: no rollup (readers use raw events).
CREATE TABLE IF NOT EXISTS usage_rollup_state (
    group_index INTEGER   NOT NULL,
    horizon     DATE      NOT NULL,
    watermark   TIMESTAMP NOT NULL
);

-- Events per account and day, and the day's last event.
CREATE TABLE IF NOT EXISTS usage_account_days (
    account VARCHAR   NOT NULL,
    day     DATE      NOT NULL,
    events  BIGINT    NOT NULL,
    last_at TIMESTAMP NOT NULL
);

-- Events per product event and day (a feature's uses).
CREATE TABLE IF NOT EXISTS usage_event_days (
    event  VARCHAR NOT NULL,
    day    DATE    NOT NULL,
    events BIGINT  NOT NULL
);

-- The days each (account, user) was active, as a bit set per block of 32 days: bit i of `days`
-- is day block * 32 + i (days since 1970-01-01). Distinct users of any window of whole days are
-- then one AND per row instead of a distinct count over the events.
CREATE TABLE IF NOT EXISTS usage_user_blocks (
    account     VARCHAR NOT NULL,
    distinct_id VARCHAR NOT NULL,
    block       INTEGER NOT NULL,
    days        BIGINT  NOT NULL
);

-- The same per (account, product event): feature adoption and feature breadth.
CREATE TABLE IF NOT EXISTS usage_feature_blocks (
    account VARCHAR NOT NULL,
    event   VARCHAR NOT NULL,
    block   INTEGER NOT NULL,
    days    BIGINT  NOT NULL
);
