package dev.zielmonitor.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A Jobcenter became known to the platform. {@code comparisonType} is {@code null} when it is not known;
 * it is never guessed.
 *
 * <p>Revision 2: the federal state as its ISO 3166-2 code ({@code "state": "DE-NW"}) instead of revision 1's two
 * letters ({@code "land": "NW"}), so that the registry can be exchanged without a lookup table of German state
 * abbreviations. Stored revision-1 events are upcast on reading (event-store module,
 * {@code JobcenterRegisteredEventUpcaster}; docs/adr/0006-event-versioning.md).
 *
 * @param state ISO 3166-2 code of the federal state, e.g. {@code DE-NW}
 */
@Revision("2")
public record JobcenterRegisteredEvent(
        JobcenterId jobcenterId,
        String name,
        String state,
        CarrierType carrierType,
        String comparisonType,
        LocalDate validFrom) {

    private static final String GERMANY = "DE-";

    /** The ISO 3166-2 code of a German federal state given by its two letters: {@code NW} → {@code DE-NW}. */
    public static String stateOf(String land) {
        return GERMANY + land;
    }

    /** The state's two letters ({@code DE-NW} → {@code NW}), as the read models and the APIs show it. */
    @JsonIgnore
    public String land() {
        return state.startsWith(GERMANY) ? state.substring(GERMANY.length()) : state;
    }
}
