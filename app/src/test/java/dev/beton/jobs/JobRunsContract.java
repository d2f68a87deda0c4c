package dev.beton.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beton.testsupport.Http;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Run history on Beton's own store; runs once per store through the subclasses. */
abstract class JobRunsContract {

    @LocalServerPort
    int port;

    @Autowired
    JobRuns runs;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Test
    void aRunIsRecordedFromStartThroughProgressToItsOutcome() {
        Workspace workspace = newWorkspace();
        RunningJob job = runs.start(Optional.of(workspace.id()), "detection", OptionalLong.of(200));
        job.progress(50);
        JobRun halfway = runs.byId(workspace.id(), job.id()).orElseThrow();
        assertThat(halfway.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(halfway.percent()).hasValue(25);

        job.partial("180 accounts scanned, 12 signals", "usage_spike: query failed");
        JobRun done = runs.byId(workspace.id(), job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.PARTIAL);
        assertThat(done.finishedAt()).isPresent();
        assertThat(done.error()).contains("usage_spike: query failed");
        assertThatThrownBy(() -> job.succeeded("again")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRunClosedWithoutAnOutcomeIsFailedNotRunningForever() {
        Workspace workspace = newWorkspace();
        long id;
        try (RunningJob job = runs.start(Optional.of(workspace.id()), "import", OptionalLong.empty())) {
            id = job.id();
            job.progress(10);
        }
        JobRun run = runs.byId(workspace.id(), id).orElseThrow();
        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.percent()).isEmpty();
    }

    @Test
    void historyIsNewestFirstFilteredByTypeAndScopedToTheWorkspace() {
        Workspace mine = newWorkspace();
        Workspace other = newWorkspace();
        runs.start(Optional.of(mine.id()), "import", OptionalLong.empty()).succeeded("first");
        runs.start(Optional.of(mine.id()), "detection", OptionalLong.empty()).succeeded("second");
        runs.start(Optional.of(other.id()), "detection", OptionalLong.empty()).succeeded("elsewhere");

        assertThat(runs.recent(mine.id(), Optional.empty(), 10))
                .extracting(r -> r.summary().orElseThrow())
                .containsExactly("second", "first");
        assertThat(runs.recent(mine.id(), Optional.of("import"), 10))
                .extracting(JobRun::jobType)
                .containsExactly("import");
        long foreignRun = runs.recent(other.id(), Optional.empty(), 1).get(0).id();
        assertThat(runs.byId(mine.id(), foreignRun)).isEmpty();
    }

    @Test
    void theApiShowsRunsOfTheCallersWorkspaceOnly() {
        Workspace foreign = foreignWorkspace();
        long foreignRun = runs.start(Optional.of(foreign.id()), "detection", OptionalLong.empty())
                .id();
        Http http = new Http(port);
        assertThat(http.get("/api/v1/jobs/" + foreignRun, Http.adminBasic()).status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/jobs?workspace=" + foreign.slug(), Http.adminBasic())
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/jobs", Http.adminBasic()).status()).isEqualTo(200);
    }

    private Workspace newWorkspace() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        return workspaces.create("Jobs " + UUID.randomUUID(), Optional.empty(), admin);
    }

    private Workspace foreignWorkspace() {
        long other = users.create("jobs-" + UUID.randomUUID() + "@test.beton", "some-password", false)
                .id();
        return workspaces.create("Foreign jobs " + UUID.randomUUID(), Optional.empty(), other);
    }
}
