package dev.beton.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the layout honest: domain packages stay plain Java, and features talk to each other only
 * through their public types (package-private internals are enforced by the compiler; these rules
 * cover what it cannot see).
 */
@AnalyzeClasses(packages = "dev.beton", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Packages holding pure domain logic: no framework, no database, no HTTP. */
    static final String[] DOMAIN = {"dev.beton.query..", "dev.beton.signals..", "dev.beton.backtest.metrics.."};

    @ArchTest
    static final ArchRule domainHasNoSpring = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "java.sql..", "java.net.http..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule emulatorsDoNotDependOnBeton = noClasses()
            .that()
            .resideInAPackage("dev.beton.emulator..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.beton.workspace..", "dev.beton.events..", "dev.beton.signals..", "dev.beton.web..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyTheCliStartsTheApplicationFromTheCommandLine = noClasses()
            .that()
            .resideOutsideOfPackages("dev.beton.cli..", "dev.beton")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("picocli..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule controllersDoNotTouchJdbcDirectly = noClasses()
            .that()
            .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "org.springframework.jdbc..");

    @ArchTest
    static final ArchRule workspaceInternalsStayInside = noClasses()
            .that()
            .resideOutsideOfPackage("dev.beton.workspace..")
            .should()
            .dependOnClassesThat()
            .haveSimpleNameStartingWith("BetonUserDetails")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameStartingWith("ApiTokenAuthentication");
}
