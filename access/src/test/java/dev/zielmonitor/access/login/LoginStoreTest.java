package dev.zielmonitor.access.login;

import dev.zielmonitor.access.AccessProperties;
import dev.zielmonitor.infra.TestDatabase;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions and failure counts against the real PostgreSQL, each used through two separate instances (as two
 * services or two replicas behind a load balancer would): what one writes, the other sees.
 */
class LoginStoreTest {

    private static DriverManagerDataSource dataSource;
    private static JdbcClient jdbc;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    @BeforeAll
    static void database() {
        TestDatabase db = TestDatabase.another();
        // as the services do: migrated as the owner role, used as a runtime role
        org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment()
                .withProperty("spring.datasource.url", db.url())
                .withProperty("spring.flyway.user", db.roles().owner().name())
                .withProperty("spring.flyway.password", db.roles().owner().password())
                .withProperty("spring.flyway.placeholders.command-role", db.roles().command().name())
                .withProperty("spring.flyway.placeholders.query-role", db.roles().query().name());
        dataSource = new DriverManagerDataSource(db.url(), db.roles().query().name(), db.roles().query().password());
        AccessSchema.migrate(dataSource, environment);
        AccessSchema.migrate(dataSource, environment); // the second service starting: nothing to do, nothing fails
        jdbc = JdbcClient.create(dataSource);
    }

    @BeforeEach
    void empty() {
        jdbc.sql("DELETE FROM access_control.login_failure").update();
        jdbc.sql("DELETE FROM access_control.login_session").update();
    }

    @Test
    void aSessionStartedOnOneInstanceIsKnownToAnother_andEndsForBoth() {
        LoginSessions one = sessions();
        LoginSessions other = sessions();
        MockHttpServletResponse login = new MockHttpServletResponse();
        one.start("ministerium", new MockHttpServletRequest(), login);
        String setCookie = login.getHeader("Set-Cookie");
        assertThat(setCookie).startsWith(LoginSessions.COOKIE + "=").contains("Path=/").contains("HttpOnly")
                .contains("SameSite=Strict").doesNotContain("Max-Age").doesNotContain("Secure");
        String token = setCookie.substring(LoginSessions.COOKIE.length() + 1, setCookie.indexOf(';'));
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(jdbc.sql("SELECT count(*) FROM access_control.login_session WHERE token_hash = "
                + "sha256(convert_to(?, 'UTF8'))").param(token).query(Long.class).single())
                .as("the token's hash is stored").isOne();
        assertThat(jdbc.sql("SELECT count(*) FROM access_control.login_session WHERE position(convert_to(?, "
                + "'UTF8') IN token_hash) > 0").param(token).query(Long.class).single())
                .as("the token itself is not").isZero();

        assertThat(other.user(withCookie(token))).contains("ministerium");
        assertThat(other.user(withCookie("x".repeat(43)))).as("a guessed token").isEmpty();

        MockHttpServletResponse logout = new MockHttpServletResponse();
        other.end(withCookie(token), logout);
        assertThat(logout.getHeader("Set-Cookie")).contains("Max-Age=0");
        assertThat(one.user(withCookie(token))).as("ended on the server, for every instance").isEmpty();
    }

    @Test
    void overHttpsTheCookieIsSecure() {
        MockHttpServletRequest https = new MockHttpServletRequest();
        https.setSecure(true);
        MockHttpServletResponse response = new MockHttpServletResponse();
        sessions().start("pruefung", https, response);
        assertThat(response.getHeader("Set-Cookie")).contains("Secure");
    }

    @Test
    void aSessionEndsWhenIdle_andAfterItsMaximumAgeEvenWhenUsed() {
        LoginSessions sessions = sessions(); // idle 30 minutes, at most 2 hours
        String token = start(sessions, "betrieb");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(25));
            assertThat(sessions.user(withCookie(token))).as("used every 25 minutes: " + i).contains("betrieb");
        }
        clock.advance(Duration.ofMinutes(25)); // 2 h 5 min after the login
        assertThat(sessions.user(withCookie(token))).as("past its maximum age").isEmpty();

        String idle = start(sessions, "betrieb");
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.user(withCookie(idle))).as("idle for 31 minutes").isEmpty();
    }

    @Test
    void failuresCountOnEveryInstance_andBeyondTheLimitEveryAttemptWaits() {
        LoginThrottle one = throttle(3, 10);
        LoginThrottle other = throttle(3, 10);
        assertThat(one.charge("ministerium", "10.0.0.1")).isEmpty();
        assertThat(other.charge("MINISTERIUM", "10.0.0.2")).as("user names compare in lower case").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(one.charge("ministerium", "10.0.0.3")).isEmpty();
        Optional<Duration> wait = other.charge("ministerium", "10.0.0.4");
        assertThat(wait).as("the fourth attempt in the window").contains(Duration.ofMinutes(14));
        assertThat(one.charge("pruefung", "10.0.0.1")).as("another user from the same address").isEmpty();

        clock.advance(Duration.ofMinutes(14));
        assertThat(one.charge("ministerium", "10.0.0.1")).as("a new window").isEmpty();
        assertThat(other.charge("pruefung", "10.0.0.1")).isEmpty(); // a failure
        assertThat(one.charge("ministerium", "10.0.0.1")).isEmpty();
        one.succeeded("ministerium", "10.0.0.1");
        assertThat(jdbc.sql("SELECT count(*) FROM access_control.login_failure WHERE subject = ?")
                .param(LoginThrottle.userSubject("ministerium")).query(Long.class).single())
                .as("a success clears the user's count").isZero();
        assertThat(jdbc.sql("SELECT failures FROM access_control.login_failure WHERE subject = ?")
                .param(LoginThrottle.addressSubject("10.0.0.1")).query(Integer.class).single())
                .as("the success's own charge taken back, the address's failures kept").isEqualTo(2);
    }

    @Test
    void anAddressIsLimitedWhateverUserNamesItTries() {
        LoginThrottle throttle = throttle(3, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.charge("guess-" + i, "192.0.2.7")).isEmpty();
        }
        assertThat(throttle.charge("guess-5", "192.0.2.7")).isPresent();
        assertThat(throttle.charge("guess-5", "192.0.2.8")).as("the same user from elsewhere").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM access_control.login_failure WHERE subject LIKE '%guess%'")
                .query(Long.class).single()).as("user names are kept hashed").isZero();
    }

    @Test
    void parallelAttemptsCannotSlipPastTheLimit() throws Exception {
        LoginThrottle throttle = throttle(5, 100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LoginThrottle instance = i % 2 == 0 ? throttle : throttle(5, 100);
                attempts.add(() -> instance.charge("ministerium", "198.51.100.1").isEmpty());
            }
            int checked = 0;
            for (Future<Boolean> allowed : pool.invokeAll(attempts)) {
                checked += allowed.get() ? 1 : 0;
            }
            assertThat(checked).as("attempts whose password would be checked").isEqualTo(5);
        } finally {
            pool.shutdown();
        }
    }

    private LoginSessions sessions() {
        return new LoginSessions(jdbc, new AccessProperties.Session(Duration.ofMinutes(30), Duration.ofHours(2)),
                clock);
    }

    private LoginThrottle throttle(int perUser, int perAddress) {
        return new LoginThrottle(jdbc, new AccessProperties.LoginThrottle(perUser, perAddress,
                Duration.ofMinutes(15)), clock);
    }

    private static String start(LoginSessions sessions, String user) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        sessions.start(user, new MockHttpServletRequest(), response);
        String cookie = response.getHeader("Set-Cookie");
        return cookie.substring(LoginSessions.COOKIE.length() + 1, cookie.indexOf(';'));
    }

    private static MockHttpServletRequest withCookie(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie(LoginSessions.COOKIE, token));
        return request;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
