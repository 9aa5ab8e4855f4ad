package dev.zielmonitor.query.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.query.CommandSideEvents;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Production mode: bearer tokens of an OpenID Connect provider, played here by a key pair made for the test and a
 * JWKS endpoint on a local port. Valid tokens carry name, roles and Jobcenter; expired, wrongly signed, unsigned
 * and foreign-issuer tokens are refused with 401 and a reason, and the demo users do not exist.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerTokenTest {

    static final TestDatabase DB = TestDatabase.another();
    static final String ISSUER = "https://login.zielmonitor.test/realms/zielmonitor";
    static final RSAKey KEY = key("provider");
    /** Same key id, other key: what a forger would sign with. */
    static final RSAKey FORGED = key("provider");
    static final AtomicInteger KEY_REQUESTS = new AtomicInteger();
    static final HttpServer JWKS = jwks();

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("zielmonitor.security.mode", () -> "oidc");
        registry.add("zielmonitor.security.oidc.issuer-uri", () -> ISSUER);
        registry.add("zielmonitor.security.oidc.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/certs");
    }

    MockMvc mvc;
    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    void mockMvc(WebApplicationContext context) {
        mvc = DemoUsers.anonymousMockMvc(context);
    }

    @BeforeAll
    void twoJobcenters() {
        for (String id : List.of("05122", "05124")) {
            events.append(new GenericDomainEventMessage<>(
                    "JobcenterRegisteredEvent", id, 0, new JobcenterRegisteredEvent(JobcenterId.of(id),
                    "Jobcenter " + id, "DE-NW", CarrierType.ZKT, null, null), MetaData.emptyInstance(),
                    UUID.randomUUID().toString(), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM read_model.jobcenter")
                .query(Long.class).single() == 2);
    }

    @AfterAll
    void stopKeys() {
        JWKS.stop(0);
    }

    @Test
    void aValidTokenCarriesNameRolesAndJobcenter() throws Exception {
        assertThat(call("/api/jobcenters", token(KEY, ISSUER, "ministerium", List.of("MINISTRY"), null,
                Duration.ofMinutes(5))).getStatus()).isEqualTo(200);
        String solingen = token(KEY, ISSUER, "jc-solingen", List.of("JOBCENTER", "offline_access"), "05122",
                Duration.ofMinutes(5));
        assertThat(call("/api/jobcenters/05122", solingen).getStatus()).isEqualTo(200);
        assertThat(call("/api/jobcenters/05124", solingen).getStatus()).isEqualTo(403);
        assertThat(call("/api/audit/hash-chain", solingen).getStatus()).isEqualTo(403);
        // a JOBCENTER token without the Jobcenter claim reads no Jobcenter
        String unbound = token(KEY, ISSUER, "jc-unbound", List.of("JOBCENTER"), null, Duration.ofMinutes(5));
        assertThat(call("/api/jobcenters/05122", unbound).getStatus()).isEqualTo(403);
        // roles the platform does not know give nothing
        String stranger = token(KEY, ISSUER, "someone", List.of("uma_authorization"), null, Duration.ofMinutes(5));
        assertThat(call("/api/jobcenters", stranger).getStatus()).isEqualTo(403);
        assertThat(call("/api/audit/hash-chain", token(KEY, ISSUER, "pruefer", List.of("AUDITOR"), null,
                Duration.ofMinutes(5))).getStatus()).isEqualTo(200);
        assertThat(KEY_REQUESTS.get()).as("the keys come from the provider's JWKS endpoint").isPositive();
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        MockHttpServletResponse response = call("/api/jobcenters", token(KEY, ISSUER, "ministerium",
                List.of("MINISTRY"), null, Duration.ofMinutes(-5)));
        assertRefused(response, "expired");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        assertRefused(call("/api/jobcenters", token(FORGED, ISSUER, "ministerium", List.of("MINISTRY"), null,
                Duration.ofMinutes(5))), "signature");
        JWTClaimsSet claims = claims(ISSUER, "ministerium", List.of("MINISTRY"), null, Duration.ofMinutes(5));
        assertRefused(call("/api/jobcenters", new PlainJWT(claims).serialize()), "");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        assertRefused(call("/api/jobcenters", token(KEY, "https://login.example.org/realms/other", "ministerium",
                List.of("MINISTRY"), null, Duration.ofMinutes(5))), "iss");
    }

    @Test
    void withoutATokenOrWithTheDemoUsersNothingIsRead() throws Exception {
        MockHttpServletResponse none = mvc.perform(get("/api/jobcenters")).andReturn().getResponse();
        assertThat(none.getStatus()).isEqualTo(401);
        assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.getContentType()).startsWith("application/problem+json");
        MockHttpServletResponse basic = mvc.perform(get("/api/jobcenters").with(DemoUsers.as(DemoUsers.MINISTRY)))
                .andReturn().getResponse();
        assertThat(basic.getStatus()).isEqualTo(401);
        // health stays public for the orchestrator
        assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    /**
     * The dashboard logs in at the provider with PKCE: its configuration (public) names the issuer and the public
     * client, the page may connect to the provider's origin and no other, and {@code /api/me} shows the token's
     * caller.
     */
    @Test
    void theDashboardLearnsWhereToLogIn_andMayConnectToTheProviderOnly() throws Exception {
        MockHttpServletResponse config = mvc.perform(get("/api/dashboard/config")).andReturn().getResponse();
        assertThat(config.getStatus()).isEqualTo(200);
        assertThat(config.getContentAsString(StandardCharsets.UTF_8)).contains("\"securityMode\":\"OIDC\"")
                .contains("\"issuer\":\"" + ISSUER + "\"").contains("\"clientId\":\"zielmonitor-dashboard\"");
        assertThat(config.getHeader("Content-Security-Policy"))
                .endsWith("; connect-src 'self' https://login.zielmonitor.test").doesNotContain("realms");
        MockHttpServletResponse page = mvc.perform(get("/")).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        MockHttpServletResponse me = call("/api/me", token(KEY, ISSUER, "jc-solingen", List.of("JOBCENTER"), "05122",
                Duration.ofMinutes(5)));
        assertThat(me.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"jc-solingen\",\"roles\":[\"JOBCENTER\"],\"jobcenterId\":\"05122\"}");
    }

    private static void assertRefused(MockHttpServletResponse response, String reason) throws Exception {
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("bearer token was refused")
                .contains(reason);
    }

    private MockHttpServletResponse call(String path, String token) throws Exception {
        return mvc.perform(get(path).header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }

    private static String token(RSAKey key, String issuer, String user, List<String> roles, String jobcenter,
                                Duration validFor) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims(issuer, user, roles, jobcenter, validFor));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String issuer, String user, List<String> roles, String jobcenter,
                                       Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(UUID.randomUUID().toString())
                .claim("preferred_username", user).claim("realm_access", Map.of("roles", roles))
                .issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(now.plus(validFor)));
        if (jobcenter != null) {
            claims.claim("jobcenter_id", jobcenter);
        }
        return claims.build();
    }

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] keys = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/certs", exchange -> {
                KEY_REQUESTS.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                exchange.getResponseBody().write(keys);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
