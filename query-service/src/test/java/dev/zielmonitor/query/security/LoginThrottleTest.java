package dev.zielmonitor.query.security;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Failed logins through the real filter chain: counted per user name and per client address (here 3 and 6), the
 * next attempt then answered 429 with Retry-After whatever its password; a success clears the user's count; an
 * unknown user name costs what a wrong password costs.
 */
@DirtiesContext
@SpringBootTest(properties = {"zielmonitor.security.login-throttle.max-failures-per-user=3",
        "zielmonitor.security.login-throttle.max-failures-per-address=6"})
class LoginThrottleTest {

    static final TestDatabase DB = TestDatabase.another(); // its counts are this class's only

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    WebApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aUserWithTooManyFailuresWaits_evenWithTheRightPassword_overEveryWayToLogIn() throws Exception {
        MockMvc mvc = DemoUsers.anonymousMockMvc(context);
        for (int i = 0; i < 3; i++) {
            assertThat(status(mvc, json("pruefung", "falsch", "203.0.113.1"))).isEqualTo(401);
        }
        MockHttpServletResponse throttled = mvc.perform(json("pruefung", "pruefung", "203.0.113.2")).andReturn()
                .getResponse();
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getContentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(throttled.getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 900L);
        assertThat(throttled.getContentAsString()).contains("Too many failed logins");
        assertThat(status(mvc, basic("PRUEFUNG", "pruefung", "203.0.113.3"))).as("HTTP Basic, in capitals")
                .isEqualTo(429);
        assertThat(status(mvc, form("pruefung", "pruefung", "203.0.113.4"))).as("the form login").isEqualTo(429);
        assertThat(status(mvc, basic("ministerium", "ministerium", "203.0.113.1"))).as("another user")
                .isEqualTo(200);
    }

    @Test
    void anAddressWithTooManyFailuresWaits_whicheverUserItNames() throws Exception {
        MockMvc mvc = DemoUsers.anonymousMockMvc(context);
        for (int i = 0; i < 6; i++) {
            assertThat(status(mvc, basic("guess-" + i, "x", "198.51.100.9"))).isEqualTo(401);
        }
        MockHttpServletResponse throttled = mvc.perform(basic("betrieb", "betrieb", "198.51.100.9")).andReturn()
                .getResponse();
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeader(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(status(mvc, basic("betrieb", "betrieb", "198.51.100.10"))).as("from another address")
                .isEqualTo(200);
    }

    @Test
    void aSuccessClearsTheUsersCount() throws Exception {
        MockMvc mvc = DemoUsers.anonymousMockMvc(context);
        for (int round = 0; round < 3; round++) {
            String address = "192.0.2." + (10 + round);
            assertThat(status(mvc, json("jobcenter-wuppertal", "falsch", address))).isEqualTo(401);
            assertThat(status(mvc, json("jobcenter-wuppertal", "falsch", address))).isEqualTo(401);
            assertThat(status(mvc, json("jobcenter-wuppertal", "jobcenter-wuppertal", address))).isEqualTo(204);
        }
    }

    /**
     * Unknown user names against wrong passwords of a known one, alternating, 50 of each, through HTTP Basic and
     * the JSON login: the medians must lie within 5 ms. Before, an unknown name cost a bcrypt comparison (Spring's
     * stand-in password) and a wrong password of a demo user a plain one: about 80 ms apart on this machine, so
     * 5 ms catches any hash of difference and leaves room for the noise of two shared cores. The counts are
     * cleared before each attempt, so that every one is judged on its password.
     */
    @Test
    void anUnknownUserCostsWhatAWrongPasswordCosts() throws Exception {
        MockMvc mvc = DemoUsers.anonymousMockMvc(context);
        for (int i = 0; i < 10; i++) { // warm up
            mvc.perform(basic("ministerium", "falsch", "192.0.2.99"));
            mvc.perform(basic("niemand-" + i, "falsch", "192.0.2.99"));
            jdbc.sql("DELETE FROM access_control.login_failure").update();
        }
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean viaJson = i % 2 == 0;
            wrong.add(time(mvc, viaJson ? json("ministerium", "falsch-" + i, "192.0.2.100")
                    : basic("ministerium", "falsch-" + i, "192.0.2.100")));
            unknown.add(time(mvc, viaJson ? json("niemand-" + i, "falsch-" + i, "192.0.2.100")
                    : basic("niemand-" + i, "falsch-" + i, "192.0.2.100")));
        }
        double unknownMs = median(unknown) / 1e6;
        double wrongMs = median(wrong) / 1e6;
        System.out.printf("login timing, medians of 50: unknown user %.2f ms, wrong password %.2f ms%n", unknownMs,
                wrongMs);
        assertThat(Math.abs(unknownMs - wrongMs)).as("unknown %.2f ms, wrong password %.2f ms", unknownMs, wrongMs)
                .isLessThan(5.0);
    }

    private long time(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
        jdbc.sql("DELETE FROM access_control.login_failure").update();
        long start = System.nanoTime();
        int status = mvc.perform(request).andReturn().getResponse().getStatus();
        long elapsed = System.nanoTime() - start;
        assertThat(status).isEqualTo(401);
        return elapsed;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static int status(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private static MockHttpServletRequestBuilder json(String user, String password, String address) {
        return post("/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    private static MockHttpServletRequestBuilder basic(String user, String password, String address) {
        return get("/api/me").header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8))).with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    private static MockHttpServletRequestBuilder form(String user, String password, String address) {
        return post("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED).param("username", user)
                .param("password", password)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }
}
