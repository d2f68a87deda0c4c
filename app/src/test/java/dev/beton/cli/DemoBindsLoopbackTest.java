package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 11, must fix 10: {@code ./beton demo}, which prints its admin password, listened on every
 * interface. It binds 127.0.0.1 unless {@code --host} says otherwise.
 */
class DemoBindsLoopbackTest {

    @Test
    void theDemoListensOnLoopbackByDefault() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--port", "0");

        assertThat(demo.springArguments()).contains("--server.address=127.0.0.1");
    }

    @Test
    void hostChoosesTheAddress() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--host", "0.0.0.0");

        assertThat(demo.springArguments())
                .contains("--server.address=0.0.0.0")
                .doesNotContain("--server.address=127.0.0.1");
    }

    @Test
    void serveKeepsEveryInterfaceUnlessAsked() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--host", "10.0.0.5");

        assertThat(serve.springArguments()).contains("--server.address=10.0.0.5");
    }
}
