package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.jobs.JobRuns;
import dev.beton.jobs.RunningJob;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.PageSession;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15 §3: the warning a PostHog run records when the company group type is younger than a
 * signal's look-back shows on the Connections page too, where the fix (the workaround) lies.
 */
@OnEmbeddedStore
class GroupKeyWarningOnConnectionsPageTest {

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JobRuns jobs;

    @Autowired
    DetectionRuns runs;

    @Test
    void theNewestPostHogRunsWarningShowsOnTheConnectionsPage() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = workspaces.create("Keys " + suffix, Optional.of("keys-" + suffix), admin);
        PageSession session = PageSession.admin("http://localhost:" + port);
        String page = "/settings/connections?workspace=" + workspace.slug();
        assertThat(session.html(page)).doesNotContain("source-warnings");

        String warning =
                "Warning: events before 2026-10-24T06:00:00Z have no company key, but signals look back" + " 180 days";
        try (RunningJob job = jobs.start(Optional.of(workspace.id()), "detection", OptionalLong.empty())) {
            long run = runs.start(
                    workspace.id(), job.id(), Trigger.MANUAL, Instant.parse("2026-11-23T06:00:00Z"), "posthog");
            runs.record(run, 3, 0, 0, List.of(warning));
            job.succeeded("3 accounts");
        }

        assertThat(session.html(page)).contains("source-warnings").contains(warning);
    }
}
