package dev.beton.dashboards;

import dev.beton.events.EmbeddedWarehouse;
import dev.beton.testsupport.WarehouseFixtures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A small workspace for the dashboard tests (company group index 1): acme grows with three users,
 * globex shrinks with one; acme's latest signal scores 85, globex's 40.
 */
final class DashboardWorld {

    private DashboardWorld() {}

    static void build(EmbeddedWarehouse warehouse, long workspaceId, Instant now) {
        WarehouseFixtures w = new WarehouseFixtures(warehouse, workspaceId)
                .groupType(0, "project")
                .groupType(1, "company")
                .group(1, "acme.com", "{\"name\": \"Acme\"}", now.minus(60, ChronoUnit.DAYS))
                .group(1, "globex.com", "{\"name\": \"Globex\"}", now.minus(60, ChronoUnit.DAYS));
        for (int day = 1; day <= 6; day++) {
            for (String user : new String[] {"ann", "bob", "cy"}) {
                w.event("report_created", user, 1, "acme.com", now.minus(day, ChronoUnit.DAYS));
            }
            w.event(
                    "dashboard_viewed",
                    "ann",
                    1,
                    "acme.com",
                    now.minus(day, ChronoUnit.DAYS).plusSeconds(60));
        }
        for (int day = 8; day <= 13; day++) {
            w.event("report_created", "dan", 1, "globex.com", now.minus(day, ChronoUnit.DAYS));
            w.event(
                    "report_created",
                    "dan",
                    1,
                    "globex.com",
                    now.minus(day, ChronoUnit.DAYS).plusSeconds(60));
        }
        w.event("report_created", "dan", 1, "globex.com", now.minus(2, ChronoUnit.DAYS));
        signal(w, "acme.com", "usage_spike", 55, now.minus(5, ChronoUnit.DAYS));
        signal(w, "acme.com", "pricing_intent", 85, now.minus(1, ChronoUnit.DAYS));
        signal(w, "globex.com", "billing_intent", 40, now.minus(3, ChronoUnit.DAYS));
    }

    private static void signal(WarehouseFixtures w, String account, String type, int score, Instant at) {
        w.event(
                "beton_signal_fired",
                "beton-signals",
                1,
                account,
                at,
                "{\"signal_type\": \"" + type + "\", \"signal_score\": " + score + ", \"account\": \"" + account
                        + "\"}");
    }
}
