package dev.zielmonitor.command.registry;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

record RegisterJobcenterCommand(
        @TargetAggregateIdentifier JobcenterId jobcenterId,
        String name,
        String land,
        CarrierType carrierType,
        String comparisonType,
        LocalDate validFrom) {
}
