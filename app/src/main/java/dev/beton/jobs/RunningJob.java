package dev.beton.jobs;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A run in progress. Report progress as work is done and end it exactly once; a run closed
 * without an outcome (an exception escaped) is recorded as failed, so none stays "running".
 */
public final class RunningJob implements AutoCloseable {

    private final JobRuns runs;
    private final long id;
    private boolean finished;

    RunningJob(JobRuns runs, long id) {
        this.runs = runs;
        this.id = id;
    }

    public long id() {
        return id;
    }

    public void progress(long done) {
        runs.progress(id, done, OptionalLong.empty());
    }

    public void progress(long done, long total) {
        runs.progress(id, done, OptionalLong.of(total));
    }

    public void succeeded(String summary) {
        end(JobStatus.SUCCEEDED, summary, Optional.empty());
    }

    public void partial(String summary, String errors) {
        end(JobStatus.PARTIAL, summary, Optional.of(errors));
    }

    public void failed(String error) {
        end(JobStatus.FAILED, "", Optional.of(error));
    }

    private void end(JobStatus status, String summary, Optional<String> error) {
        if (finished) {
            throw new IllegalStateException("run " + id + " has already ended");
        }
        finished = true;
        runs.finish(id, status, summary, error);
    }

    @Override
    public void close() {
        if (!finished) {
            end(JobStatus.FAILED, "", Optional.of("The run stopped before reporting an outcome."));
        }
    }
}
