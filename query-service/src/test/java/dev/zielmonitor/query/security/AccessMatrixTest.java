package dev.zielmonitor.query.security;

import dev.zielmonitor.access.AccessMatrix;
import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.WebApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the query API, called as nobody and as each role, answers as docs/security.md says. */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest
class AccessMatrixTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    WebApplicationContext context;

    @Test
    void everyEndpointFollowsTheDocumentedPolicy() throws Exception {
        AccessMatrix.Result result = AccessMatrix.check(DemoUsers.anonymousMockMvc(context), "query",
                Path.of("../docs/security.md"));
        System.out.printf("access matrix (query service): %d endpoints, %d requests%n", result.endpoints(),
                result.requests());
        assertThat(result.failures()).isEmpty();
        assertThat(result.endpoints()).isEqualTo(35);
    }
}
