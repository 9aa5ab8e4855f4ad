package dev.zielmonitor.access;

import dev.zielmonitor.access.login.LoginSessions;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessUnitsTest {

    private final AccessProperties.Oidc keycloak = new AccessProperties.Oidc("https://idp", null, null, null, null,
            null);

    @Test
    void aTokenBecomesACallerWithRolesAndJobcenter() {
        var caller = Caller.of(new JwtCallers(keycloak).convert(jwt(Map.of("preferred_username", "jc-solingen",
                "realm_access", Map.of("roles", List.of("JOBCENTER", "default-roles-zielmonitor")),
                "jobcenter_id", "05122"))));
        assertThat(caller.name()).isEqualTo("jc-solingen");
        assertThat(caller.roles()).containsExactly(Role.JOBCENTER);
        assertThat(caller.jobcenterId()).isEqualTo("05122");
        assertThat(caller.limitedToOwnJobcenter()).isTrue();
        assertThat(caller.mayRead("05122")).isTrue();
        assertThat(caller.mayRead("05124")).isFalse();
    }

    @Test
    void claimsAreConfigurableAndMalformedOnesGiveNothing() {
        var custom = new AccessProperties.Oidc("https://idp", null, null, "email", "groups", "jc");
        var caller = Caller.of(new JwtCallers(custom).convert(jwt(Map.of("email", "a@b.de",
                "groups", "AUDITOR MINISTRY", "jc", "5122"))));
        assertThat(caller.name()).isEqualTo("a@b.de");
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.AUDITOR, Role.MINISTRY);
        assertThat(caller.jobcenterId()).as("not five digits").isNull();
        // no name claim: the subject; roles claim of the wrong shape: no roles
        var bare = Caller.of(new JwtCallers(keycloak).convert(jwt(Map.of("realm_access", "MINISTRY"))));
        assertThat(bare.name()).isEqualTo("subject-1");
        assertThat(bare.roles()).isEmpty();
    }

    @Test
    void aJobcenterUserWithAWiderRoleReadsEverything() {
        var both = Caller.of(new UsernamePasswordAuthenticationToken("x", null, List.of(
                new SimpleGrantedAuthority("ROLE_JOBCENTER"), new SimpleGrantedAuthority("ROLE_AUDITOR"),
                new SimpleGrantedAuthority("JOBCENTER_ID_05122"))));
        assertThat(both.limitedToOwnJobcenter()).isFalse();
        assertThat(both.mayRead("05124")).isTrue();
        var unbound = Caller.of(new UsernamePasswordAuthenticationToken("y", null, List.of(
                new SimpleGrantedAuthority("ROLE_JOBCENTER"))));
        assertThat(unbound.mayRead("05122")).isFalse();
    }

    @Test
    void misconfigurationStopsTheServiceWithWhatToSet() {
        assertThatThrownBy(() -> AccessConfiguration.jwtDecoder(new AccessProperties(
                AccessProperties.Mode.OIDC, null, null, null, null, null).oidc()))
                .hasMessageContaining("zielmonitor.security.oidc.issuer-uri").hasMessageContaining("local");
        assertThatThrownBy(() -> new AccessProperties(AccessProperties.Mode.LOCAL, null, List.of(
                new AccessProperties.User("jc", "pw", Role.JOBCENTER, null)), null, null, null))
                .hasMessageContaining("jobcenter-id");
        assertThatThrownBy(() -> AccessPolicy.builder().allow(HttpMethod.GET, "/api/agreements",
                JobcenterAccess.OWN, Role.MINISTRY)).hasMessageContaining("{jobcenterId}");
        assertThatThrownBy(() -> AccessPolicy.builder().allow(HttpMethod.GET, "/api/x", JobcenterAccess.NONE,
                Role.JOBCENTER)).hasMessageContaining("JobcenterAccess");
        assertThat(new AccessProperties(null, null, null, null, null, null).users()).isEqualTo(AccessProperties.DEMO_USERS);
        assertThat(new AccessProperties(null, null, null, null, null, null).mode()).isEqualTo(AccessProperties.Mode.OIDC);
    }

    @Test
    void theCsrfTokenGuardsSessionsAndTheLoginFormOnly() {
        var post = new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/admin/rebuilds");
        assertThat(AccessConfiguration.needsCsrfToken(post)).as("no session, no credentials").isFalse();
        post.setCookies(new jakarta.servlet.http.Cookie("JSESSIONID", "abc"));
        assertThat(AccessConfiguration.needsCsrfToken(post)).as("no session of ours").isFalse();
        post.setCookies(new jakarta.servlet.http.Cookie(LoginSessions.COOKIE, "a".repeat(43)));
        assertThat(AccessConfiguration.needsCsrfToken(post)).as("a session cookie").isTrue();
        post.addHeader("Authorization", "Bearer x");
        assertThat(AccessConfiguration.needsCsrfToken(post)).as("credentials of its own").isFalse();
        var login = new org.springframework.mock.web.MockHttpServletRequest("POST", "/login");
        login.setServletPath("/login");
        login.setContentType("application/x-www-form-urlencoded");
        assertThat(AccessConfiguration.needsCsrfToken(login)).as("the form login").isTrue();
        login.setContentType("text/plain");
        assertThat(AccessConfiguration.needsCsrfToken(login)).as("what a foreign form can send").isTrue();
        login.setContentType("application/json; charset=UTF-8");
        assertThat(AccessConfiguration.needsCsrfToken(login)).as("the JSON login").isFalse();
        var get = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/jobcenters");
        get.setCookies(new jakarta.servlet.http.Cookie(LoginSessions.COOKIE, "a".repeat(43)));
        assertThat(AccessConfiguration.needsCsrfToken(get)).isFalse();
        assertThat(Set.of(Problems.json("a\"<b>\n"))).containsExactly("\"a\\\"\\u003cb\\u003e\\n\"");
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return new Jwt("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"),
                withSubject(claims));
    }

    private static Map<String, Object> withSubject(Map<String, Object> claims) {
        var all = new java.util.HashMap<>(claims);
        all.put("sub", "subject-1");
        return all;
    }
}
