package dev.zielmonitor.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller as the services see it, whether from a demo user or an OpenID Connect token: name, roles
 * and, for a {@link Role#JOBCENTER} user, the Jobcenter id it is bound to.
 */
public record Caller(String name, Set<Role> roles, String jobcenterId) {

    /** Authority carrying the Jobcenter id a {@code JOBCENTER} user is bound to, e.g. {@code JOBCENTER_ID_05122}. */
    public static final String JOBCENTER_ID_AUTHORITY = "JOBCENTER_ID_";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The caller of the current request or thread, if one is authenticated. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication.getAuthorities().stream().noneMatch(a -> a.getAuthority().startsWith("ROLE_"))) {
            return Optional.empty();
        }
        return Optional.of(of(authentication));
    }

    public static Caller of(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String jobcenterId = null;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name == null) {
                continue;
            }
            for (Role role : Role.values()) {
                if (role.authority().equals(name)) {
                    roles.add(role);
                }
            }
            if (name.startsWith(JOBCENTER_ID_AUTHORITY)) {
                jobcenterId = name.substring(JOBCENTER_ID_AUTHORITY.length());
            }
        }
        return new Caller(authentication.getName(), roles, jobcenterId);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether what the caller may read is limited to one Jobcenter: a {@code JOBCENTER} user without a role that
     * reads everything ({@code MINISTRY}, {@code AUDITOR}).
     */
    public boolean limitedToOwnJobcenter() {
        return has(Role.JOBCENTER) && !has(Role.MINISTRY) && !has(Role.AUDITOR);
    }

    /** Whether the caller may read the data of this Jobcenter (a limited caller: only its own; no id bound: none). */
    public boolean mayRead(String jobcenter) {
        return !limitedToOwnJobcenter() || (jobcenterId != null && jobcenterId.equals(jobcenter));
    }
}
