package dev.zielmonitor.query.registry;

import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.failure.InvalidInput;

/** Checks a jobcenter id taken from a URL before it goes near a query. */
public final class JobcenterIds {

    private JobcenterIds() {
    }

    public static String checked(String jobcenterId) {
        try {
            return JobcenterId.of(jobcenterId).value();
        } catch (IllegalArgumentException e) {
            throw InvalidInput.parameter("jobcenterId", e.getMessage());
        }
    }
}
