package dev.zielmonitor.command.security;

import dev.zielmonitor.access.AccessConfiguration;
import dev.zielmonitor.access.AccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static dev.zielmonitor.access.JobcenterAccess.NONE;
import static dev.zielmonitor.access.Role.ADMIN;
import static dev.zielmonitor.access.Role.AUDITOR;
import static dev.zielmonitor.access.Role.MINISTRY;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/** The command service's access policy: the ministry writes agreements, operations the registry and dead letters. */
@Configuration(proxyBeanMethods = false)
@Import(AccessConfiguration.class)
public class CommandAccess {

    @Bean
    AccessPolicy accessPolicy() {
        return AccessPolicy.builder()
                .allow(POST, "/api/agreements", NONE, MINISTRY)
                .allow(POST, "/api/agreements/{agreementId}/signatures", NONE, MINISTRY)
                .allow(POST, "/api/agreements/{agreementId}/targets/{targetId}/revisions", NONE, MINISTRY)
                .allow(POST, "/api/agreements/{agreementId}/goals/{goalOrSubGoalId}/progress", NONE, MINISTRY)
                .allow(POST, "/api/agreements/{agreementId}/steering-dialogues", NONE, MINISTRY)
                .allow(POST, "/api/agreements/{agreementId}/assessment", NONE, MINISTRY)
                .allow(POST, "/api/jobcenters", NONE, ADMIN)
                .allow(GET, "/api/ingestion/dead-letters", NONE, ADMIN, AUDITOR)
                .allow(GET, "/api/ingestion/dead-letters/{id}", NONE, ADMIN, AUDITOR)
                .allow(POST, "/api/ingestion/dead-letters/{id}/resubmit", NONE, ADMIN)
                .allow(GET, "/api/ingestion/status", NONE, ADMIN, AUDITOR)
                .build();
    }
}
