-- Issue 13 (performance): when each (account, user) and each (account, product event) was last
-- seen in the usage rollup (docs/DASHBOARDS.md §Usage rollup): the latest timestamp among the
-- usage events the rollup holds (before its horizon, recorded before its watermark). As of any
-- time on the horizon day a window reaches past the horizon, so a pair has an event in the
-- window's rolled part exactly when it was last seen at or after the window's start: the
-- distinct users and features of a window need one row per pair instead of day sets per block
-- plus the events of the day the window's start cuts. Maintained by
-- dev.beton.dashboards.UsageRollup with the rest of the rollup (latest of the old and the
-- rebuilt days' timestamps).
CREATE TABLE IF NOT EXISTS usage_user_last (
    account     VARCHAR   NOT NULL,
    distinct_id VARCHAR   NOT NULL,
    last_at     TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS usage_feature_last (
    account VARCHAR   NOT NULL,
    event   VARCHAR   NOT NULL,
    last_at TIMESTAMP NOT NULL
);
