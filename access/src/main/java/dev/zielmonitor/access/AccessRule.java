package dev.zielmonitor.access;

import org.springframework.http.HttpMethod;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call one endpoint: anyone ({@code anonymous}), or the listed roles, with {@code jobcenter} saying what a
 * {@link Role#JOBCENTER} user may do there. One row of the policy table in docs/security.md.
 */
public record AccessRule(HttpMethod method, String path, boolean anonymous, Set<Role> roles,
                         JobcenterAccess jobcenter) {

    public AccessRule {
        if (roles.contains(Role.JOBCENTER)) {
            throw new IllegalArgumentException(path + ": a JOBCENTER user's access is given as JobcenterAccess");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        if (jobcenter == JobcenterAccess.OWN && !path.contains("{jobcenterId}") && !path.contains("{agreementId}")) {
            throw new IllegalArgumentException(path + ": OWN needs {jobcenterId} or {agreementId} in the path");
        }
    }

    /** Whether a caller with these roles may call the endpoint, before any check of the Jobcenter in the path. */
    public boolean allows(Role role) {
        return anonymous || (role == Role.JOBCENTER ? jobcenter != JobcenterAccess.NONE : roles.contains(role));
    }
}
