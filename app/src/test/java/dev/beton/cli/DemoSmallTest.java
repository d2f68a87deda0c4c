package dev.beton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./beton demo --small}: seed 003's compact mock mode (issue 17 §5). */
class DemoSmallTest {

    @Test
    void smallIsTheSeedPresetOverSixtyDays() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--small");

        assertThat(demo.springArguments())
                .contains("--beton.demo-world.preset=seed", "--beton.demo-world.days=60")
                .noneMatch(a -> a.startsWith("--beton.demo-world.accounts"));
    }

    @Test
    void smallKeepsAChosenSpanAndSeed() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--small", "--days", "30", "--seed", "7");

        assertThat(demo.springArguments())
                .contains("--beton.demo-world.days=30", "--beton.demo-world.seed=7", "--beton.demo-world.preset=seed");
    }

    @Test
    void smallWithAnotherSizeIsRefusedInASentence() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--small", "--accounts", "500");

        assertThatThrownBy(demo::springArguments)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--small is the seed preset's 15 accounts");
    }
}
