package dev.zielmonitor.command.registry;

import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Jobcenter in the registry. Registering is idempotent: the same registration again changes nothing, a
 * different one for a registered id is refused (changes to a registered Jobcenter will be their own commands).
 */
@Aggregate
class Jobcenter {

    @AggregateIdentifier
    private JobcenterId jobcenterId;
    private JobcenterRegisteredEvent registration;

    Jobcenter() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RegistrationOutcome handle(RegisterJobcenterCommand command) {
        JobcenterRegisteredEvent wanted = new JobcenterRegisteredEvent(command.jobcenterId(), command.name(),
                JobcenterRegisteredEvent.stateOf(command.land()), command.carrierType(), command.comparisonType(),
                command.validFrom());
        if (registration == null) {
            apply(wanted);
            return RegistrationOutcome.REGISTERED;
        }
        if (Objects.equals(registration, wanted)) {
            return RegistrationOutcome.ALREADY_REGISTERED;
        }
        throw new JobcenterAlreadyRegisteredException(command.jobcenterId());
    }

    @EventSourcingHandler
    void on(JobcenterRegisteredEvent event) {
        this.jobcenterId = event.jobcenterId();
        this.registration = event;
    }

    enum RegistrationOutcome { REGISTERED, ALREADY_REGISTERED }
}
