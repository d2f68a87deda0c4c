package dev.beton.events.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.BetonProcess;
import dev.beton.events.TestDataDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./beton import} end to end, as separate processes: refused while Beton runs, then done. */
class ImportCommandTest {

    @Test
    void refusesWhileBetonRunsAndImportsOnceItIsStopped() throws Exception {
        Path dataDir = TestDataDirs.fresh("import-cli").toAbsolutePath();
        Path file = Files.writeString(dataDir.resolveSibling("import-cli.jsonl"), """
                {"event":"imported","distinct_id":"cli-user","timestamp":"2026-02-01T10:00:00Z"}
                {"event":"","distinct_id":"cli-user"}
                {"event":"imported","distinct_id":"cli-user","timestamp":"2026-02-01T11:00:00Z"}
                """);
        List<String> command =
                List.of("import", "--workspace", "default", "--data-dir", dataDir.toString(), file.toString());
        int port = BetonProcess.freePort();
        Process beton = BetonProcess.serve(dataDir, port, dataDir.resolveSibling("import-cli-serve.log"));
        try {
            BetonProcess.Finished refused = BetonProcess.run(command);
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.output()).contains("Beton is running on").contains("/events/import");
        } finally {
            beton.destroy();
            beton.waitFor();
        }

        BetonProcess.Finished imported = BetonProcess.run(command);

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.output())
                .contains("import-cli.jsonl:2: event submitted with an empty event name")
                .contains("3 read, 2 stored, 0 duplicates, 1 rejected");
    }
}
