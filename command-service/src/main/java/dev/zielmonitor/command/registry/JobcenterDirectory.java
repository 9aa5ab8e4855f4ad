package dev.zielmonitor.command.registry;

import dev.zielmonitor.events.common.JobcenterId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a Jobcenter is registered, answered from the event store itself (its registry aggregate has events),
 * so it is never behind a registration. Registered ids are remembered: a Jobcenter is never unregistered.
 */
@Component
public class JobcenterDirectory {

    private final EventStore eventStore;
    private final Set<JobcenterId> registered = ConcurrentHashMap.newKeySet();

    JobcenterDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public boolean isRegistered(JobcenterId id) {
        if (registered.contains(id)) {
            return true;
        }
        if (eventStore.lastSequenceNumberFor(id.value()).isPresent()) {
            registered.add(id);
            return true;
        }
        return false;
    }
}
