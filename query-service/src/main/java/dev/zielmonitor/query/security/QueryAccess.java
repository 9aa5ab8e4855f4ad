package dev.zielmonitor.query.security;

import dev.zielmonitor.access.AccessConfiguration;
import dev.zielmonitor.access.AccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static dev.zielmonitor.access.JobcenterAccess.ALL;
import static dev.zielmonitor.access.JobcenterAccess.ANONYMISED;
import static dev.zielmonitor.access.JobcenterAccess.NONE;
import static dev.zielmonitor.access.JobcenterAccess.OWN;
import static dev.zielmonitor.access.JobcenterAccess.OWN_ROWS;
import static dev.zielmonitor.access.Role.ADMIN;
import static dev.zielmonitor.access.Role.AUDITOR;
import static dev.zielmonitor.access.Role.MINISTRY;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * The query service's access policy: the ministry and auditors read every Jobcenter, a Jobcenter user its own (the
 * registry and anonymised comparisons aside), the audit trail is the auditors', rebuilds are operations'.
 */
@Configuration(proxyBeanMethods = false)
@Import(AccessConfiguration.class)
public class QueryAccess {

    @Bean
    AccessPolicy accessPolicy() {
        return AccessPolicy.builder()
                .allow(GET, "/api/jobcenters", ALL, MINISTRY, AUDITOR, ADMIN)
                // the regulation's catalogue: names and directions, no Jobcenter's data
                .allow(GET, "/api/indicators", ALL, MINISTRY, AUDITOR, ADMIN)
                .allow(GET, "/api/jobcenters/{jobcenterId}", OWN, MINISTRY, AUDITOR, ADMIN)
                .allow(GET, "/api/jobcenters/{jobcenterId}/figures", OWN, MINISTRY, AUDITOR)
                .allow(GET, "/api/jobcenters/{jobcenterId}/figures.csv", OWN, MINISTRY, AUDITOR)
                .allow(GET, "/api/jobcenters/{jobcenterId}/indicators/{code}", OWN, MINISTRY, AUDITOR)
                .allow(GET, "/api/jobcenters/{jobcenterId}/indicators/{code}/genders", OWN, MINISTRY, AUDITOR)
                .allow(GET, "/api/jobcenters/{jobcenterId}/indicators/{code}/changes", OWN, MINISTRY, AUDITOR)
                .allow(GET, "/api/jobcenters/{jobcenterId}/indicators/{code}/{month}/provenance", OWN, MINISTRY,
                        AUDITOR)
                .allow(GET, "/api/agreements", OWN_ROWS, MINISTRY, AUDITOR)
                .allow(GET, "/api/agreements/{agreementId}", OWN, MINISTRY, AUDITOR)
                .allow(GET, "/api/agreements/{agreementId}/progress", OWN, MINISTRY, AUDITOR)
                .allow(GET, "/api/agreements/{agreementId}/progress/changes", OWN, MINISTRY, AUDITOR)
                .allow(GET, "/api/comparisons/{code}", ANONYMISED, MINISTRY, AUDITOR)
                .allow(GET, "/api/updates", OWN_ROWS, MINISTRY, AUDITOR, ADMIN)
                .allow(GET, "/api/audit/events", NONE, AUDITOR)
                .allow(GET, "/api/audit/hash-chain", NONE, AUDITOR)
                .allow(POST, "/api/audit/packages", NONE, AUDITOR)
                .allow(POST, "/api/audit/replays", NONE, AUDITOR)
                .allow(GET, "/api/audit/jobs", NONE, AUDITOR)
                .allow(GET, "/api/audit/jobs/{id}", NONE, AUDITOR)
                .allow(GET, "/api/audit/jobs/{id}/package", NONE, AUDITOR)
                .allow(GET, "/api/admin/rebuilds", NONE, ADMIN)
                .allow(GET, "/api/admin/rebuilds/{id}", NONE, ADMIN)
                .allow(POST, "/api/admin/rebuilds", NONE, ADMIN)
                .allow(GET, "/api/admin/projections", NONE, ADMIN)
                .allow(GET, "/api/admin/parked-events", NONE, AUDITOR, ADMIN)
                .allow(POST, "/api/admin/parked-events/{processingGroup}/{sequence}/retry", NONE, ADMIN)
                .allow(GET, "/api/overview", OWN_ROWS, MINISTRY, AUDITOR)
                .allow(GET, "/api/me", ALL, MINISTRY, AUDITOR, ADMIN)
                .anyone(GET, "/api/dashboard/config")
                // passed through to the command service, which checks its own policy again
                .allow(GET, "/api/ingestion/dead-letters", NONE, AUDITOR, ADMIN)
                .allow(GET, "/api/ingestion/dead-letters/{id}", NONE, AUDITOR, ADMIN)
                .allow(POST, "/api/ingestion/dead-letters/{id}/resubmit", NONE, ADMIN)
                .allow(GET, "/api/ingestion/status", NONE, AUDITOR, ADMIN)
                // the dashboard's files hold no data: everything it shows comes from the API above
                .anyone(GET, "/")
                .anyone(GET, "/index.html")
                .anyone(GET, "/app/**")
                .anyone(GET, "/webjars/**")
                .anyone(GET, "/favicon.svg")
                .build();
    }
}
