package dev.beton.cdp;

import dev.beton.crm.AttioRecord;
import dev.beton.routing.AttioReads;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An Attio company or person as the properties it becomes, or the reason it is skipped. Plain
 * Java, so odd records (no domain, two domains, Unicode, huge text) are tested without servers.
 */
final class CrmRecordMapper {

    /** Longer texts are clipped: PostHog drops events over 1 MB, and a CRM note is not analytics. */
    static final int MAX_TEXT = 4_000;

    /** What one record becomes: properties under a key, or a skip with its reason. */
    record Mapped(Optional<String> key, Map<String, Object> properties, Optional<String> skipped, List<String> notes) {

        static Mapped skip(String reason) {
            return new Mapped(Optional.empty(), Map.of(), Optional.of(reason), List.of());
        }
    }

    /** The deals of one company, summed by outcome. */
    record DealTotals(BigDecimal open, BigDecimal won, int count, String stage, String stageSince) {

        static final DealTotals NONE = new DealTotals(BigDecimal.ZERO, BigDecimal.ZERO, 0, "", "");

        /** Adds a deal; the stage shown is the one of the most recently changed open deal, else of any. */
        DealTotals plus(String outcome, BigDecimal value, String dealStage, String since) {
            BigDecimal o = outcome.equals("open") ? open.add(value) : open;
            BigDecimal w = outcome.equals("won") ? won.add(value) : won;
            boolean takeStage = stage.isEmpty() || (outcome.equals("open") && since.compareTo(stageSince) >= 0);
            return new DealTotals(o, w, count + 1, takeStage ? dealStage : stage, takeStage ? since : stageSince);
        }
    }

    private CrmRecordMapper() {}

    static Mapped company(AttioRecord record, CdpMapping mapping, DealTotals deals, List<String> linkedAccounts) {
        Set<String> domains = new LinkedHashSet<>();
        for (Object d : AttioValues.all(record.values(), "domains")) {
            AttioReads.domainKey(String.valueOf(d)).ifPresent(domains::add);
        }
        List<String> notes = new ArrayList<>();
        String key;
        if (linkedAccounts.size() > 1) {
            return Mapped.skip("linked to " + linkedAccounts.size() + " Beton accounts ("
                    + String.join(", ", linkedAccounts) + "): keep one company override on the Routing page");
        } else if (linkedAccounts.size() == 1) {
            key = linkedAccounts.get(0);
        } else if (domains.isEmpty()) {
            return Mapped.skip("no domain");
        } else {
            key = domains.iterator().next();
        }
        if (domains.size() > 1) {
            notes.add(domains.size() + " domains: keyed by " + key);
        }
        Map<String, Object> properties = mapped(record, mapping.companies(), notes);
        properties.put("attio_record_id", record.id());
        if (!record.webUrl().isEmpty()) {
            properties.put("attio_url", record.webUrl());
        }
        properties.put("attio_open_deal_value", number(deals.open()));
        properties.put("attio_won_deal_value", number(deals.won()));
        properties.put("attio_deal_stage", deals.stage());
        properties.put("attio_deal_count", deals.count());
        return new Mapped(Optional.of(key), properties, Optional.empty(), notes);
    }

    /**
     * @param companyKey the group key of the person's company, when it is known
     */
    static Mapped person(AttioRecord record, CdpMapping mapping, Optional<String> companyKey) {
        Optional<String> email = AttioValues.all(record.values(), "email_addresses").stream()
                .map(e -> String.valueOf(e).strip().toLowerCase(Locale.ROOT))
                .filter(e -> e.contains("@"))
                .findFirst();
        if (email.isEmpty()) {
            return Mapped.skip("no email address");
        }
        if (email.get().length() > 200) {
            return Mapped.skip("email address longer than PostHog's 200-character distinct id");
        }
        List<String> notes = new ArrayList<>();
        Map<String, Object> properties = mapped(record, mapping.people(), notes);
        properties.put("attio_record_id", record.id());
        if (!record.webUrl().isEmpty()) {
            properties.put("attio_url", record.webUrl());
        }
        companyKey.ifPresent(k -> properties.put("attio_company", k));
        return new Mapped(email, properties, Optional.empty(), notes);
    }

    private static Map<String, Object> mapped(AttioRecord record, Map<String, String> mapping, List<String> notes) {
        Map<String, Object> properties = new LinkedHashMap<>();
        mapping.forEach((slug, property) -> {
            List<Object> values = AttioValues.all(record.values(), slug);
            if (values.isEmpty()) {
                return;
            }
            List<Object> clipped = new ArrayList<>();
            for (Object v : values) {
                clipped.add(clip(v, property, notes));
            }
            properties.put(property, clipped.size() == 1 && !slug.equals("domains") ? clipped.get(0) : clipped);
        });
        return properties;
    }

    private static Object clip(Object value, String property, List<String> notes) {
        if (value instanceof String text && text.length() > MAX_TEXT) {
            notes.add(property + " clipped to " + MAX_TEXT + " characters");
            int end = MAX_TEXT - 1;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never cut a surrogate pair in half
            }
            return text.substring(0, end) + "…";
        }
        return value;
    }

    private static Object number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? (Object) stripped.longValue() : (Object) stripped.doubleValue();
    }
}
