package dev.zielmonitor.query.registry;

import jakarta.validation.constraints.Size;
import dev.zielmonitor.web.SingleLine;
import dev.zielmonitor.events.failure.NotFound;
import dev.zielmonitor.events.failure.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

@RestController
@RequestMapping("/api/jobcenters")
class JobcenterQueryController {

    private static final String SELECT = """
            SELECT jobcenter_id, name, land, carrier_type, comparison_type, valid_from
            FROM read_model.jobcenter
            """;

    private final JdbcClient jdbc;

    JobcenterQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** All registered Jobcenters, by district key; optionally of one Land only. */
    @GetMapping
    List<JobcenterView> list(@RequestParam(required = false) @Size(max = 10) @SingleLine String land) {
        if (land == null) {
            return jdbc.sql(SELECT + " ORDER BY jobcenter_id").query(JobcenterView.class).list();
        }
        if (!land.matches("[A-Z]{2}")) {
            // as the overview answers: a 400 rather than a value PostgreSQL refuses (a NUL is a 500 there)
            throw InvalidInput.parameter("land", "must be a Land's two-letter code, e.g. NW");
        }
        return jdbc.sql(SELECT + " WHERE land = ? ORDER BY jobcenter_id").param(land)
                .query(JobcenterView.class).list();
    }

    @GetMapping("/{jobcenterId}")
    JobcenterView one(@PathVariable String jobcenterId) {
        return jdbc.sql(SELECT + " WHERE jobcenter_id = ?").param(JobcenterIds.checked(jobcenterId))
                .query(JobcenterView.class).optional()
                .orElseThrow(() -> new NotFound("No Jobcenter " + jobcenterId + " is registered"));
    }

    record JobcenterView(String jobcenterId, String name, String land, String carrierType, String comparisonType,
                         LocalDate validFrom) {
    }
}
