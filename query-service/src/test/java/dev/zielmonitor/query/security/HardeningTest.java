package dev.zielmonitor.query.security;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.access.HttpHardening;
import dev.zielmonitor.access.RawHttp;
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
 * The hardening of docs/security.md over real HTTP: headers, sessions only for a login (never for anonymous or
 * HTTP Basic requests), CSRF for browser sessions, redirects without the request's Host, the firewall's refusals as
 * problems, the actuator, no internals in error bodies, request size, parameter validation.
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
    void anonymousAndHttpBasicRequestsGetNoCookie() throws Exception {
        assertThat(HttpHardening.noCookies(port, java.util.List.of("/", "/index.html", "/app/main.js",
                "/api/jobcenters", "/api/me", "/api/dashboard/config", "/api/admin/rebuilds", "/api/nothing-here",
                "/actuator/health", "/v3/api-docs", "/swagger-ui/index.html"))).isEmpty();
    }

    @Test
    void redirectsNeverNameTheRequestsHost() throws Exception {
        assertThat(HttpHardening.redirectsIgnoreTheHost(port)).isEmpty();
    }

    @Test
    void whatTheFirewallRefusesIsAProblemLikeEveryOtherError() throws Exception {
        assertThat(HttpHardening.firewallRefusals(port, null)).isEmpty();
        assertThat(HttpHardening.firewallRefusals(port, DemoUsers.MINISTRY)).isEmpty();
    }

    /**
     * The dashboard's login: user name and password once, then a session cookie the script cannot read; changes
     * carry the CSRF token; logout ends the session on the server (the cookie, replayed, is refused).
     */
    @Test
    void theDashboardLogsInOnce_andLogoutEndsTheSessionOnTheServer() throws Exception {
        RawHttp.Response wrong = jsonLogin("{\"username\":\"pruefung\",\"password\":\"falsch\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.all("Set-Cookie")).isEmpty();
        assertThat(jsonLogin("{\"username\":\"pruefung\"}").status()).isEqualTo(400);
        assertThat(jsonLogin("not json").status()).isEqualTo(400);

        RawHttp.Response login = jsonLogin("{\"username\":\"betrieb\",\"password\":\"betrieb\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(204);
        String session = cookie(login, "ZIELMONITOR_SESSION");
        assertThat(session).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain("Max-Age").doesNotContain("Secure"); // plain http here; https adds Secure
        String xsrf = cookie(login, "XSRF-TOKEN");
        assertThat(xsrf).contains("SameSite=Strict").doesNotContain("HttpOnly"); // the script sends it back
        String cookies = session.split(";")[0] + "; " + xsrf.split(";")[0];
        String token = xsrf.split(";")[0].substring("XSRF-TOKEN=".length());

        RawHttp.Response me = RawHttp.get(port, "/api/me", java.util.Map.of("Cookie", cookies));
        assertThat(me.body()).contains("\"name\":\"betrieb\"");
        assertThat(me.all("Set-Cookie")).as("a session's requests set nothing").isEmpty();
        assertThat(RawHttp.send(port, "POST", "/api/admin/rebuilds?mode=NONE", java.util.Map.of("Cookie", cookies),
                "").status()).as("a change without the token").isEqualTo(403);
        RawHttp.Response change = RawHttp.send(port, "POST", "/api/admin/rebuilds?mode=NONE",
                java.util.Map.of("Cookie", cookies, "X-XSRF-TOKEN", token), "");
        assertThat(change.status()).as(change.body()).isEqualTo(400);
        assertThat(change.body()).contains("mode");

        RawHttp.Response logout = RawHttp.send(port, "POST", "/logout", java.util.Map.of("Cookie", cookies,
                "X-XSRF-TOKEN", token, "Accept", "application/json"), "");
        assertThat(logout.status()).isEqualTo(204);
        assertThat(cookie(logout, "ZIELMONITOR_SESSION")).contains("Max-Age=0");
        assertThat(RawHttp.get(port, "/api/me", java.util.Map.of("Cookie", cookies)).status())
                .as("the old cookie, replayed after logout").isEqualTo(401);
        String sessionToken = session.split(";")[0].substring("ZIELMONITOR_SESSION=".length());
        assertThat(jdbc.sql("SELECT count(*) FROM access_control.login_session WHERE token_hash = "
                + "sha256(convert_to(?, 'UTF8'))").param(sessionToken).query(Long.class).single()).isZero();
    }

    private RawHttp.Response jsonLogin(String body) throws Exception {
        return RawHttp.send(port, "POST", "/login", java.util.Map.of("Content-Type", "application/json"), body);
    }

    private static String cookie(RawHttp.Response response, String name) {
        return response.all("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + response.headers()));
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
