-- Issue 10 §4: a detection run was recorded twice, in job_runs and detection_runs, with the same
-- status and times kept in step by hand. job_runs is now the one record of a run (status, start,
-- end); detection_runs keeps only what is particular to detection and points to its job run.

-- Runs recorded without a job run (none are expected: every recorded run started one) get one,
-- so no run loses its status.
INSERT INTO job_runs (workspace_id, job_type, status, started_at, finished_at, progress_done, error)
SELECT workspace_id, 'detection', status, started_at, finished_at, 0, errors
FROM detection_runs WHERE job_run_id IS NULL;

UPDATE detection_runs SET job_run_id = (
    SELECT max(j.id) FROM job_runs j
    WHERE j.job_type = 'detection' AND j.workspace_id = detection_runs.workspace_id
      AND j.started_at = detection_runs.started_at)
WHERE job_run_id IS NULL;

ALTER TABLE detection_runs ALTER COLUMN job_run_id SET NOT NULL;
ALTER TABLE detection_runs ADD CONSTRAINT detection_runs_job_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id);

DROP INDEX detection_runs_workspace;
ALTER TABLE detection_runs DROP COLUMN status;
ALTER TABLE detection_runs DROP COLUMN started_at;
ALTER TABLE detection_runs DROP COLUMN finished_at;
CREATE INDEX detection_runs_workspace ON detection_runs (workspace_id, job_run_id);
CREATE UNIQUE INDEX detection_runs_one_per_job ON detection_runs (job_run_id);
