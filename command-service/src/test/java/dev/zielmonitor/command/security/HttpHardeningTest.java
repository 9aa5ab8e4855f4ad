package dev.zielmonitor.command.security;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.access.HttpHardening;
import dev.zielmonitor.infra.KafkaTestBroker;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command service over real HTTP, as the query service's HardeningTest: no cookie for anonymous or HTTP Basic
 * requests, redirects without the request's Host, the firewall's refusals as 400 problems.
 */
// a context and database of its own: its failed logins count against this address there only
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.apache.kafka=warn")
class HttpHardeningTest {

    static final TestDatabase DB = TestDatabase.another();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.kafka.bootstrap-servers", () -> KafkaTestBroker.get().bootstrapServers());
    }

    @LocalServerPort
    int port;

    @Test
    void anonymousAndHttpBasicRequestsGetNoCookie() throws Exception {
        assertThat(HttpHardening.noCookies(port, List.of("/api/ingestion/dead-letters", "/api/ingestion/status",
                "/api/nothing-here", "/actuator/health", "/v3/api-docs", "/swagger-ui/index.html"))).isEmpty();
    }

    @Test
    void redirectsNeverNameTheRequestsHost() throws Exception {
        assertThat(HttpHardening.redirectsIgnoreTheHost(port)).isEmpty();
    }

    @Test
    void whatTheFirewallRefusesIsAProblemLikeEveryOtherError() throws Exception {
        assertThat(HttpHardening.firewallRefusals(port, null)).isEmpty();
        assertThat(HttpHardening.firewallRefusals(port, DemoUsers.ADMIN)).isEmpty();
    }
}
