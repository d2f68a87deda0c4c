package dev.beton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.backtest.OutcomeLabels;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A rep's Disqualify reaches the backtest as a negative label. */
@OnEmbeddedStore
class FollowUpLabelsTest {

    @Autowired
    FollowUps followUps;

    @Autowired
    OutcomeLabels labels;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Test
    void aDisqualifiedAccountIsANegativeLabel() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Labels " + UUID.randomUUID(), Optional.empty(), admin);

        followUps.mark(
                workspace.id(),
                "acme.io",
                "disqualified",
                FollowUps.REASONS.iterator().next(),
                "",
                "rep");

        assertThat(labels.negatives(workspace.id())).singleElement().satisfies(label -> {
            assertThat(label.accountKey()).isEqualTo("acme.io");
            assertThat(label.kind()).isEqualTo("disqualified");
        });
    }
}
