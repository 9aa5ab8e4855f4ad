package dev.zielmonitor.query.dashboard;

import dev.zielmonitor.access.AccessProperties;
import dev.zielmonitor.access.Caller;
import dev.zielmonitor.access.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What the dashboard asks before it shows anything: how to log in, and who is logged in. */
@RestController
class DashboardController {

    private final AccessProperties access;
    private final String clientId;

    DashboardController(AccessProperties access,
                        @Value("${zielmonitor.dashboard.oidc-client-id:zielmonitor-dashboard}") String clientId) {
        this.access = access;
        this.clientId = clientId;
    }

    /**
     * Public: the login the dashboard offers. Local mode: user name and password (sent once to POST /login, then
     * the session cookie); OIDC mode: the provider's authorization code flow with PKCE for the public client
     * {@code clientId}.
     */
    @GetMapping("/api/dashboard/config")
    ConfigView config() {
        boolean oidc = access.mode() == AccessProperties.Mode.OIDC;
        return new ConfigView(access.mode().name(), oidc ? access.oidc().issuerUri() : null, oidc ? clientId : null);
    }

    /** The caller as the services see it: name, roles and, for a Jobcenter user, its Jobcenter. */
    @GetMapping("/api/me")
    MeView me() {
        Caller caller = Caller.current().orElseThrow();
        return new MeView(caller.name(), caller.roles().stream().sorted().toList(), caller.jobcenterId());
    }

    record ConfigView(String securityMode, String issuer, String clientId) {
    }

    record MeView(String name, List<Role> roles, String jobcenterId) {
    }
}
