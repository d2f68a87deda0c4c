package dev.beton.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The emulators start fast and stay small facades: no Spring, internals package-private. */
class EmulatorArchitectureTest {

    private static final JavaClasses EMULATORS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.beton.emulator");

    @Test
    void emulatorsDoNotUseSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(EMULATORS);
    }

    @Test
    void postHogShowsOnlyItsFacadeAndConfiguration() {
        classes()
                .that()
                .resideInAPackage("dev.beton.emulator.posthog")
                .and()
                .areTopLevelClasses()
                .and()
                .haveModifier(JavaModifier.PUBLIC)
                .should()
                .haveSimpleNameStartingWith("PostHog")
                .orShould()
                .haveSimpleName("PersonalApiKey")
                .orShould()
                .haveSimpleName("RateLimit")
                .orShould()
                .haveSimpleNameStartingWith("Captured")
                .check(EMULATORS);
    }

    @Test
    void attioShowsOnlyItsFacadeAndConfiguration() {
        classes()
                .that()
                .resideInAPackage("dev.beton.emulator.attio")
                .and()
                .areTopLevelClasses()
                .and()
                .haveModifier(JavaModifier.PUBLIC)
                .should()
                .haveSimpleNameStartingWith("Attio")
                .orShould()
                .haveSimpleName("CustomAttribute")
                .check(EMULATORS);
    }

    @Test
    void emulatorsDoNotReadTheSystemClock() {
        noClasses()
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.Clock.class, "systemDefaultZone")
                .check(EMULATORS);
    }
}
