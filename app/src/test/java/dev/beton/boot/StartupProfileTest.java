package dev.beton.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.core.metrics.StartupStep;

class StartupProfileTest {

    @Test
    void eachStepIsChargedItsOwnTimeAndTheKindsAreTotalled() throws InterruptedException {
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100);
        StartupStep refresh = startup.start("spring.context.refresh");
        StartupStep bean = startup.start("spring.beans.instantiate").tag("beanName", "flywayInitializer");
        Thread.sleep(60);
        bean.end();
        Thread.sleep(20);
        refresh.end();

        List<String> table = StartupProfile.table(startup.getBufferedTimeline().getEvents(), Duration.ofMillis(100));

        assertThat(table.getFirst())
                .startsWith("Start-up profile: 2 steps,")
                .endsWith("100 ms from main to ready (wall)");
        String flyway = table.stream()
                .filter(line -> line.contains("beanName=flywayInitializer"))
                .findFirst()
                .orElseThrow();
        String refreshLine = table.stream()
                .filter(line -> line.trim().matches("\\d+\\s+\\d+\\s+spring\\.context\\.refresh\\s*"))
                .findFirst()
                .orElseThrow();
        long flywayOwn = Long.parseLong(flyway.trim().split("\\s+")[0]);
        long refreshOwn = Long.parseLong(refreshLine.trim().split("\\s+")[0]);
        long refreshTotal = Long.parseLong(refreshLine.trim().split("\\s+")[1]);
        assertThat(flywayOwn).isGreaterThanOrEqualTo(60);
        assertThat(refreshTotal).isGreaterThanOrEqualTo(80);
        assertThat(refreshOwn).isLessThan(refreshTotal - 50); // the bean's time is not counted twice
        assertThat(table).anyMatch(line -> line.trim().endsWith("spring.beans.instantiate"));
    }
}
