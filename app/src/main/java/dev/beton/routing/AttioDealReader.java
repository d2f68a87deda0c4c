package dev.beton.routing;

import dev.beton.connections.AttioLinks;
import dev.beton.crm.AttioException;
import dev.beton.crm.AttioRecord;
import dev.beton.workspace.credentials.Secret;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Outcomes back: Attio's deals — Beton's and everyone else's, with their lead source — into the
 * workspace's CRM mirror ({@code crm_deals} in its event store, the table backtests read). The
 * stage maps to an outcome by the workspace's won/lost stage titles (anything else is open); a
 * closed deal's close date is when it entered its stage. Attio has no {@code updated_at} cursor,
 * so the periodic read takes every deal and replaces each mirrored row; webhooks mirror one deal.
 */
@Service
public class AttioDealReader {

    private static final int PAGE = 500;

    private final AttioLinks links;
    private final AttioCalls attio;
    private final RoutingSettingsStore settings;
    private final CrmMirrorWriter mirror;
    private final JdbcClient jdbc;
    private final DealStore betonDeals;

    AttioDealReader(
            AttioLinks links,
            AttioCalls attio,
            RoutingSettingsStore settings,
            CrmMirrorWriter mirror,
            JdbcClient jdbc,
            DealStore betonDeals) {
        this.betonDeals = betonDeals;
        this.links = links;
        this.attio = attio;
        this.settings = settings;
        this.mirror = mirror;
        this.jdbc = jdbc;
    }

    /**
     * Reads every deal of the workspace's Attio and mirrors it.
     *
     * @return how many deals were mirrored; 0 when Attio is not connected
     */
    public int refresh(long workspaceId) {
        Optional<Secret> token = links.token(workspaceId);
        if (token.isEmpty()) {
            return 0;
        }
        RoutingSettings routing = settings.current(workspaceId);
        Map<String, String> accounts = accountsByCompany(workspaceId);
        List<CrmMirrorWriter.MirroredDeal> deals = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            int from = offset;
            List<AttioRecord> page = attio.read(token.get(), c -> c.page(token.get(), "deals", PAGE, from));
            page.forEach(d -> {
                deals.add(map(d, routing, accounts));
                seen(workspaceId, d);
            });
            if (page.size() < PAGE) {
                break;
            }
        }
        write(workspaceId, deals);
        return deals.size();
    }

    /**
     * Mirrors one deal after a webhook said it changed (the payload carries ids only).
     *
     * @return false when the record is not a deal (or is gone)
     */
    boolean refreshOne(long workspaceId, String recordId) {
        Optional<Secret> token = links.token(workspaceId);
        if (token.isEmpty()) {
            return false;
        }
        AttioRecord deal;
        try {
            deal = attio.read(token.get(), c -> c.record(token.get(), "deals", recordId));
        } catch (AttioException.NotFound notADeal) {
            return false;
        }
        write(workspaceId, List.of(map(deal, settings.current(workspaceId), accountsByCompany(workspaceId))));
        seen(workspaceId, deal);
        return true;
    }

    /** Beton's own deals keep their stage and owner for the hot queue (no-op for other deals). */
    private void seen(long workspaceId, AttioRecord deal) {
        if (!deal.text(DealValues.BETON_KEY).orElse("").isEmpty()) {
            betonDeals.seen(workspaceId, deal.id(), deal.text("stage"), deal.actor("owner"));
        }
    }

    static CrmMirrorWriter.MirroredDeal map(AttioRecord deal, RoutingSettings routing, Map<String, String> accounts) {
        String stage = deal.text("stage").orElse("");
        String outcome = routing.wonStages().contains(stage)
                ? "won"
                : routing.lostStages().contains(stage) ? "lost" : "open";
        String company = deal.reference("associated_company").orElse("");
        String account = accounts.getOrDefault(
                company, company.isEmpty() ? "attio:deal:" + deal.id() : "attio:company:" + company);
        String source = deal.text(DealValues.LEAD_SOURCE)
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .orElse("unknown");
        return new CrmMirrorWriter.MirroredDeal(
                deal.id(),
                account,
                deal.text("name").orElse(""),
                source,
                outcome,
                deal.number("value").map(BigDecimal::valueOf).orElse(BigDecimal.ZERO),
                deal.createdAt(),
                outcome.equals("open") ? Optional.empty() : deal.since("stage"),
                Optional.of(stage).filter(st -> !st.isEmpty()),
                Optional.empty(),
                "attio");
    }

    /** Attio company record id → Beton account key, from overrides and what Beton matched or created. */
    private Map<String, String> accountsByCompany(long workspaceId) {
        Map<String, String> accounts = new HashMap<>();
        jdbc.sql("SELECT account_key, attio_record_id FROM routing_company_links WHERE workspace_id = ?")
                .param(workspaceId)
                .query(rs -> {
                    accounts.putIfAbsent(rs.getString("attio_record_id"), rs.getString("account_key"));
                });
        return accounts;
    }

    private void write(long workspaceId, List<CrmMirrorWriter.MirroredDeal> deals) {
        mirror.replace(workspaceId, deals);
    }
}
