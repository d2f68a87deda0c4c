package dev.beton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.crm.DealStatusLookup;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The hot queue's stage and owner per account: the latest episode's deal as last read, no Attio call. */
@OnEmbeddedStore
class DealStatusLookupTest {

    @Autowired
    DealStatusLookup lookup;

    @Autowired
    DealStore deals;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Test
    void theLatestEpisodesDealWithItsLastReadStageAndOwner() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Statuses " + UUID.randomUUID(), Optional.empty(), admin);
        long ws = workspace.id();
        deals.written(
                ws,
                DealValues.legacyKey(ws, "acme.io"),
                "acme.io",
                "deal-1",
                Optional.empty(),
                Optional.of("https://app.attio.com/d/1"),
                Map.of(),
                "note");
        deals.seen(ws, "deal-1", Optional.of("Won"), Optional.of("member-1"));
        deals.closed(ws, DealValues.legacyKey(ws, "acme.io"), "Won", java.time.Instant.now());
        deals.written(
                ws,
                DealValues.betonKey("abc", ws, "acme.io", 2),
                "acme.io",
                "deal-2",
                Optional.empty(),
                Optional.of("https://app.attio.com/d/2"),
                Map.of(),
                "note");
        deals.seen(ws, "deal-2", Optional.of("Lead"), Optional.of("member-2"));
        deals.written(
                ws,
                DealValues.betonKey("abc", ws, "beta.io", 1),
                "beta.io",
                "deal-3",
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                "note");

        Map<String, DealStatusLookup.DealStatus> all = lookup.statuses(ws);

        assertThat(all).containsOnlyKeys("acme.io", "beta.io");
        DealStatusLookup.DealStatus acme = all.get("acme.io");
        assertThat(acme.dealRecordId()).isEqualTo("deal-2");
        assertThat(acme.episode()).isEqualTo(2);
        assertThat(acme.stage()).hasValue("Lead");
        assertThat(acme.owner()).hasValue("member-2");
        assertThat(acme.webUrl()).hasValue("https://app.attio.com/d/2");
        assertThat(acme.closed()).isFalse();
        assertThat(all.get("beta.io").stage()).isEmpty();
        assertThat(lookup.status(ws, "acme.io"))
                .hasValueSatisfying(s -> assertThat(s.episode()).isEqualTo(2));
        assertThat(lookup.status(ws, "nobody.io")).isEmpty();
    }
}
