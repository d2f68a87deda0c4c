package dev.beton.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import dev.beton.web.Page;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The layering rules of docs/ARCHITECTURE.md as ArchUnit rules. None of them may pass on an empty
 * set of classes (ArchUnit's default): a rule naming a package that does not exist fails.
 */
final class ArchitectureRules {

    /** Feature packages holding pure domain logic: no framework, no database, no HTTP. */
    static final String[] DOMAIN = {"query", "signals"};

    private ArchitectureRules() {}

    // The rules take the root package so that ArchitectureRulesTest can show each one failing on
    // a small set of violating classes under a root of its own.

    static ArchRule noCyclesBetweenFeatures(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule domainIsPlainJava(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(Arrays.stream(DOMAIN)
                        .map(feature -> root + "." + feature + "..")
                        .toArray(String[]::new))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "jakarta.servlet..", "java.sql..", "java.net.http..", "javax.sql..");
    }

    static ArchRule controllersArePackagePrivate() {
        return classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(Controller.class)
                .or()
                .areAnnotatedWith(Page.class)
                .should()
                .notBePublic()
                .because("routes are reached through Spring, never by another feature's code");
    }

    static ArchRule noEmulatorInTheApplication(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.beton.emulator..", "dev.beton.contract..")
                .orShould()
                .resideInAnyPackage("dev.beton.emulator..", "dev.beton.contract..")
                .because("the emulators are a test-scoped module; the application jar ships none of them");
    }

    static ArchRule webIsALeaf(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".web..")
                .should()
                .dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAPackage(root + ".web.."))))
                .because("the web kernel (layout, navigation, problem details) is imported by features, never the"
                        + " other way round");
    }

    static ArchRule onlyTheCliUsesPicocli() {
        return noClasses()
                .that()
                .resideOutsideOfPackages("dev.beton.cli..", "dev.beton")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..");
    }

    static ArchRule controllersDoNotTouchJdbc() {
        return noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.springframework.jdbc..");
    }

    static ArchRule workspaceInternalsStayInside() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("dev.beton.workspace..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameStartingWith("BetonUserDetails")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameStartingWith("ApiTokenAuthentication");
    }
}
