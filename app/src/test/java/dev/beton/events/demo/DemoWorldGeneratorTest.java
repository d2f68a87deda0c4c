package dev.beton.events.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.events.TestDataDirs;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
        properties = {
            "beton.data-dir=target/test-data/demo-world",
            "beton.demo=false",
            "beton.admin.email=admin@example.com",
            "beton.admin.password=correct-horse-battery"
        })
class DemoWorldGeneratorTest {

    static {
        TestDataDirs.fresh("demo-world");
    }

    @Autowired
    DemoWorldGenerator generator;

    @Autowired
    EmbeddedWarehouse warehouse;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    private long newWorkspace(String slug) {
        long admin = users.byEmail("admin@example.com").orElseThrow().id();
        Workspace workspace = workspaces.create(slug, Optional.of(slug), admin);
        return workspace.id();
    }

    @Test
    void seedPresetHasFifteenAccountsFifteenUsersAndAllThirtyOneEvents() {
        long workspace = newWorkspace("seed-world");
        DemoWorldSummary summary =
                generator.generate(workspace, new DemoWorldSpec(DemoWorldSpec.Preset.SEED, 15, 60, 7), done -> {});

        assertThat(summary.accounts()).isEqualTo(15);
        assertThat(strings(workspace, "SELECT DISTINCT event FROM events ORDER BY 1"))
                .containsExactlyInAnyOrderElementsOf(StandardEvents.ALL);
        assertThat(number(workspace, "SELECT count(*) FROM groups")).isEqualTo(15);
        assertThat(number(workspace, "SELECT count(*) FROM persons")).isGreaterThanOrEqualTo(15);
        assertThat(number(workspace, "SELECT count(*) FROM demo_truth")).isEqualTo(15);
        assertThat(number(workspace, "SELECT count(*) FROM crm_deals WHERE stage = 'won'"))
                .isEqualTo(summary.converted());
        assertThat(number(workspace, "SELECT count(*) FROM events")).isEqualTo(summary.events());
    }

    @Test
    void theSameSeedGivesTheSameWorld() {
        long first = newWorkspace("same-a");
        long second = newWorkspace("same-b");
        DemoWorldSpec spec = DemoWorldSpec.realistic(12, 30, 99);
        generator.generate(first, spec, done -> {});
        generator.generate(second, spec, done -> {});
        String fingerprint = "SELECT count(*) || ':' || sum(hash(uuid)) || ':' || sum(hash(properties)) FROM events";
        assertThat(strings(first, fingerprint)).isEqualTo(strings(second, fingerprint));
        String deals =
                "SELECT string_agg(deal_id || stage || lead_source || amount, ',' ORDER BY deal_id) FROM crm_deals";
        assertThat(strings(first, deals)).isEqualTo(strings(second, deals));
    }

    @Test
    void realisticWorldCarriesTheSignalsBuyersShowAndTheCrmSide() {
        long workspace = newWorkspace("realistic");
        DemoWorldSummary summary = generator.generate(workspace, DemoWorldSpec.realistic(60, 120, 42), done -> {});

        assertThat(summary.converted()).isPositive();
        assertThat(number(
                        workspace,
                        "SELECT count(*) FROM events WHERE event = '$pageview'"
                                + " AND json_extract_string(properties, '$.$pathname') = '/pricing'"))
                .isPositive();
        for (String event : List.of(
                "usage_limit_warning",
                "trial_ending_soon",
                "checkout_started",
                "support_conversation_started",
                "teammate_joined",
                "feature_used",
                "subscription_upgraded")) {
            assertThat(number(workspace, "SELECT count(*) FROM events WHERE event = '" + event + "'"))
                    .as(event)
                    .isPositive();
        }
        assertThat(strings(workspace, "SELECT DISTINCT lead_source FROM crm_deals ORDER BY 1"))
                .contains("pql", "inbound", "outbound");
        assertThat(number(
                        workspace,
                        "SELECT count(*) FROM groups WHERE json_extract(properties, '$.plan_limit')" + " IS NOT NULL"))
                .isEqualTo(60);
        // buyers' pricing visits cluster in the two weeks before they convert
        assertThat(number(workspace, """
                SELECT count(*) FROM events e JOIN demo_truth t ON t."converted" AND t.loud
                  AND e."$group_0" = t.account_key
                WHERE e.event = '$pageview' AND json_extract_string(e.properties, '$.$pathname') = '/pricing'
                  AND e.timestamp BETWEEN t.converted_at - INTERVAL 14 DAY AND t.converted_at
                """)).isPositive();
    }

    private long number(long workspace, String sql) {
        return warehouse.read(workspace, connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private List<String> strings(long workspace, String sql) {
        return warehouse.read(workspace, connection -> {
            List<String> values = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        });
    }
}
