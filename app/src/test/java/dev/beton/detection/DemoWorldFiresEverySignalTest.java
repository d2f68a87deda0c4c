package dev.beton.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.events.demo.DemoWorldGenerator;
import dev.beton.events.demo.DemoWorldSpec;
import dev.beton.signals.SignalType;
import dev.beton.testsupport.OnEmbeddedStore;
import dev.beton.testsupport.TestStores;
import dev.beton.workspace.Users;
import dev.beton.workspace.Workspace;
import dev.beton.workspace.Workspaces;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Regression for issue 20: in {@code ./beton demo}'s default world (200 accounts, 180 days, seed
 * 42) three signal types never fired — the world's support events and plan properties were not
 * the default mapping's, and no trial was running "now". The first detection, as of now, must see
 * every type.
 */
@OnEmbeddedStore
class DemoWorldFiresEverySignalTest {

    @Autowired
    Workspaces workspaces;

    @Autowired
    Users users;

    @Autowired
    DemoWorldGenerator generator;

    @Autowired
    Detector detector;

    @Autowired
    SignalHistory history;

    @Autowired
    Clock clock;

    @Test
    void theDefaultDemoWorldFiresAllEightSignalTypesInItsFirstDetection() {
        long admin = users.byEmail(TestStores.ADMIN_EMAIL).orElseThrow().id();
        Workspace workspace = workspaces.create("Demo world " + UUID.randomUUID(), Optional.empty(), admin);
        generator.generate(workspace.id(), DemoWorldSpec.realistic(200, 180, 42), done -> {});

        DetectionRun run = detector.detect(workspace.id(), Detector.now(clock), Trigger.DEMO, DetectionProgress.NONE)
                .run();

        Map<SignalType, Long> fired =
                history.firedByType(workspace.id(), run.asOf().minusSeconds(1));
        assertThat(SignalType.builtIns().stream().filter(t -> fired.get(t) == 0))
                .as("signal types that did not fire: %s", fired)
                .isEmpty();
    }
}
