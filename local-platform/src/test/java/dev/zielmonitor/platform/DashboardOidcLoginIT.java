package dev.zielmonitor.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zielmonitor.infra.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's production login in a real browser: the query service in OIDC mode, and an OpenID Connect
 * provider played by this test (discovery, authorization endpoint, token endpoint that checks the PKCE verifier
 * against the challenge, signing keys). The dashboard sends the browser to the provider, exchanges the code with its
 * verifier, and calls the API with the bearer token; a login the provider refuses is reported in German.
 */
class DashboardOidcLoginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL64 = Base64.getUrlEncoder().withoutPadding();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Path workDir;
    private static String axeSource;
    private static Provider provider;
    private static ChildProcess query;
    private static String queryUrl;

    private WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        axeSource = Browsers.requireBrowserAndAxe();
        Path root = Path.of("..").toAbsolutePath().normalize();
        workDir = root.resolve("local-platform/target/it-dashboard-oidc");
        if (Files.exists(workDir)) {
            try (var paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(workDir);
        provider = new Provider();
        int port = freePort();
        queryUrl = "http://localhost:" + port;
        TestDatabase db = TestDatabase.another();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("ZIELMONITOR_DB_URL", db.url());
        env.putAll(db.roles().environment());
        env.put("ZIELMONITOR_SECURITY_MODE", "oidc");
        env.put("ZIELMONITOR_OIDC_ISSUER", provider.issuer()); // keys from the issuer's discovery document
        env.put("ZIELMONITOR_HASH_CHAIN_KEYS", "it-oidc:" + java.util.Base64.getEncoder().encodeToString(
                "a fixed key of this test, 32 bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        env.put("ZIELMONITOR_HASH_CHAIN_PUBLISH_FILE", workDir.resolve("hash-chain-seals.jsonl").toString());
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        query = ChildProcess.startJar("query-service", List.of("-Xmx512m", "-XX:+UseSerialGC",
                        "-Daxoniq.update-checker.disabled=true"), LocalPlatform.executableJar(root, "query-service"),
                env, workDir.resolve("query-service.log"));
        HttpClient http = HttpClient.newHttpClient();
        LocalPlatform.await(Duration.ofMinutes(3), "the query service in OIDC mode", () -> {
            query.checkAlive();
            try {
                return http.send(HttpRequest.newBuilder(URI.create(queryUrl + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"");
            } catch (IOException | InterruptedException notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() {
        if (query != null) {
            query.close();
        }
        if (provider != null) {
            provider.server.stop(0);
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardLogsInAtTheProviderWithPkce_andReadsTheApiWithTheToken() {
        browser = Browsers.start(workDir, workDir);
        browser.get(queryUrl + "/#/uebersicht?jahr=2014");
        await(() -> !browser.findElements(By.id("login-oidc")).isEmpty());
        assertThat(Browsers.severe(Browsers.axe(browser, axeSource))).as("the OIDC login page").isEmpty();
        browser.findElement(By.id("login-oidc")).click();

        await(() -> !browser.findElements(By.cssSelector("#nav-list a")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#nav-list a")).stream().map(WebElement::getText).toList())
                .containsExactly("Übersicht", "Jobcenter", "Zielvereinbarung", "Vergleich");
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("ministerium (Ministerium)");
        await(() -> "uebersicht".equals(js("return document.getElementById('main').dataset.page")));
        await(() -> !browser.findElements(By.id("overview-summary")).isEmpty());
        assertThat(browser.getCurrentUrl()).as("back where the login started, the code gone from the address")
                .isEqualTo(queryUrl + "/#/uebersicht?jahr=2014");

        Map<String, String> authorization = provider.authorizations.get(0);
        assertThat(authorization).containsEntry("response_type", "code")
                .containsEntry("client_id", "zielmonitor-dashboard").containsEntry("redirect_uri", queryUrl + "/")
                .containsEntry("code_challenge_method", "S256").containsEntry("scope", "openid");
        assertThat(authorization.get("code_challenge")).hasSize(43);
        assertThat(provider.tokenRequests).hasSize(1);
        assertThat(provider.tokenRequests.get(0)).containsEntry("grant_type", "authorization_code")
                .containsEntry("verified", "true");
        assertThat(js("return sessionStorage.getItem('zielmonitor.auth')")).as("what the page sends with its calls")
                .isEqualTo("Bearer " + provider.issuedTokens.get(0));
    }

    @Test
    void aLoginTheProviderRefusesIsReportedInGerman() {
        provider.refuseNext = true;
        browser = Browsers.start(workDir, workDir);
        browser.get(queryUrl + "/");
        await(() -> !browser.findElements(By.id("login-oidc")).isEmpty());
        browser.findElement(By.id("login-oidc")).click();
        await(() -> browser.findElement(By.id("login-status")).getText()
                .contains("Die Anmeldung wurde abgebrochen: Zugriff verweigert"));
        assertThat(browser.findElements(By.cssSelector("#nav-list a"))).isEmpty();
        assertThat(browser.getCurrentUrl()).doesNotContain("error=");
    }

    private Object js(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(script);
    }

    /**
     * Waits, reading an element again when the page re-rendered it while it was read (the login status is replaced
     * as the refusal comes back); on a timeout says what the provider saw and what the page shows.
     */
    private void await(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "provider saw authorizations " + provider.authorizations + ", token requests "
                        + provider.tokenRequests + "; the page at " + browser.getCurrentUrl() + " shows: "
                        + browser.findElement(By.tagName("main")).getText() + "; the API answers its token: "
                        + apiAnswer())
                .until(d -> condition.getAsBoolean());
    }

    private static String apiAnswer() {
        if (provider.issuedTokens.isEmpty()) {
            return "no token issued";
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(queryUrl + "/api/me"))
                    .header("Authorization", "Bearer " + provider.issuedTokens.get(0)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.headers().firstValue("WWW-Authenticate").orElse("")
                    + " " + response.body();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * An OpenID Connect provider as far as the dashboard and the resource server use one: discovery, an
     * authorization endpoint that logs in "ministerium" at once (or refuses), a token endpoint that gives the
     * token only for the verifier whose SHA-256 is the challenge, and the key set. CORS as a provider allows it.
     */
    static final class Provider {
        final HttpServer server;
        final KeyPair keys;
        final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
        final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
        final List<String> issuedTokens = new CopyOnWriteArrayList<>();
        volatile boolean refuseNext;

        Provider() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/realms/test/.well-known/openid-configuration", e -> send(e, 200, Map.of(
                    "issuer", issuer(), "authorization_endpoint", issuer() + "/auth",
                    "token_endpoint", issuer() + "/token", "jwks_uri", issuer() + "/certs",
                    "response_types_supported", List.of("code"), "subject_types_supported", List.of("public"),
                    "id_token_signing_alg_values_supported", List.of("RS256"))));
            server.createContext("/realms/test/certs", e -> {
                RSAPublicKey key = (RSAPublicKey) keys.getPublic();
                send(e, 200, Map.of("keys", List.of(Map.of("kty", "RSA", "kid", "k1", "use", "sig", "alg", "RS256",
                        "n", URL64.encodeToString(unsigned(key.getModulus())),
                        "e", URL64.encodeToString(unsigned(key.getPublicExponent()))))));
            });
            server.createContext("/realms/test/auth", this::authorize);
            server.createContext("/realms/test/token", this::token);
            server.start();
        }

        String issuer() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
        }

        private void authorize(HttpExchange exchange) throws IOException {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            authorizations.add(query);
            String target;
            if (refuseNext) {
                refuseNext = false;
                target = query.get("redirect_uri") + "?error=access_denied&error_description="
                        + URLEncoder.encode("Zugriff verweigert", StandardCharsets.UTF_8) + "&state=" + query.get("state");
            } else {
                String code = UUID.randomUUID().toString();
                codes.put(code, query);
                target = query.get("redirect_uri") + "?code=" + code + "&state=" + query.get("state");
            }
            exchange.getResponseHeaders().add("Location", target);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        private void token(HttpExchange exchange) throws IOException {
            Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            Map<String, String> authorization = codes.remove(request.getOrDefault("code", ""));
            boolean verified = authorization != null && request.get("code_verifier") != null
                    && challenge(request.get("code_verifier")).equals(authorization.get("code_challenge"))
                    && authorization.get("redirect_uri").equals(request.get("redirect_uri"))
                    && authorization.get("client_id").equals(request.get("client_id"));
            Map<String, String> seen = new LinkedHashMap<>(request);
            seen.put("verified", Boolean.toString(verified));
            tokenRequests.add(seen);
            if (!verified) {
                send(exchange, 400, Map.of("error", "invalid_grant"));
                return;
            }
            String token = jwt(Map.of("iss", issuer(), "sub", UUID.randomUUID().toString(),
                    "preferred_username", "ministerium", "realm_access", Map.of("roles", List.of("MINISTRY")),
                    "iat", Instant.now().getEpochSecond(), "exp", Instant.now().plusSeconds(600).getEpochSecond()));
            issuedTokens.add(token);
            send(exchange, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 600));
        }

        private String jwt(Map<String, Object> claims) {
            try {
                String header = URL64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "kid", "k1",
                        "typ", "JWT")));
                String payload = URL64.encodeToString(JSON.writeValueAsBytes(claims));
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(keys.getPrivate());
                signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
                return header + "." + payload + "." + URL64.encodeToString(signature.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String challenge(String verifier) {
            try {
                return URL64.encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        }

        private static Map<String, String> form(String encoded) {
            Map<String, String> values = new LinkedHashMap<>();
            if (encoded != null) {
                for (String pair : encoded.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return values;
        }

        private static void send(HttpExchange exchange, int status, Object body) throws IOException {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
