package dev.zielmonitor.command;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command service's architecture, kept by test (style.md): features without package cycles, a domain that
 * knows nothing of HTTP (its failures are the domain's own, {@code dev.zielmonitor.events.failure}, which
 * web-support maps), and Axon's storage known only to the event-store module. Each rule first checks that it has
 * classes to check, so that a renamed package cannot make it pass vacuously.
 */
class CommandServiceArchitectureTest {

    private static final String ROOT = "dev.zielmonitor.command";
    private static final List<String> DOMAIN = List.of(ROOT + ".agreement", ROOT + ".reporting", ROOT + ".registry");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** The REST edge of a feature (a controller and the request records nested in it), which may speak HTTP. */
    private static final DescribedPredicate<JavaClass> REST_EDGE = DescribedPredicate.describe("a REST controller",
            type -> isController(type) || type.getEnclosingClass().map(CommandServiceArchitectureTest::isController)
                    .orElse(false));

    private static boolean isController(JavaClass type) {
        return type.isAnnotatedWith(RestController.class);
    }

    @Test
    void everyRuleHasClassesToCheck() {
        assertThat(CLASSES).isNotEmpty();
        for (String feature : DOMAIN) {
            assertThat(CLASSES.stream().filter(type -> type.getPackageName().equals(feature))
                    .filter(REST_EDGE.negate()::test)).as("domain classes in %s", feature).isNotEmpty();
        }
        assertThat(CLASSES.stream().filter(type -> type.getPackageName().startsWith(ROOT + ".ingest.")))
                .as("the ingest sub-packages whose cycle was broken").isNotEmpty();
    }

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Finer than the features: e.g. ingest.kafka and ingest.deadletter (Parking, owned by ingest, stands between). */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theDomainDoesNotDependOnTheWebLayer() {
        noClasses().that().resideInAnyPackage(DOMAIN.stream().map(p -> p + "..").toArray(String[]::new))
                .and(DescribedPredicate.not(REST_EDGE))
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".web..", "dev.zielmonitor.web..",
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEventStoreModuleKnowsAxonsJdbcStorage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.axonframework..jdbc..")
                .because("Axon's tables are the event-store module's implementation detail")
                .check(CLASSES);
    }
}
