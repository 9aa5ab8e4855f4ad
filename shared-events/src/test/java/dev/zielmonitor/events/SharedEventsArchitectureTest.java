package dev.zielmonitor.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** Events and value types cross the service boundary; they must not drag a framework along (style.md). Axon's @Revision and Jackson's annotations are the only foreign types. */
class SharedEventsArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.zielmonitor.events");

    @Test
    void theRuleHasClassesToCheck() {
        assertThat(classes).isNotEmpty();
    }

    @Test
    void dependsOnNoFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.axonframework.eventsourcing..", "org.axonframework.modelling..", "org.axonframework.spring..")
                .check(classes);
    }
}
