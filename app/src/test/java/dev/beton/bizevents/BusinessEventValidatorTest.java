package dev.beton.bizevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The seed's own six examples are valid; each kind of broken field is named. */
class BusinessEventValidatorTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static List<JsonNode> seedExamples() throws Exception {
        try (InputStream in =
                BusinessEventValidatorTest.class.getResourceAsStream("/business-events/seed-examples.json")) {
            List<JsonNode> all = new java.util.ArrayList<>();
            JSON.readTree(in).forEach(all::add);
            return all;
        }
    }

    @Test
    void theSeedsSixExamplesAreValidAndTyped() throws Exception {
        List<JsonNode> examples = seedExamples();
        assertThat(examples).hasSize(6);
        for (JsonNode example : examples) {
            BusinessEventType type =
                    BusinessEventType.of(example.get("event").stringValue()).orElseThrow();
            BusinessEventValidator.Result result = BusinessEventValidator.validate(type, example.get("properties"));
            assertThat(result.errors()).as(type.eventName()).isEmpty();
            assertThat(result.event()).isInstanceOf(type.recordType());
            assertThat(result.event().tenantId()).isEqualTo("tenant-123");
        }
        BusinessEvent.RevenueImpact revenue = (BusinessEvent.RevenueImpact) BusinessEventValidator.validate(
                        BusinessEventType.REVENUE_IMPACT, examples.get(0).get("properties"))
                .event();
        assertThat(revenue.impactAmount()).isEqualTo(2500);
        assertThat(revenue.bounceRate()).isEqualTo(0.12);
        assertThat(revenue.actions()).containsExactly("IP warmup and content review", "IP rotation", "content review");
    }

    @Test
    void everyBrokenFieldIsNamedWithWhatIsWrong() throws Exception {
        ObjectNode properties =
                (ObjectNode) seedExamples().get(0).get("properties").deepCopy();
        properties.put("bounce_rate", "lots");
        properties.put("spam_rate", 1.5);
        properties.put("urgency_level", "panic");
        properties.put("impact_amount", -5);
        properties.put("tracking_date", "yesterday");
        properties.put("affected_emails", 1.5);
        properties.putArray("mitigation_actions").add(3);
        properties.remove("tenant_id");
        var errors = BusinessEventValidator.asMap(
                BusinessEventValidator.validate(BusinessEventType.REVENUE_IMPACT, properties)
                        .errors());
        assertThat(errors)
                .containsEntry("bounce_rate", "must be a number")
                .containsEntry("spam_rate", "must be between 0 and 1")
                .containsEntry("urgency_level", "must be one of low, medium, high, critical")
                .containsEntry("impact_amount", "must be at least 0")
                .containsEntry("affected_emails", "must be a whole number")
                .containsEntry("mitigation_actions", "must be a list of strings")
                .containsEntry("tenant_id", "is required")
                .containsKey("tracking_date")
                .hasSize(8);
    }

    @Test
    void costOptimizationUsesOptimizationTypeNotImpactType() throws Exception {
        ObjectNode properties =
                (ObjectNode) seedExamples().get(1).get("properties").deepCopy();
        properties.remove("optimization_type");
        properties.put("impact_type", "implemented");
        assertThat(BusinessEventValidator.asMap(
                        BusinessEventValidator.validate(BusinessEventType.COST_OPTIMIZATION, properties)
                                .errors()))
                .containsOnlyKeys("optimization_type");
    }

    @Test
    void thePublishedSchemaHasTheValidatorsBounds() {
        ObjectNode schema = BusinessEventSchemas.of(BusinessEventType.EMAIL_DELIVERABILITY, "urn:x");
        JsonNode bounce =
                schema.get("properties").get("properties").get("properties").get("bounce_rate");
        assertThat(bounce.get("type").stringValue()).isEqualTo("number");
        assertThat(bounce.get("maximum").doubleValue()).isEqualTo(1.0);
        assertThat(schema.get("properties").get("properties").get("required").toString())
                .contains("tenant_id", "tracking_date", "delivery_outcome", "email_count");
    }
}
