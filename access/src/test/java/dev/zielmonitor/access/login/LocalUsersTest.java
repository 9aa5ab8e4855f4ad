package dev.zielmonitor.access.login;

import dev.zielmonitor.access.AccessProperties;
import dev.zielmonitor.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The users' passwords share one scheme, so that the stand-in password an unknown user is compared with costs
 * what a real comparison costs (LoginThrottleTest measures it for the demo users).
 */
class LocalUsersTest {

    private static final String BCRYPT = "{bcrypt}" + new BCryptPasswordEncoder().encode("geheim");

    @Test
    void withABcryptUserThePlainPasswordsAreBcryptToo_andEveryoneStillLogsIn() {
        LocalUsers users = new LocalUsers(local(List.of(
                new AccessProperties.User("a", BCRYPT, Role.AUDITOR, null),
                new AccessProperties.User("b", "klartext", Role.ADMIN, null))));
        assertThat(users.users().loadUserByUsername("b").getPassword()).startsWith("{bcrypt}$2");
        assertThat(users.passwords().authenticate(UsernamePasswordAuthenticationToken.unauthenticated("a", "geheim"))
                .isAuthenticated()).isTrue();
        assertThat(users.passwords().authenticate(UsernamePasswordAuthenticationToken.unauthenticated("b",
                "klartext")).getAuthorities()).extracting(Object::toString).contains("ROLE_ADMIN");
        assertThatThrownBy(() -> users.passwords().authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                "niemand", "x"))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void theDemoUsersStayPlain() {
        LocalUsers users = new LocalUsers(local(AccessProperties.DEMO_USERS));
        assertThat(users.users().loadUserByUsername("ministerium").getPassword()).isEqualTo("{noop}ministerium");
    }

    @Test
    void twoHashingSchemesStopTheStart() {
        assertThatThrownBy(() -> new LocalUsers(local(List.of(
                new AccessProperties.User("a", BCRYPT, Role.AUDITOR, null),
                new AccessProperties.User("b", "{pbkdf2}abc", Role.ADMIN, null)))))
                .hasMessageContaining("one scheme").hasMessageContaining("which user names exist");
    }

    private static AccessProperties local(List<AccessProperties.User> users) {
        return new AccessProperties(AccessProperties.Mode.LOCAL, null, users, null, null, null);
    }
}
