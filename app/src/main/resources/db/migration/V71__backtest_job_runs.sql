-- Issue 19: a backtest run is a job run. job_runs is the one record of its status, start, end,
-- progress (days replayed of days) and error, so backtests show on /jobs with the other long work
-- and a backtest left "running" by a stopped process is found at start-up. backtest_runs keeps
-- what is particular to a backtest and points to its job run (as detection_runs does since V50).

-- Every existing backtest gets its job run; the summary names it so the two are matched exactly.
INSERT INTO job_runs (workspace_id, job_type, status, started_at, finished_at, progress_done, progress_total,
                      summary, error)
SELECT workspace_id, 'backtest', LOWER(status), started_at, finished_at, days_done, days,
       'Backtest ' || CAST(id AS VARCHAR(20)), error
FROM backtest_runs;

ALTER TABLE backtest_runs ADD COLUMN job_run_id BIGINT;

UPDATE backtest_runs SET job_run_id = (
    SELECT max(j.id) FROM job_runs j
    WHERE j.job_type = 'backtest' AND j.workspace_id = backtest_runs.workspace_id
      AND j.summary = 'Backtest ' || CAST(backtest_runs.id AS VARCHAR(20)));

ALTER TABLE backtest_runs ALTER COLUMN job_run_id SET NOT NULL;
ALTER TABLE backtest_runs ADD CONSTRAINT backtest_runs_job_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id);

DROP INDEX backtest_runs_workspace;
ALTER TABLE backtest_runs DROP COLUMN status;
ALTER TABLE backtest_runs DROP COLUMN days_done;
ALTER TABLE backtest_runs DROP COLUMN started_at;
ALTER TABLE backtest_runs DROP COLUMN finished_at;
ALTER TABLE backtest_runs DROP COLUMN error;
CREATE UNIQUE INDEX backtest_runs_one_per_job ON backtest_runs (job_run_id);
CREATE INDEX backtest_runs_workspace ON backtest_runs (workspace_id, job_run_id);
