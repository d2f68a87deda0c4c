package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every offline command finds its workspace the same way: slug first, then id, else a sentence. */
class CliWorkspaceTest {

    private final Workspace demo = new Workspace(7, "demo", "Demo", "phc_x", Instant.EPOCH);
    private final Workspaces workspaces = mock(Workspaces.class);

    CliWorkspaceTest() {
        when(workspaces.bySlug("demo")).thenReturn(Optional.of(demo));
        when(workspaces.bySlug("7")).thenReturn(Optional.empty());
        when(workspaces.bySlug("nope")).thenReturn(Optional.empty());
        when(workspaces.byId(7)).thenReturn(Optional.of(demo));
        when(workspaces.all()).thenReturn(List.of(demo));
    }

    @Test
    void findsBySlugThenById() {
        assertThat(CliWorkspace.find(workspaces, "demo")).contains(demo);
        assertThat(CliWorkspace.find(workspaces, "7")).contains(demo);
        assertThat(CliWorkspace.find(workspaces, "nope")).isEmpty();
    }

    @Test
    void leftOutItIsTheOnlyWorkspaceElseTheDemosElseTheDefault() {
        assertThat(CliWorkspace.findOrDefault(workspaces, null)).contains(demo);
        Workspace other = new Workspace(8, "default", "Default", "phc_y", Instant.EPOCH);
        when(workspaces.all()).thenReturn(List.of(demo, other));
        assertThat(CliWorkspace.findOrDefault(workspaces, null)).contains(demo);
        when(workspaces.bySlug("demo")).thenReturn(Optional.empty());
        when(workspaces.bySlug("default")).thenReturn(Optional.of(other));
        assertThat(CliWorkspace.findOrDefault(workspaces, null)).contains(other);
        assertThat(CliWorkspace.findOrDefault(workspaces, "7")).contains(demo);
    }

    @Test
    void anUnknownWorkspaceIsASentenceListingTheSlugs() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(CliWorkspace.findOrSay(workspaces, "nope")).isEmpty();
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("There is no workspace 'nope'. Workspaces: [demo].\n");
    }
}
