package dev.beton.backtest;

import dev.beton.jobs.JobRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A backtest runs on a thread of the process that started it; when that process stops (crash,
 * restart) its run would stay "running" for ever. At start-up, before anything starts a new
 * backtest, every backtest still recorded as running is ended as failed with a sentence that says
 * why. In a cluster a run of another live instance would be ended too; that instance's own end
 * (succeeded or failed) overwrites the mark when it finishes, so no result is lost.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 250) // before the demo's first backtest (+300)
class AbandonedBacktests implements ApplicationRunner {

    static final String REASON = "Abandoned: Beton stopped while this backtest ran (found at start-up). Run it again.";

    static final String COPY_REASON = "Abandoned: Beton stopped while this copy from PostHog ran (found at start-up)."
            + " Resume it: it continues after the last page it stored.";

    private static final Logger log = LoggerFactory.getLogger(AbandonedBacktests.class);

    private final JobRuns jobs;

    AbandonedBacktests(JobRuns jobs) {
        this.jobs = jobs;
    }

    @Override
    public void run(ApplicationArguments args) {
        int copies = jobs.abandonRunning(PostHogCopies.JOB_TYPE, COPY_REASON);
        if (copies > 0) {
            log.warn("{} cop(ies) from PostHog left running by a stopped process were marked failed", copies);
        }
        int ended = jobs.abandonRunning(Backtests.JOB_TYPE, REASON);
        if (ended > 0) {
            log.warn("{} backtest(s) left running by a stopped process were marked failed", ended);
        }
    }
}
