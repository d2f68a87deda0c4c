package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.workspace.credentials.SealingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import picocli.CommandLine;

@ExtendWith(OutputCaptureExtension.class)
class ConnectionCommandsTest {

    @Test
    void keygenPrintsOnlyAUsableKeyOnStdout(CapturedOutput output) {
        int exit = new CommandLine(new BetonCli()).execute("keygen");

        assertThat(exit).isZero();
        String key = output.getOut().strip();
        assertThat(SealingKey.parse(key)).isPresent();
        assertThat(output.getErr()).contains("BETON_ENCRYPTION_KEY");
    }
}
