-- Issue 13 (performance): the usage events of the days the Account Health windows cut, in time
-- order (docs/DASHBOARDS.md §Usage rollup). Every window ends at asOf and starts at asOf's time of
-- day 7, 14, 28, 30 or 90 days back, so on the rollup's horizon day those days are cut at an
-- arbitrary time and their events must be read one by one. Read from `events`, that costs a scan of
-- the whole table when its rows are not in time order; this copy (only these five days, only the
-- usage events, only the columns the tiles read) is. Maintained by dev.beton.dashboards.UsageRollup
-- with the rest of the rollup: the events of day horizon - 7, 14, 28, 30 and 90 recorded before the
-- watermark.
CREATE TABLE IF NOT EXISTS usage_cut_days (
    day         DATE      NOT NULL,
    account     VARCHAR   NOT NULL,
    distinct_id VARCHAR   NOT NULL,
    event       VARCHAR   NOT NULL,
    timestamp   TIMESTAMP NOT NULL
);
