package dev.zielmonitor.query.operations;

import dev.zielmonitor.access.login.LoginSessions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command service's operations endpoints under the same paths on this service, for the dashboard: the request
 * goes on with the caller's own credentials and nothing else of the browser's, so the command service
 * authenticates the real user, checks its own policy (CSRF included) and records who resubmitted. Credentials are
 * the {@code Authorization} header (HTTP Basic, bearer token) or else local mode's session cookie, which the
 * command service knows from the shared session table, with the CSRF token's cookie and header. Its answer comes
 * back as it is; an unreachable command service is a 502 problem.
 */
@RestController
class CommandServiceProxy {

    private static final Set<String> FORWARDED_COOKIES = Set.of(LoginSessions.COOKIE, "XSRF-TOKEN");
    private static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String commandService;

    CommandServiceProxy(@Value("${zielmonitor.command-service.url:http://localhost:8081}") String commandService) {
        this.commandService = commandService.replaceAll("/+$", "");
    }

    @Operation(summary = "The command service's dead letters (passed through)")
    @GetMapping("/api/ingestion/dead-letters")
    ResponseEntity<?> deadLetters(@RequestParam(required = false) String status,
                                  @RequestParam(required = false) String code,
                                  @RequestParam(required = false) Long beforeId,
                                  @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        return forward("GET", "/api/ingestion/dead-letters", request);
    }

    @Operation(summary = "One of the command service's dead letters (passed through)")
    @GetMapping("/api/ingestion/dead-letters/{id}")
    ResponseEntity<?> deadLetter(@PathVariable long id, HttpServletRequest request) {
        return forward("GET", "/api/ingestion/dead-letters/" + id, request);
    }

    @Operation(summary = "Resubmit a dead letter (passed through to the command service)")
    @PostMapping("/api/ingestion/dead-letters/{id}/resubmit")
    ResponseEntity<?> resubmit(@PathVariable long id, HttpServletRequest request) {
        return forward("POST", "/api/ingestion/dead-letters/" + id + "/resubmit", request);
    }

    @Operation(summary = "The command service's ingestion status: consumer lag, messages by outcome, dead letters")
    @GetMapping("/api/ingestion/status")
    ResponseEntity<?> status(HttpServletRequest request) {
        return forward("GET", "/api/ingestion/status", request);
    }

    private ResponseEntity<?> forward(String method, String path, HttpServletRequest request) {
        String query = request.getQueryString();
        HttpRequest.Builder outgoing = HttpRequest.newBuilder(URI.create(commandService + path
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(15))
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .method(method, HttpRequest.BodyPublishers.noBody());
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            outgoing.header(HttpHeaders.AUTHORIZATION, authorization);
        } else {
            sessionCredentials(request, outgoing);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(outgoing.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return unreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable();
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.statusCode());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> response.header(
                HttpHeaders.CONTENT_TYPE, type));
        return response.body(answer.body());
    }

    /** The session cookie and the CSRF token (cookie and header), and no other cookie of the browser's. */
    private static void sessionCredentials(HttpServletRequest request, HttpRequest.Builder outgoing) {
        List<String> cookies = new ArrayList<>();
        for (Cookie cookie : request.getCookies() == null ? new Cookie[0] : request.getCookies()) {
            if (FORWARDED_COOKIES.contains(cookie.getName()) && cookie.getValue() != null
                    && cookie.getValue().matches("[A-Za-z0-9_-]{1,64}")) {
                cookies.add(cookie.getName() + "=" + cookie.getValue());
            }
        }
        if (cookies.stream().noneMatch(c -> c.startsWith(LoginSessions.COOKIE + "="))) {
            return;
        }
        outgoing.header(HttpHeaders.COOKIE, String.join("; ", cookies));
        String csrf = request.getHeader(CSRF_HEADER);
        if (csrf != null && csrf.matches("[A-Za-z0-9_-]{1,64}")) {
            outgoing.header(CSRF_HEADER, csrf);
        }
    }

    private ResponseEntity<ProblemDetail> unreachable() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "The command service does not answer at " + commandService
                        + " (zielmonitor.command-service.url); try again when it runs");
        problem.setTitle("Command service unreachable");
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
