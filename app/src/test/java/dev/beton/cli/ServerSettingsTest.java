package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code ./beton demo --beton.attio.base-url=…} works as {@code ./beton emulate} prints it. */
class ServerSettingsTest {

    @Test
    void aBetonSettingIsPassedToTheApplication() {
        DemoCommand demo = parse("demo", "--port", "9090", "--beton.attio.base-url=http://127.0.0.1:8001");

        assertThat(demo.arguments())
                .contains("--server.port=9090", "--beton.demo=true", "--beton.attio.base-url=http://127.0.0.1:8001");
    }

    @Test
    void anythingElseIsRefusedWithASentence() {
        DemoCommand demo = parse("demo", "--prot", "9090");

        assertThatThrownBy(demo::arguments)
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("Unknown option: '--prot'")
                .hasMessageContaining("--beton.<setting>=<value>");
    }

    private static DemoCommand parse(String... args) {
        CommandLine cli = new CommandLine(new BetonCli());
        CommandLine.ParseResult result = cli.parseArgs(args);
        return (DemoCommand) result.subcommand().commandSpec().userObject();
    }
}
