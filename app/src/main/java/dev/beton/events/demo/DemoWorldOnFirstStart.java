package dev.beton.events.demo;

import dev.beton.boot.BackgroundStartStep;
import dev.beton.boot.BetonProperties;
import dev.beton.store.Timestamps;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * In demo mode, fills the {@code demo} workspace with a generated world the first time Beton
 * starts (after {@code FirstStart} created it), showing progress on the console. Remembered in
 * {@code demo_worlds}, so restarts never generate again. Runs in the background once Beton answers
 * requests ({@link BackgroundStartStep}), so generating the world does not hold back readiness.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class DemoWorldOnFirstStart implements BackgroundStartStep {

    static final String DEMO_SLUG = "demo";

    private final BetonProperties beton;
    private final DemoWorldProperties world;
    private final Workspaces workspaces;
    private final DemoWorldGenerator generator;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoWorldOnFirstStart(
            BetonProperties beton,
            DemoWorldProperties world,
            Workspaces workspaces,
            DemoWorldGenerator generator,
            JdbcClient jdbc,
            Clock clock) {
        this.beton = beton;
        this.world = world;
        this.workspaces = workspaces;
        this.generator = generator;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void run() {
        if (!beton.demo()) {
            return;
        }
        workspaces.bySlug(DEMO_SLUG).filter(this::notGenerated).ifPresent(this::generate);
    }

    private boolean notGenerated(Workspace workspace) {
        return jdbc.sql("SELECT count(*) FROM demo_worlds WHERE workspace_id = ?")
                        .param(workspace.id())
                        .query(Long.class)
                        .single()
                == 0;
    }

    private void generate(Workspace workspace) {
        DemoWorldSpec spec = world.spec();
        System.out.printf(
                "  Generating the demo world (%s: %d accounts, %d days, seed %d)…%n",
                spec.preset().label(), spec.accounts(), spec.days(), spec.seed());
        DemoWorldSummary summary;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("Demo world")
                .setInitialMax(spec.accounts())
                .setUnit(" accounts", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build()) {
            summary = generator.generate(workspace.id(), spec, bar::stepTo);
        }
        jdbc.sql("INSERT INTO demo_worlds (workspace_id, preset, accounts, days, seed, events, generated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        workspace.id(),
                        spec.preset().label(),
                        spec.accounts(),
                        spec.days(),
                        spec.seed(),
                        summary.events(),
                        Timestamps.of(clock.instant()))
                .update();
        System.out.printf(
                "  Demo world ready: %,d events, %d accounts (%d converted), %d CRM deals in %s.%n%n",
                summary.events(), summary.accounts(), summary.converted(), summary.deals(), seconds(summary.took()));
    }

    private static String seconds(Duration took) {
        return String.format("%.1f s", took.toMillis() / 1000.0);
    }
}
