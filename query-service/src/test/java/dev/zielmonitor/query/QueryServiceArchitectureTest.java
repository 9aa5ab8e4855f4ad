package dev.zielmonitor.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service's architecture, kept by test (issue 18, style.md): features without package cycles; projections
 * and read-model components that know nothing of HTTP; answers that are views, not events of the write model's
 * serialisation; Axon's storage known only to the event-store module. The read-model layering itself
 * ({@code readmodel/} below the features, {@code rebuild/} on top) is {@code ReadModelLayerTest}. Each rule first
 * checks that it has classes to check, so that a renamed package cannot make it pass vacuously.
 */
class QueryServiceArchitectureTest {

    private static final String ROOT = "dev.zielmonitor.query";
    private static final List<String> FEATURES = List.of("agreement", "audit", "comparison", "indicators",
            "operations", "readmodel", "rebuild", "registry", "reporting", "updates");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyRuleHasClassesToCheck() {
        for (String feature : FEATURES) {
            assertThat(CLASSES.stream().filter(type -> type.getPackageName().startsWith(ROOT + "." + feature)))
                    .as("classes in %s", feature).isNotEmpty();
        }
        assertThat(CLASSES.stream().filter(type -> type.getSimpleName().endsWith("Projection")))
                .as("projections").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /** A projection writes a read model from events; how the answer reaches a browser is not its concern. */
    @Test
    void projectionsAndTheReadModelLayerDoNotDependOnTheWebLayer() {
        noClasses().that().haveSimpleNameEndingWith("Projection").or().resideInAPackage(ROOT + ".readmodel..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..", ROOT + ".web..")
                .check(CLASSES);
    }

    @Test
    void onlyTheEventStoreModuleKnowsAxonsJdbcStorage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.axonframework..jdbc..")
                .because("Axon's tables are the event-store module's implementation detail (read them through"
                        + " dev.zielmonitor.eventstore.EventLog)")
                .check(CLASSES);
    }

    /**
     * The domain names its own failures; the one problem+json mapping lives in web-support. The pass-through to the
     * command service is the exception: it forwards that service's problems as they are and answers 502 itself
     * when that service cannot be reached.
     */
    @Test
    void noFeatureWritesProblemResponsesOfItsOwn() {
        noClasses().that().doNotHaveSimpleName("CommandServiceProxy").should().dependOnClassesThat().haveSimpleName("ProblemDetail")
                .orShould().dependOnClassesThat().haveSimpleName("ResponseStatusException")
                .because("failures are dev.zielmonitor.events.failure types that web-support maps in one place")
                .check(CLASSES);
    }
}
