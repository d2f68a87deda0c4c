package dev.beton.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Each architecture rule fails on a class that breaks it (the rules bite; they are not empty). */
class ArchitectureRulesTest {

    private static final String ROOT = "dev.beton.architecture.violations";

    private static final JavaClasses VIOLATIONS = new ClassFileImporter().importPackages(ROOT);

    @Test
    void aCycleBetweenFeaturesFails() {
        assertThatThrownBy(() -> ArchitectureRules.noCyclesBetweenFeatures(ROOT).check(VIOLATIONS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void springInTheSignalsDomainFails() {
        assertThatThrownBy(() -> ArchitectureRules.domainIsPlainJava(ROOT).check(VIOLATIONS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SpringyScorer");
    }

    @Test
    void aPublicControllerFails() {
        assertThatThrownBy(
                        () -> ArchitectureRules.controllersArePackagePrivate().check(VIOLATIONS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PublicController");
    }

    @Test
    void anEmulatorImportFromTheApplicationFails() {
        assertThatThrownBy(
                        () -> ArchitectureRules.noEmulatorInTheApplication(ROOT).check(VIOLATIONS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("UsesTheEmulator");
    }

    @Test
    void theWebKernelImportingAFeatureFails() {
        assertThatThrownBy(() -> ArchitectureRules.webIsALeaf(ROOT).check(VIOLATIONS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("NavThatKnowsAFeature");
    }
}
