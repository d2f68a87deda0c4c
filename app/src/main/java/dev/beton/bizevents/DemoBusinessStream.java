package dev.beton.bizevents;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.beton.boot.BetonProperties;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In demo mode, keeps business events arriving after the 60 days of history, so the Executive page
 * (live over Server-Sent Events), its alerts and trends move while someone watches: every {@code
 * beton.demo.business-stream-interval} (30 s; 0 turns it off) one tenant's next day of the demo
 * cycle, stamped now, through the same ingestion as captured events. Every 12th round (each tenant
 * once a round: every 30 minutes at 30 s) globex has a deliverability incident, which raises a
 * critical alert. The tick number comes from the clock, so a restart continues the cycle.
 */
@Configuration
class DemoBusinessStream {

    static final String TASK_NAME = "demo-business-stream";

    private final BetonProperties beton;
    private final Workspaces workspaces;
    private final DemoBusinessEvents demo;
    private final Clock clock;
    private final Duration interval;
    /** The history is loaded once in the background after start-up; the stream waits for it. */
    private volatile boolean historySeen;

    DemoBusinessStream(
            BetonProperties beton,
            Workspaces workspaces,
            DemoBusinessEvents demo,
            Clock clock,
            @Value("${beton.demo.business-stream-interval:30s}") Duration interval) {
        this.beton = beton;
        this.workspaces = workspaces;
        this.demo = demo;
        this.clock = clock;
        this.interval = interval;
    }

    @Bean
    RecurringTask<Void> demoBusinessStreamTask() {
        Duration every = interval.isZero() || interval.isNegative() ? Duration.ofHours(1) : interval;
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(every)).execute((instance, context) -> tick());
    }

    /** One tick of the stream, when it is on and the demo workspace has its history; @return events sent */
    int tick() {
        if (!beton.demo() || interval.isZero() || interval.isNegative()) {
            return 0;
        }
        Optional<Workspace> workspace = workspaces.bySlug("demo");
        if (workspace.isEmpty() || !(historySeen || (historySeen = demo.hasHistory(workspace.get())))) {
            return 0;
        }
        Instant now = clock.instant();
        return send(workspace.get(), Math.floorDiv(now.getEpochSecond(), Math.max(1, interval.toSeconds())), now);
    }

    int send(Workspace workspace, long tick, Instant now) {
        return demo.ingest(workspace, demo.tick(tick, now), now);
    }
}
