package dev.beton.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.beton.BetonApplication;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/ARCHITECTURE.md, checked on Beton's main classes. The rules themselves are in
 * {@link ArchitectureRules}; {@code ArchitectureRulesTest} shows each one failing on a violation.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.beton";

    /** Exactly what the application jar is built from: this module's main classes, nothing on the class path. */
    static final JavaClasses BETON = new ClassFileImporter().importPath(mainClasses());

    private static Path mainClasses() {
        try {
            return Path.of(BetonApplication.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        ArchitectureRules.noCyclesBetweenFeatures(ROOT).check(BETON);
    }

    @Test
    void domainPackagesArePlainJava() {
        ArchitectureRules.domainIsPlainJava(ROOT).check(BETON);
    }

    @Test
    void everyFeatureIsCoveredByTheRules() {
        // A rule on an empty set fails (ArchUnit's default, never switched off here), so a
        // domain package that is renamed or removed breaks the domain rule instead of passing it.
        assertThat(BETON.containPackage("dev.beton.query")).isTrue();
        assertThat(BETON.containPackage("dev.beton.signals")).isTrue();
        assertThat(BETON.containPackage("dev.beton.web")).isTrue();
    }

    @Test
    void controllersAndPagesArePackagePrivate() {
        ArchitectureRules.controllersArePackagePrivate().check(BETON);
    }

    @Test
    void nothingDependsOnTheEmulators() {
        ArchitectureRules.noEmulatorInTheApplication(ROOT).check(BETON);
    }

    @Test
    void webIsALeafKernel() {
        ArchitectureRules.webIsALeaf(ROOT).check(BETON);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        ArchitectureRules.onlyTheCliUsesPicocli().check(BETON);
    }

    @Test
    void controllersDoNotTouchJdbcDirectly() {
        ArchitectureRules.controllersDoNotTouchJdbc().check(BETON);
    }

    @Test
    void workspaceInternalsStayInside() {
        ArchitectureRules.workspaceInternalsStayInside().check(BETON);
    }
}
