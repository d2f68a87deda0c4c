package dev.beton.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntegrationHealthTest {

    @ParameterizedTest(name = "ok={0} degraded={1} failed={2} unchecked={3} -> {4}")
    @CsvSource({
        "0, 0, 0, 0, UP",
        "2, 0, 0, 1, UP",
        "1, 1, 0, 0, DEGRADED",
        "1, 0, 1, 0, DEGRADED",
        "0, 1, 1, 0, DEGRADED",
        "0, 0, 2, 0, FAILING",
        "0, 0, 1, 3, FAILING"
    })
    void stateOfTheActiveConnectionsDecidesTheStatus(
            long ok, long degraded, long failed, long unchecked, String status) {
        var health = IntegrationHealth.health(Map.of(
                ValidationState.OK, ok,
                ValidationState.DEGRADED, degraded,
                ValidationState.FAILED, failed,
                ValidationState.UNCHECKED, unchecked));

        assertThat(health.getStatus().getCode()).isEqualTo(status);
        assertThat(health.getDetails()).containsKey("reason").containsEntry("failed", failed);
    }
}
