package dev.zielmonitor.query.dashboard;

import com.sun.net.httpserver.HttpServer;
import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: the dashboard's files for anyone (German, same-origin only, the chart library from this jar), the
 * two endpoints it asks first, and the pass-through of the operations calls to the command service, here a
 * stand-in that records what arrives (the real one is behind DashboardBrowserIT's resubmission).
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardServingTest {

    static final TestDatabase DB = TestDatabase.another();
    static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer COMMAND_SERVICE = commandService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("zielmonitor.command-service.url",
                () -> "http://127.0.0.1:" + COMMAND_SERVICE.getAddress().getPort() + "/");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stopCommandService() {
        COMMAND_SERVICE.stop(0);
    }

    @Test
    void theDashboardIsServedToAnyone_inGerman_withItsScriptsFromThisOrigin() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/")).GET(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"de\">").contains("src=\"/app/main.js\"")
                .contains("src=\"/webjars/chart.js/4.5.1/dist/chart.umd.min.js\"").doesNotContain("http");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self';").doesNotContain("connect-src");
        for (String file : List.of("/app/main.js", "/app/api.js", "/app/pages/overview.js", "/app/app.css",
                "/webjars/chart.js/4.5.1/dist/chart.umd.min.js", "/favicon.svg")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(file)).GET(), null);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.body()).as(file).isNotBlank();
        }
        assertThat(send(HttpRequest.newBuilder(uri("/app/nothing-here.js")).GET(), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theDashboardAsksHowToLogIn_andWhoIsLoggedIn() throws Exception {
        HttpResponse<String> config = send(HttpRequest.newBuilder(uri("/api/dashboard/config")).GET(), null);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).isEqualTo("{\"securityMode\":\"LOCAL\",\"issuer\":null,\"clientId\":null}");
        assertThat(send(HttpRequest.newBuilder(uri("/api/me")).GET(), DemoUsers.JOBCENTER_SOLINGEN).body())
                .isEqualTo("{\"name\":\"jobcenter-solingen\",\"roles\":[\"JOBCENTER\"],\"jobcenterId\":\"05122\"}");
        assertThat(send(HttpRequest.newBuilder(uri("/api/me")).GET(), DemoUsers.ADMIN).body())
                .isEqualTo("{\"name\":\"betrieb\",\"roles\":[\"ADMIN\"],\"jobcenterId\":null}");
        HttpResponse<String> nobody = send(HttpRequest.newBuilder(uri("/api/me")).GET(), null);
        assertThat(nobody.statusCode()).isEqualTo(401);
    }

    /**
     * The operations calls go on to the command service with the caller's Authorization header, the query string
     * and nothing of the browser's else (no cookie); its status, type and body come back as they are.
     */
    @Test
    void operationsCallsPassToTheCommandServiceWithTheCallersCredentialsOnly() throws Exception {
        RECEIVED.clear();
        HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/api/ingestion/dead-letters?status=PARKED&limit=5"))
                .header("Cookie", "JSESSIONID=browser-session").GET(), DemoUsers.AUDITOR);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(list.body()).isEqualTo("[{\"id\":7}]");

        HttpResponse<String> resubmit = send(HttpRequest.newBuilder(uri("/api/ingestion/dead-letters/7/resubmit"))
                .POST(HttpRequest.BodyPublishers.noBody()), DemoUsers.ADMIN);
        assertThat(resubmit.statusCode()).isEqualTo(409);
        assertThat(resubmit.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(resubmit.body()).contains("already resubmitted");

        assertThat(RECEIVED).hasSize(2);
        assertThat(RECEIVED.get(0)).containsEntry("method", "GET")
                .containsEntry("path", "/api/ingestion/dead-letters").containsEntry("query", "status=PARKED&limit=5")
                .containsEntry("authorization", DemoUsers.basic(DemoUsers.AUDITOR)).containsEntry("cookie", null);
        assertThat(RECEIVED.get(1)).containsEntry("method", "POST")
                .containsEntry("path", "/api/ingestion/dead-letters/7/resubmit")
                .containsEntry("authorization", DemoUsers.basic(DemoUsers.ADMIN));

        // this service's own policy first: a Jobcenter user never reaches the command service
        assertThat(send(HttpRequest.newBuilder(uri("/api/ingestion/status")).GET(), DemoUsers.JOBCENTER_SOLINGEN)
                .statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/api/ingestion/dead-letters/7/resubmit"))
                .POST(HttpRequest.BodyPublishers.noBody()), DemoUsers.AUDITOR).statusCode()).isEqualTo(403);
        assertThat(RECEIVED).hasSize(2);
    }

    /**
     * A dashboard logged in with its session cookie: the command service gets that cookie and the CSRF token
     * (cookie and header), which it checks against the shared session table and the token itself, and no other
     * cookie of the browser's.
     */
    @Test
    void aSessionsOperationsCallsPassOnItsSessionAndCsrfTokenOnly() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"betrieb\",\"password\":\"betrieb\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(204);
        String session = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("ZIELMONITOR_SESSION=")).findFirst().orElseThrow().split(";")[0];
        String xsrf = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).reduce((a, b) -> b).orElseThrow().split(";")[0];
        String token = xsrf.substring("XSRF-TOKEN=".length());
        RECEIVED.clear();
        HttpResponse<String> status = send(HttpRequest.newBuilder(uri("/api/ingestion/status"))
                .header("Cookie", "tracking=secret; " + session + "; " + xsrf).GET(), null);
        assertThat(status.statusCode()).isEqualTo(200);
        HttpResponse<String> resubmit = send(HttpRequest.newBuilder(uri("/api/ingestion/dead-letters/7/resubmit"))
                .header("Cookie", session + "; " + xsrf).header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.noBody()), null);
        assertThat(resubmit.statusCode()).isEqualTo(409);
        assertThat(RECEIVED).hasSize(2);
        assertThat(RECEIVED.get(0)).containsEntry("authorization", null).containsEntry("cookie",
                session + "; " + xsrf);
        assertThat(RECEIVED.get(1)).containsEntry("xsrf", token);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String user) throws Exception {
        if (user != null) {
            request.header("Authorization", DemoUsers.basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpServer commandService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/ingestion/", exchange -> {
                Map<String, String> seen = new java.util.HashMap<>();
                seen.put("method", exchange.getRequestMethod());
                seen.put("path", exchange.getRequestURI().getPath());
                seen.put("query", exchange.getRequestURI().getQuery());
                seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
                seen.put("cookie", exchange.getRequestHeaders().getFirst("Cookie"));
                seen.put("xsrf", exchange.getRequestHeaders().getFirst("X-XSRF-TOKEN"));
                RECEIVED.add(seen);
                boolean post = "POST".equals(exchange.getRequestMethod());
                byte[] body = (post ? "{\"title\":\"Conflict\",\"detail\":\"already resubmitted\"}" : "[{\"id\":7}]")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", post ? "application/problem+json" : "application/json");
                exchange.sendResponseHeaders(post ? 409 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
