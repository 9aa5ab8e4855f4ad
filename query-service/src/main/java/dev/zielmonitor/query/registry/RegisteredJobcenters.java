package dev.zielmonitor.query.registry;

import dev.zielmonitor.events.failure.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The one place a read endpoint checks that the Jobcenter in its URL is well-formed (400) and registered (404). */
@Component
public class RegisteredJobcenters {

    private final JdbcClient jdbc;

    RegisteredJobcenters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the checked id */
    public String require(String jobcenterId) {
        String id = JobcenterIds.checked(jobcenterId);
        boolean known = jdbc.sql("SELECT count(*) FROM read_model.jobcenter WHERE jobcenter_id = ?").param(id)
                .query(Long.class).single() > 0;
        if (!known) {
            throw new NotFound("No Jobcenter " + id + " is registered");
        }
        return id;
    }
}
