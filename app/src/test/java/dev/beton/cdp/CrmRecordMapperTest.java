package dev.beton.cdp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.crm.AttioRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CrmRecordMapperTest {

    final JsonMapper json = JsonMapper.builder().build();

    AttioRecord record(String valuesJson) {
        return new AttioRecord("rec-1", "https://app.attio.com/x/rec-1", Instant.EPOCH, json.readTree(valuesJson));
    }

    @Test
    void aCompanyIsKeyedByItsFirstNormalisedDomainWithDealTotals() {
        var mapped = CrmRecordMapper.company(
                record("""
                        {"name": [{"attribute_type": "text", "value": "Bücher GmbH"}],
                         "domains": [{"attribute_type": "domain", "domain": "WWW.Bücher.de"},
                                     {"attribute_type": "domain", "domain": "buecher.com"}],
                         "categories": [{"attribute_type": "select", "option": {"title": "Retail"}}],
                         "estimated_arr_usd": [{"attribute_type": "currency", "currency_value": 1200000}]}
                        """),
                CdpMapping.defaults(),
                CrmRecordMapper.DealTotals.NONE
                        .plus("open", new BigDecimal("150000"), "In Progress", "2026-01-02")
                        .plus("won", new BigDecimal("20000.50"), "Won", "2026-01-03"),
                List.of());
        assertThat(mapped.key()).hasValue("xn--bcher-kva.de");
        assertThat(mapped.notes()).containsExactly("2 domains: keyed by xn--bcher-kva.de");
        assertThat(mapped.properties())
                .containsEntry("attio_name", "Bücher GmbH")
                .containsEntry("attio_domains", List.of("WWW.Bücher.de", "buecher.com"))
                .containsEntry("attio_industry", "Retail")
                .containsEntry("attio_arr", 1200000L)
                .containsEntry("attio_open_deal_value", 150000L)
                .containsEntry("attio_won_deal_value", 20000.5)
                .containsEntry("attio_deal_stage", "In Progress")
                .containsEntry("attio_record_id", "rec-1");
    }

    @Test
    void skipsAndOverrides() {
        assertThat(CrmRecordMapper.company(
                                record("{}"), CdpMapping.defaults(), CrmRecordMapper.DealTotals.NONE, List.of())
                        .skipped())
                .hasValue("no domain");
        assertThat(CrmRecordMapper.company(
                                record("{}"),
                                CdpMapping.defaults(),
                                CrmRecordMapper.DealTotals.NONE,
                                List.of("acme.io"))
                        .key())
                .hasValue("acme.io");
        assertThat(CrmRecordMapper.company(
                                record("{}"),
                                CdpMapping.defaults(),
                                CrmRecordMapper.DealTotals.NONE,
                                List.of("a.io", "b.io"))
                        .skipped()
                        .orElseThrow())
                .startsWith("linked to 2 Beton accounts (a.io, b.io)");
        assertThat(CrmRecordMapper.person(record("{}"), CdpMapping.defaults(), Optional.empty())
                        .skipped())
                .hasValue("no email address");
    }

    @Test
    void aPersonIsTheirFirstEmailAndHugeTextIsClipped() {
        String huge = "é".repeat(10_000);
        var mapped = CrmRecordMapper.person(record("""
                        {"email_addresses": [{"attribute_type": "email-address", "email_address": "Ada@Acme.IO"}],
                         "name": [{"attribute_type": "personal-name", "full_name": "Ada Lovelace"}],
                         "job_title": [{"attribute_type": "text", "value": "%s"}]}
                        """.formatted(huge)), CdpMapping.defaults(), Optional.of("acme.io"));
        assertThat(mapped.key()).hasValue("ada@acme.io");
        assertThat(mapped.properties())
                .containsEntry("attio_name", "Ada Lovelace")
                .containsEntry("attio_company", "acme.io");
        assertThat((String) mapped.properties().get("attio_job_title")).hasSize(CrmRecordMapper.MAX_TEXT);
        assertThat(mapped.notes()).containsExactly("attio_job_title clipped to 4000 characters");
    }

    @Test
    void aMappingMustKeepTheAttioPrefix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new CdpMapping(java.util.Map.of("name", "name"), java.util.Map.of()))
                .hasMessageContaining("must start with attio_");
        CdpMapping changed = new CdpMapping(
                        java.util.Map.of("description", "", "industry_2", "attio_sector"), java.util.Map.of())
                .over(CdpMapping.defaults());
        assertThat(changed.companies()).doesNotContainKey("description").containsEntry("industry_2", "attio_sector");
    }
}
