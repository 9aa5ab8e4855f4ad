package dev.zielmonitor.indicators;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The indicator arithmetic is plain Java (architecture.md): no Spring, no Axon, no Jackson, no JDBC. */
class IndicatorsArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.zielmonitor.indicators");

    @Test
    void theRuleHasClassesToCheck() {
        assertThat(classes).isNotEmpty();
    }

    @Test
    void dependsOnNoFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..", "com.fasterxml.jackson..", "tools.jackson..", "java.sql..", "javax.sql..")
                .check(classes);
    }
}
