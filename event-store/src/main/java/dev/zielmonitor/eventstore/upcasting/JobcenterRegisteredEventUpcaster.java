package dev.zielmonitor.eventstore.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link JobcenterRegisteredEvent} revision 1 → 2: {@code "land": "NW"} becomes {@code "state": "DE-NW"}; every
 * other field stays as stored. Runs on every read of the store (aggregates, projections, rebuilds, audit), so a
 * revision-1 event is never seen by current code. docs/adr/0006-event-versioning.md.
 */
public final class JobcenterRegisteredEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(JobcenterRegisteredEvent.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(JobcenterRegisteredEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, JobcenterRegisteredEventUpcaster::upcast);
    }

    /** The payload's change, on its own so that it can be tested against the golden fixtures. */
    public static JsonNode upcast(JsonNode revision1) {
        ObjectNode payload = revision1.deepCopy();
        JsonNode land = payload.remove("land");
        payload.put("state", land == null || land.isNull() ? null : JobcenterRegisteredEvent.stateOf(land.asText()));
        return payload;
    }
}
