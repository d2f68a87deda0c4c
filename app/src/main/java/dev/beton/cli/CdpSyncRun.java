package dev.beton.cli;

import dev.beton.cdp.CdpSync;
import dev.beton.detection.PostHogQueue;
import dev.beton.web.ProblemException;
import dev.beton.workspace.Workspace;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./beton sync cdp --workspace W [--full] [--dry-run]}: the CRM → analytics sync of a
 * stopped Beton's workspace, with a progress bar of records read, then the queued events sent.
 */
final class CdpSyncRun {

    private CdpSyncRun() {}

    static int run(ConfigurableApplicationContext context, Workspace workspace, boolean full, boolean dryRun) {
        CdpSync sync = context.getBean(CdpSync.class);
        CdpSync.Result result;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(dryRun ? "Reading Attio (dry run)" : "Syncing Attio")
                .setInitialMax(-1)
                .setUnit(" records", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .continuousUpdate()
                .build()) {
            long[] before = {0};
            String[] current = {""};
            result = sync.run(workspace.id(), new CdpSync.Options(full, dryRun), (object, done) -> {
                if (!object.equals(current[0])) {
                    before[0] = bar.getCurrent();
                    current[0] = object;
                }
                bar.setExtraMessage(object);
                bar.stepTo(before[0] + done);
            });
        } catch (ProblemException e) {
            System.err.println(e.toProblemDetail().getDetail());
            return 2;
        }
        System.out.println(result.summary());
        if (!dryRun && result.queuedForPostHog() > 0) {
            PostHogQueue queue = context.getBean(PostHogQueue.class);
            int sent = 0;
            for (int turn = 0; turn < 1000; turn++) {
                int accepted = queue.deliverNow();
                if (accepted == 0) {
                    break;
                }
                sent += accepted;
            }
            System.out.println("PostHog took " + sent + " events now; any others wait in the outbox and are sent"
                    + " when Beton runs.");
        }
        return result.complete() ? 0 : 1;
    }
}
