package dev.zielmonitor.command.registry;

import dev.zielmonitor.events.failure.Conflict;
import dev.zielmonitor.events.common.JobcenterId;

/** A different registration exists for this id; a business fact, answered with 409. */
class JobcenterAlreadyRegisteredException extends Conflict {

    JobcenterAlreadyRegisteredException(JobcenterId id) {
        super("Jobcenter " + id + " is already registered with other data");
    }
}
