package dev.zielmonitor.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code zielmonitor.security.*}: how callers authenticate (docs/security.md).
 *
 * @param mode            {@code oidc} (production: bearer tokens of an OpenID Connect provider) or {@code local}
 *                        (the demo users below, form login and HTTP Basic)
 * @param oidc            where tokens come from and which claims carry name, roles and Jobcenter
 * @param users           the local mode's users; empty: the built-in demo users ({@link #DEMO_USERS})
 * @param maxRequestBytes largest request body accepted (413 beyond)
 * @param session         local mode: how long a browser's login lasts
 * @param loginThrottle   local mode: how many failed logins are answered before 429
 */
@ConfigurationProperties("zielmonitor.security")
public record AccessProperties(Mode mode, Oidc oidc, List<User> users, Long maxRequestBytes, Session session,
                               LoginThrottle loginThrottle) {

    public enum Mode { OIDC, LOCAL }

    /** One user per role, documented in README.md; JOBCENTER users for Solingen and Wuppertal. */
    public static final List<User> DEMO_USERS = List.of(
            new User("ministerium", "ministerium", Role.MINISTRY, null),
            new User("jobcenter-solingen", "jobcenter-solingen", Role.JOBCENTER, "05122"),
            new User("jobcenter-wuppertal", "jobcenter-wuppertal", Role.JOBCENTER, "05124"),
            new User("pruefung", "pruefung", Role.AUDITOR, null),
            new User("betrieb", "betrieb", Role.ADMIN, null));

    public AccessProperties {
        mode = mode == null ? Mode.OIDC : mode;
        oidc = oidc == null ? new Oidc(null, null, null, null, null, null) : oidc;
        users = users == null || users.isEmpty() ? DEMO_USERS : List.copyOf(users);
        maxRequestBytes = maxRequestBytes == null ? 1024 * 1024L : maxRequestBytes;
        session = session == null ? new Session(null, null) : session;
        loginThrottle = loginThrottle == null ? new LoginThrottle(null, null, null) : loginThrottle;
        for (User user : users) {
            if (user.role() == Role.JOBCENTER && (user.jobcenterId() == null || !user.jobcenterId().matches("\\d{5}"))) {
                throw new IllegalArgumentException("zielmonitor.security.users: " + user.name()
                        + " has role JOBCENTER and needs jobcenter-id, the 5-digit key of its Jobcenter");
            }
        }
    }

    /**
     * @param issuerUri     the provider's issuer; tokens with another {@code iss} are refused. Its discovery document
     *                      gives the signing keys unless {@code jwkSetUri} is set.
     * @param jwkSetUri     where to fetch the signing keys (e.g. the provider's address inside a container network)
     * @param audience      if set, tokens must name it in {@code aud}
     * @param nameClaim     the caller's name (default {@code preferred_username}, else {@code sub})
     * @param rolesClaim    dotted path to the list of roles (default Keycloak's {@code realm_access.roles})
     * @param jobcenterClaim the Jobcenter id of a JOBCENTER user (default {@code jobcenter_id})
     */
    public record Oidc(String issuerUri, String jwkSetUri, String audience, String nameClaim, String rolesClaim,
                       String jobcenterClaim) {
        public Oidc {
            nameClaim = blank(nameClaim) ? "preferred_username" : nameClaim;
            rolesClaim = blank(rolesClaim) ? "realm_access.roles" : rolesClaim;
            jobcenterClaim = blank(jobcenterClaim) ? "jobcenter_id" : jobcenterClaim;
        }
    }

    /**
     * A browser's login in local mode (docs/security.md, ADR 0011).
     *
     * @param idleTimeout ends a session not used for this long (default 30 minutes)
     * @param maxAge      ends every session this long after its login, used or not (default 12 hours)
     */
    public record Session(Duration idleTimeout, Duration maxAge) {
        public Session {
            idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
            maxAge = maxAge == null ? Duration.ofHours(12) : maxAge;
        }
    }

    /**
     * Failed logins in local mode (form, JSON and HTTP Basic), counted per user name and per client address in a
     * window that starts with the first failure; beyond the maximum every attempt is answered 429 until the window
     * ends, right password or not.
     *
     * @param maxFailuresPerUser    default 5
     * @param maxFailuresPerAddress default 20: several users may share an address
     * @param window                default 15 minutes
     */
    public record LoginThrottle(Integer maxFailuresPerUser, Integer maxFailuresPerAddress, Duration window) {
        public LoginThrottle {
            maxFailuresPerUser = maxFailuresPerUser == null ? 5 : maxFailuresPerUser;
            maxFailuresPerAddress = maxFailuresPerAddress == null ? 20 : maxFailuresPerAddress;
            window = window == null ? Duration.ofMinutes(15) : window;
        }
    }

    /** A local user; {@code jobcenterId} only (and always) for role JOBCENTER. */
    public record User(String name, String password, Role role, String jobcenterId) {
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
