package dev.beton.events.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.boot.BackgroundStart;
import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Workspaces;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/demo-first-start",
            "beton.demo=true",
            "beton.admin.password=correct-horse-battery",
            "beton.demo-world.accounts=8",
            "beton.demo-world.days=21",
            "beton.demo-world.seed=3"
        })
class DemoWorldOnFirstStartTest {

    static {
        TestDataDirs.fresh("demo-first-start");
    }

    @Autowired
    DemoWorldOnFirstStart firstStart;

    @Autowired
    BackgroundStart backgroundStart;

    @Autowired
    Workspaces workspaces;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    JdbcClient jdbc;

    @Test
    void generatesTheDemoWorldOnFirstStartOnly() {
        backgroundStart.finished().join(); // the world is generated after the application is ready
        long demo = workspaces.bySlug("demo").orElseThrow().id();
        long events = events(demo);
        assertThat(events).isPositive();
        assertThat(jdbc.sql("SELECT events FROM demo_worlds WHERE workspace_id = ?")
                        .param(demo)
                        .query(Long.class)
                        .single())
                .isEqualTo(events);
        assertThat(groups(demo)).isEqualTo(8);

        firstStart.run(); // a restart

        assertThat(events(demo)).isEqualTo(events);
    }

    private long events(long workspace) {
        // Detection runs right after the world is generated and adds Beton's own
        // beton_signal_fired events, and the demo's business events (issue 18) are loaded after it;
        // the world itself is everything else.
        return scalar(
                workspace,
                "SELECT count(*) FROM events WHERE event <> 'beton_signal_fired' AND event NOT IN"
                        + " ('revenue_impact_event', 'cost_optimization_event', 'operational_efficiency_event',"
                        + " 'strategic_decision_event', 'email_deliverability_event', 'resource_usage_event')");
    }

    private long groups(long workspace) {
        return scalar(workspace, "SELECT count(*) FROM groups");
    }

    private long scalar(long workspace, String sql) {
        return warehouse.read(workspace, connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
