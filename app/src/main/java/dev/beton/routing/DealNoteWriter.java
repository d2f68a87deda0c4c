package dev.beton.routing;

import dev.beton.connections.AttioLinks;
import dev.beton.crm.DealNotes;
import dev.beton.workspace.credentials.Secret;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Notes on Beton's deals for other features (the sales play), the way follow-up marks write theirs. */
@Component
class DealNoteWriter implements DealNotes {

    private final DealStore deals;
    private final AttioLinks links;
    private final AttioCalls attio;

    DealNoteWriter(DealStore deals, AttioLinks links, AttioCalls attio) {
        this.deals = deals;
        this.links = links;
        this.attio = attio;
    }

    @Override
    public Outcome noteOnDeal(long workspaceId, String accountKey, String actor, String title, String markdown) {
        Optional<DealStore.BetonDeal> deal = deals.latest(workspaceId, accountKey);
        if (deal.isEmpty()) {
            return new Outcome.NoDeal();
        }
        Optional<Secret> token = links.token(workspaceId);
        if (token.isEmpty()) {
            return new Outcome.NotConnected();
        }
        String dealId = deal.get().dealRecordId();
        String noteId = attio.write(
                token.get(),
                new AttioCalls.Context(workspaceId, actor, null, null, accountKey),
                "POST /v2/notes on deal " + dealId + " (sales play)",
                c -> c.createNote(token.get(), "deals", dealId, title, markdown));
        return new Outcome.Attached(dealId, noteId);
    }
}
