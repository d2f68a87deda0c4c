package dev.beton.signals;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The query model and the signal core are plain Java: no Spring, no HTTP, no JDBC, no clock of their own. */
class DomainPurityTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.beton.query", "dev.beton.signals");

    @Test
    void dependsOnNeitherSpringNorHttpNorJdbc() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "java.net.http..", "java.sql..", "javax.sql..", "org.duckdb..")
                .check(DOMAIN);
    }

    @Test
    void takesTimeAsAParameter() {
        noClasses()
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.Clock.class, "systemUTC")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .check(DOMAIN);
    }

    @Test
    void querySideDoesNotKnowAboutSignals() {
        noClasses()
                .that()
                .resideInAPackage("dev.beton.query")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.beton.signals")
                .check(DOMAIN);
    }
}
