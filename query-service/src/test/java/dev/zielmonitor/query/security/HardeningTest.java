package dev.zielmonitor.query.security;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hardening of docs/security.md over real HTTP: headers, CSRF for browser sessions, the actuator, no internals
 * in error bodies, request size, parameter validation.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HardeningTest {

    static final TestDatabase DB = TestDatabase.another();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : java.util.List.of(send(get("/api/jobcenters", DemoUsers.MINISTRY)),
                send(get("/api/jobcenters", null)), send(get("/api/audit/events", DemoUsers.MINISTRY)))) {
            var headers = response.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'"));
            assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
            assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).contains("same-origin");
            assertThat(headers.firstValue("Permissions-Policy")).hasValueSatisfying(p -> assertThat(p)
                    .contains("camera=()"));
            assertThat(headers.firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        }
    }

    @Test
    void aBrowserSessionNeedsTheCsrfTokenForEveryChange() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        // a page asked for without a session leads to the login form
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/api/jobcenters"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher hidden = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(hidden.find()).as(form.body()).isTrue();

        String credentials = "username=" + DemoUsers.ADMIN + "&password=" + DemoUsers.password(DemoUsers.ADMIN);
        assertThat(browser.send(formPost("/login", credentials), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("login without the token").isEqualTo(403);
        HttpResponse<String> login = browser.send(formPost("/login", credentials + "&_csrf="
                + URLEncoder.encode(hidden.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(browser.send(HttpRequest.newBuilder(uri("/api/admin/rebuilds")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the session logs in").isEqualTo(200);

        // a change without the token, as a forged form on another site would send it: refused
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(uri("/api/admin/rebuilds?mode=NONE"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        // with the token from the XSRF-TOKEN cookie, as the dashboard's script sends it: past the CSRF check
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> own = browser.send(HttpRequest.newBuilder(uri("/api/admin/rebuilds?mode=NONE"))
                .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(400);
        assertThat(own.body()).contains("mode");
        // API clients with credentials of their own need no token
        assertThat(send(HttpRequest.newBuilder(uri("/api/admin/rebuilds?mode=NONE"))
                .header("Authorization", DemoUsers.basic(DemoUsers.ADMIN))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(400);
        // nobody: 401, not a CSRF refusal
        assertThat(send(HttpRequest.newBuilder(uri("/api/admin/rebuilds?mode=NONE"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyHealthOfTheActuatorIsPublic() throws Exception {
        assertThat(send(get("/actuator/health", null)).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/health/liveness", null)).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/prometheus", null)).statusCode()).isEqualTo(401);
        assertThat(send(get("/actuator/prometheus", DemoUsers.MINISTRY)).statusCode()).isEqualTo(403);
        assertThat(send(get("/actuator/info", DemoUsers.AUDITOR)).statusCode()).isEqualTo(403);
        assertThat(send(get("/actuator/prometheus", DemoUsers.ADMIN)).body()).contains("jvm_memory_used_bytes");
        assertThat(send(get("/actuator/env", null)).statusCode()).isEqualTo(401);
        assertThat(send(get("/actuator/env", DemoUsers.ADMIN)).statusCode()).as("not exposed").isEqualTo(404);
    }

    @Test
    void aFailureAnswersWithAReferenceNeverWithInternals() throws Exception {
        jdbc.sql("ALTER TABLE read_model.jobcenter RENAME TO jobcenter_away").update();
        try {
            HttpResponse<String> failed = send(get("/api/jobcenters", DemoUsers.MINISTRY));
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/problem+json"));
            assertThat(failed.body()).contains("\"reference\"").contains("Internal error")
                    .doesNotContainIgnoringCase("select").doesNotContainIgnoringCase("sql")
                    .doesNotContain("jobcenter_away").doesNotContain("read_model").doesNotContain("Exception")
                    .doesNotContain("at dev.").doesNotContain("org.springframework");
        } finally {
            jdbc.sql("ALTER TABLE read_model.jobcenter_away RENAME TO jobcenter").update();
        }
    }

    @Test
    void parametersAreCheckedAndNeverInterpolated() throws Exception {
        HttpResponse<String> injection = send(get("/api/jobcenters/05122'%20OR%20'1'='1/figures?year=2014",
                DemoUsers.MINISTRY));
        assertThat(injection.statusCode()).isEqualTo(400);
        assertThat(injection.body()).contains("jobcenterId").doesNotContainIgnoringCase("sql");
        HttpResponse<String> year = send(get("/api/jobcenters/05122/figures?year=2014;DROP", DemoUsers.MINISTRY));
        assertThat(year.statusCode()).isEqualTo(400);
        assertThat(year.body()).contains("\"field\":\"year\"");
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'read_model'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        byte[] large = new byte[1024 * 1024 + 1];
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/admin/rebuilds"))
                .header("Authorization", DemoUsers.basic(DemoUsers.ADMIN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)).build());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("at most 1048576");
    }

    private HttpRequest get(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (user != null) {
            request.header("Authorization", DemoUsers.basic(user));
        }
        return request.build();
    }

    private HttpRequest formPost(String path, String form) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
