package dev.zielmonitor.query.readmodel;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-model layer is the base the features build on, and the rebuild sits on top (issue 18): {@code readmodel/}
 * knows no feature and not the rebuild, and nothing outside {@code rebuild/} depends on it.
 */
class ReadModelLayerTest {

    private static final String READ_MODEL = "dev.zielmonitor.query.readmodel..";
    private static final String REBUILD = "dev.zielmonitor.query.rebuild..";

    /**
     * Imported once for all rules: the service's own classes, whose dependencies are checked by name, so the
     * classes of Spring and Axon they name need not be loaded (which takes the most time of an import).
     */
    private static final JavaClasses service = ArchConfiguration.withThreadLocalScope(configuration -> {
        configuration.setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zielmonitor.query");
    });

    @Test
    void theRulesHaveClassesToCheck() {
        assertThat(inPackage("dev.zielmonitor.query.readmodel")).isGreaterThan(5);
        assertThat(inPackage("dev.zielmonitor.query.rebuild")).isGreaterThan(5);
        assertThat(inPackage("dev.zielmonitor.query.reporting")).isPositive();
    }

    private long inPackage(String name) {
        return service.stream().filter(c -> c.getPackageName().equals(name)).count();
    }

    @Test
    void theReadModelLayerDependsOnNoFeatureAndNotOnTheRebuild() {
        classes().that().resideInAPackage(READ_MODEL).should().onlyDependOnClassesThat().resideInAnyPackage(
                READ_MODEL, "dev.zielmonitor.eventstore..", "java..", "javax..", "org.springframework..",
                "org.axonframework..", "org.postgresql..", "org.slf4j..").check(service);
    }

    @Test
    void noFeatureDependsOnTheRebuild() {
        noClasses().that().resideOutsideOfPackage(REBUILD).should().dependOnClassesThat().resideInAPackage(REBUILD)
                .check(service);
    }
}
