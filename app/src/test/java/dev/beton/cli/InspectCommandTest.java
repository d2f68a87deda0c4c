package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.BetonProcess;
import dev.beton.events.TestDataDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./beton inspect} as a user runs it, in its own process against a stopped Beton's data
 * directory: a rule by name with a CSV file, and a sentence (not a stack trace) when it cannot run.
 */
class InspectCommandTest {

    @Test
    void runsAnExampleRuleByNameWritesItsCsvAndExplainsWhatItCannotRun() throws Exception {
        Path dataDir = TestDataDirs.fresh("inspect-cli").toAbsolutePath();
        Process beton =
                BetonProcess.serve(dataDir, BetonProcess.freePort(), dataDir.resolveSibling("inspect-cli-serve.log"));
        beton.destroy();
        beton.waitFor();
        Path csv = dataDir.resolveSibling("inspect-cli-findings.csv");
        String dir = dataDir.toString();

        BetonProcess.Finished user = BetonProcess.run(List.of(
                "inspect",
                "pql - high intent trial users",
                "--workspace",
                "default",
                "--csv",
                csv.toString(),
                "--data-dir",
                dir));

        assertThat(user.exitCode()).as(user.output()).isZero();
        assertThat(user.output())
                .contains("\"PQL - High Intent Trial Users\" (version 1, user level) in default")
                .contains("on the embedded store: 0 findings.");
        assertThat(Files.readString(csv))
                .startsWith("Score,User ID,Email,Name,Event count,Distinct events,Active days,Days since last event,"
                        + "Last seen");

        // No events yet, so no company group type: an account-level rule cannot run, and says why.
        BetonProcess.Finished account =
                BetonProcess.run(List.of("inspect", "PQA - Active Accounts with Multiple Users", "--data-dir", dir));
        assertThat(account.exitCode()).as(account.output()).isEqualTo(2);
        assertThat(account.output())
                .contains("has no \"company\" group type yet")
                .doesNotContain("Exception");
    }
}
