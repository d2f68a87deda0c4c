package dev.beton.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatedFirmographicsTest {

    @Test
    void theSameAccountAlwaysGetsTheSameValues() {
        assertThat(SimulatedFirmographics.of("acme.com")).isEqualTo(SimulatedFirmographics.of("acme.com"));
    }

    @Test
    void valuesComeFromTheListsAndAreLabelledSimulated() {
        Firmographics f = SimulatedFirmographics.of("globex.io");
        assertThat(f.simulated()).isTrue();
        assertThat(f.source().label()).isEqualTo("simulated");
        assertThat(SimulatedFirmographics.INDUSTRIES).contains(f.industry().orElseThrow());
        assertThat(SimulatedFirmographics.EMPLOYEE_RANGES)
                .contains(f.employeeRange().orElseThrow());
        assertThat(SimulatedFirmographics.LOCATIONS).contains(f.location().orElseThrow());
        assertThat(SimulatedFirmographics.OWNERS).contains(f.owner().orElseThrow());
        assertThat(f.arrUsd().orElseThrow()).isPositive().isEqualTo(f.arrUsd().orElseThrow() / 1000 * 1000);
    }

    @Test
    void differentAccountsGetDifferentCompanies() {
        long distinct = java.util.stream.IntStream.range(0, 15)
                .mapToObj(i -> SimulatedFirmographics.of("account-" + i))
                .map(f -> f.industry().orElseThrow() + f.employeeRange().orElseThrow())
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(5);
    }
}
