package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The demo's business events all match their schemas and hold the incidents the page shows. */
class DemoBusinessEventsTest {

    @Test
    void everyDemoEventIsValidAndTheIncidentsAreThere() {
        DemoBusinessEvents demo = new DemoBusinessEvents(
                null, null, null, null, JsonMapper.builder().build(), null);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        List<ObjectNode> events = demo.events(now);
        assertThat(events).hasSizeGreaterThan(500);
        List<DatedEvent> typed = new java.util.ArrayList<>();
        for (ObjectNode event : events) {
            BusinessEventType type =
                    BusinessEventType.of(event.get("event").stringValue()).orElseThrow();
            var result = BusinessEventValidator.validate(type, event.get("properties"));
            assertThat(result.errors()).as(event.toString()).isEmpty();
            typed.add(new DatedEvent("u", Instant.parse(event.get("timestamp").stringValue()), result.event()));
        }
        assertThat(typed)
                .anyMatch(e ->
                        AlertRule.BOUNCE_RATE_CRITICAL.match(e.event(), 0.15).isPresent());
        assertThat(typed)
                .anyMatch(e ->
                        AlertRule.COST_OVERRUN_CRITICAL.match(e.event(), 0.20).isPresent());
        assertThat(typed)
                .anyMatch(e ->
                        AlertRule.INITIATIVE_DELAY_HIGH.match(e.event(), null).isPresent());
        var trends = SummaryCalculator.trends(
                typed.stream()
                        .filter(e -> e.event().tenantId().equals("tenant-umbrella"))
                        .toList(),
                now.minus(java.time.Duration.ofDays(60)),
                now);
        assertThat(trends.efficiencyTrend()).isEqualTo("declining");
    }

    @Test
    void theLiveStreamGoesRoundTheTenantsWithAValidDayEachTickAndAGlobexIncidentEveryTwelfthRound() {
        DemoBusinessEvents demo = new DemoBusinessEvents(
                null, null, null, null, JsonMapper.builder().build(), null);
        Instant now = Instant.parse("2026-12-01T10:00:30Z");
        int rounds = DemoBusinessEvents.INCIDENT_EVERY_ROUNDS * 2;
        java.util.Set<String> tenants = new java.util.TreeSet<>();
        List<Long> incidentTicks = new java.util.ArrayList<>();
        long first = 1_000_000 * (long) DemoBusinessEvents.TENANTS.size() * DemoBusinessEvents.INCIDENT_EVERY_ROUNDS;
        for (long tick = first; tick < first + rounds * DemoBusinessEvents.TENANTS.size(); tick++) {
            List<ObjectNode> events = demo.tick(tick, now);
            assertThat(events)
                    .as("mail deliverability and resource usage at least")
                    .hasSizeGreaterThanOrEqualTo(2);
            boolean incident = false;
            for (ObjectNode event : events) {
                assertThat(event.get("timestamp").stringValue()).isEqualTo(now.toString());
                tenants.add(event.get("distinct_id").stringValue());
                var result = BusinessEventValidator.validate(
                        BusinessEventType.of(event.get("event").stringValue()).orElseThrow(), event.get("properties"));
                assertThat(result.errors()).as(event.toString()).isEmpty();
                incident |= AlertRule.BOUNCE_RATE_CRITICAL
                        .match(result.event(), 0.15)
                        .isPresent();
            }
            if (incident) {
                incidentTicks.add(tick);
            }
        }
        assertThat(tenants).containsExactlyElementsOf(new java.util.TreeSet<>(DemoBusinessEvents.TENANTS));
        // globex is the second tenant: its tick of every twelfth round
        assertThat(incidentTicks).containsExactly(first + 1, first + 1 + 5L * DemoBusinessEvents.INCIDENT_EVERY_ROUNDS);
    }
}
