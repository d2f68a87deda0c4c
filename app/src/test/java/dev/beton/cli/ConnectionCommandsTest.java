package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.workspace.credentials.SealingKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConnectionCommandsTest {

    @Test
    void keygenPrintsOnlyAUsableKeyOnStdout() {
        // The command's own writers, not the JVM's System.out: a capture of that also took the log
        // lines of other tests' background tasks still running in this JVM (a flake in CI).
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BetonCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("keygen");

        assertThat(exit).isZero();
        assertThat(SealingKey.parse(out.toString().strip())).isPresent();
        assertThat(err.toString()).contains("BETON_ENCRYPTION_KEY");
    }
}
