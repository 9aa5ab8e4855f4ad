package dev.zielmonitor.command.registry;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

class JobcenterTest {

    private static final JobcenterId SOLINGEN = JobcenterId.of("05122");
    private static final JobcenterRegisteredEvent REGISTERED = new JobcenterRegisteredEvent(SOLINGEN,
            "Jobcenter Solingen", "DE-NW", CarrierType.ZKT, null, LocalDate.of(2012, 1, 1));

    private AggregateTestFixture<Jobcenter> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Jobcenter.class);
    }

    @Test
    void registersANewJobcenter() {
        fixture.givenNoPriorActivity()
                .when(new RegisterJobcenterCommand(SOLINGEN, "Jobcenter Solingen", "NW", CarrierType.ZKT, null,
                        LocalDate.of(2012, 1, 1)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED)
                .expectResultMessagePayload(Jobcenter.RegistrationOutcome.REGISTERED);
    }

    @Test
    void registeringTheSameJobcenterAgainChangesNothing() {
        fixture.given(REGISTERED)
                .when(new RegisterJobcenterCommand(SOLINGEN, "Jobcenter Solingen", "NW", CarrierType.ZKT, null,
                        LocalDate.of(2012, 1, 1)))
                .expectNoEvents()
                .expectResultMessagePayload(Jobcenter.RegistrationOutcome.ALREADY_REGISTERED);
    }

    @Test
    void cannotRegisterARegisteredIdWithOtherData() {
        fixture.given(REGISTERED)
                .when(new RegisterJobcenterCommand(SOLINGEN, "Jobcenter Solingen", "NW", CarrierType.GE, null,
                        LocalDate.of(2012, 1, 1)))
                .expectNoEvents()
                .expectException(JobcenterAlreadyRegisteredException.class)
                .expectExceptionMessage("Jobcenter 05122 is already registered with other data");
    }
}
