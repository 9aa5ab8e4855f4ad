package dev.zielmonitor.command.security;

import dev.zielmonitor.access.AccessMatrix;
import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.command.CommandServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the command API, called as nobody and as each role, answers as docs/security.md says. */
class AccessMatrixTest extends CommandServiceIntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Test
    void everyEndpointFollowsTheDocumentedPolicy() throws Exception {
        AccessMatrix.Result result = AccessMatrix.check(DemoUsers.anonymousMockMvc(context), "command",
                Path.of("../docs/security.md"));
        System.out.printf("access matrix (command service): %d endpoints, %d requests%n", result.endpoints(),
                result.requests());
        assertThat(result.failures()).isEmpty();
        assertThat(result.endpoints()).isEqualTo(11);
    }
}
