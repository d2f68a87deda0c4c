package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The Attio emulator prints {@code --beton.attio.base-url=…} for {@code ./beton demo}: it must be taken as printed. */
class ServerSettingsArgumentsTest {

    @Test
    void aBetonSettingGoesToSpring() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--port", "9090", "--beton.attio.base-url=http://127.0.0.1:4010");

        assertThat(demo.springArguments())
                .contains("--server.port=9090", "--beton.attio.base-url=http://127.0.0.1:4010", "--beton.demo=true");
    }

    @Test
    void anythingElseIsATypo() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--prot=9090");

        assertThatThrownBy(serve::springArguments)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--beton.<name>=<value>");
    }
}
