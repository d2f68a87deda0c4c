package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A value the CLI cannot read is answered with a sentence saying what to type, no exception name. */
class CliSentencesTest {

    @TempDir
    Path dataDir;

    @Test
    void detectWithANonsenseAsOfAnswersASentence() {
        CommandLine cli = BetonCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("detect", "--data-dir", dataDir.toString(), "--as-of", "nonsense");

        assertThat(exit).isNotZero();
        assertThat(err.toString())
                .contains("'nonsense' is not an instant")
                .contains("2026-12-01T06:00:00Z")
                .doesNotContain("Exception");
    }
}
