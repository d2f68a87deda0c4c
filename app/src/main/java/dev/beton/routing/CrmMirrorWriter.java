package dev.beton.routing;

import dev.beton.events.EmbeddedWarehouse;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one writer of the CRM mirror ({@code crm_deals} and {@code crm_deal_details} in the
 * workspace's event store): Attio's deals ({@link AttioDealReader}) and imported deal files
 * ({@link DealCsvImport}) both come through here. Readers are {@code backtest.CrmMirror} and the
 * PQL-performance views; the demo world fills its own. A deal id is one row: writing it again
 * replaces it.
 */
@Component
class CrmMirrorWriter {

    /** A deal as the mirror keeps it; {@code outcome} is open, won or lost. */
    record MirroredDeal(
            String dealId,
            String accountKey,
            String name,
            String leadSource,
            String outcome,
            BigDecimal amount,
            Instant createdAt,
            Optional<Instant> closedAt,
            Optional<String> crmStage,
            Optional<String> domain,
            String origin) {}

    private final EmbeddedWarehouse warehouse;

    CrmMirrorWriter(EmbeddedWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    void replace(long workspaceId, List<MirroredDeal> deals) {
        if (deals.isEmpty()) {
            return;
        }
        warehouse.write(workspaceId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM crm_deals WHERE deal_id = ?");
                    PreparedStatement deleteDetails =
                            connection.prepareStatement("DELETE FROM crm_deal_details WHERE deal_id = ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO crm_deals (deal_id,"
                            + " account_key, name, lead_source, stage, amount, created_at, closed_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement details = connection.prepareStatement(
                            "INSERT INTO crm_deal_details (deal_id, crm_stage, domain, origin) VALUES (?, ?, ?, ?)")) {
                for (MirroredDeal deal : deals) {
                    delete.setString(1, deal.dealId());
                    delete.executeUpdate();
                    deleteDetails.setString(1, deal.dealId());
                    deleteDetails.executeUpdate();
                    insert.setString(1, deal.dealId());
                    insert.setString(2, deal.accountKey());
                    insert.setString(3, deal.name());
                    insert.setString(4, deal.leadSource());
                    insert.setString(5, deal.outcome());
                    insert.setBigDecimal(6, deal.amount());
                    insert.setObject(7, utc(deal.createdAt()));
                    insert.setObject(
                            8, deal.closedAt().map(CrmMirrorWriter::utc).orElse(null));
                    insert.executeUpdate();
                    details.setString(1, deal.dealId());
                    details.setString(2, deal.crmStage().orElse(null));
                    details.setString(3, deal.domain().orElse(null));
                    details.setString(4, deal.origin());
                    details.executeUpdate();
                }
            }
            return deals.size();
        });
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
