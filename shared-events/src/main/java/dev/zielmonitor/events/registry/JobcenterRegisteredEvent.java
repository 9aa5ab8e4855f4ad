package dev.zielmonitor.events.registry;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A Jobcenter became known to the platform. {@code comparisonType} is {@code null} when it is not known;
 * it is never guessed.
 */
@Revision("1")
public record JobcenterRegisteredEvent(
        JobcenterId jobcenterId,
        String name,
        String land,
        CarrierType carrierType,
        String comparisonType,
        LocalDate validFrom) {
}
