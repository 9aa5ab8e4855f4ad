package dev.zielmonitor.query.operations;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class CommandServiceProxyTest {

    @Test
    void anUnreachableCommandServiceIsA502ProblemNamingWhereItWasLookedFor() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        CommandServiceProxy proxy = new CommandServiceProxy("http://127.0.0.1:" + port + "/");
        ResponseEntity<?> response = proxy.status(new MockHttpServletRequest("GET", "/api/ingestion/status"));
        assertThat(response.getStatusCode().value()).isEqualTo(502);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getDetail()).contains("does not answer at http://127.0.0.1:" + port)
                .contains("zielmonitor.command-service.url");
    }
}
