package dev.zielmonitor.access;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Calls every endpoint of a service's OpenAPI document as nobody and as each demo user and compares the answer
 * with the documented policy (docs/security.md): allowed means the request gets past access control (any answer
 * but 401 and 403), refused means 401 without credentials and 403 with. A JOBCENTER user (of 05122) is also sent
 * to Wuppertal's (05124) endpoints where the table says {@code own}. Requests that change state are sent invalid
 * (empty body, unparseable parameters), so an allowed one ends in 400 or 404 and the matrix changes nothing.
 */
public final class AccessMatrix {

    public static final String OWN_JOBCENTER = "05122";
    public static final String OTHER_JOBCENTER = "05124";

    private static final Map<String, String> USERS = Map.of("MINISTRY", DemoUsers.MINISTRY,
            "JOBCENTER", DemoUsers.JOBCENTER_SOLINGEN, "AUDITOR", DemoUsers.AUDITOR, "ADMIN", DemoUsers.ADMIN);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final MockMvc mvc;
    private final List<String> failures = new ArrayList<>();
    private int requests;

    private AccessMatrix(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** What was checked and what differed from the table; empty {@code failures} means the policy holds. */
    public record Result(int endpoints, int requests, List<String> failures) {
    }

    public static Result check(MockMvc anonymousMvc, String service, Path securityDoc) throws Exception {
        return new AccessMatrix(anonymousMvc).run(service, securityDoc);
    }

    private Result run(String service, Path securityDoc) throws Exception {
        Map<String, PolicyTable.Row> rows = PolicyTable.read(securityDoc, service);
        MockHttpServletResponse docs = mvc.perform(MockMvcRequestBuilders.get("/v3/api-docs")).andReturn()
                .getResponse();
        if (docs.getStatus() != 200) {
            throw new IllegalStateException("/v3/api-docs answered " + docs.getStatus());
        }
        JsonNode api = JsonMapper.builder().build().readTree(docs.getContentAsString());
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String method = operation.getKey().toUpperCase();
                String endpoint = method + " " + path.getKey();
                documented.add(endpoint);
                PolicyTable.Row row = rows.get(endpoint);
                if (row == null) {
                    failures.add(endpoint + ": no row in the policy table of " + securityDoc.getFileName()
                            + " (every endpoint needs one)");
                    continue;
                }
                checkRow(row, operation.getValue());
            }
        }
        for (String endpoint : rows.keySet()) {
            if (!documented.contains(endpoint)) {
                failures.add(endpoint + ": in the policy table but not in the OpenAPI document");
            }
        }
        return new Result(documented.size(), requests, failures);
    }

    private void checkRow(PolicyTable.Row row, JsonNode operation) throws Exception {
        for (String caller : PolicyTable.CALLERS) {
            String cell = row.cells().get(caller);
            String user = USERS.get(caller);
            switch (cell) {
                case "✓", "own rows", "anonymised" -> expectAllowed(row, operation, user, OWN_JOBCENTER);
                case "–" -> expectRefused(row, operation, user, OWN_JOBCENTER);
                case "own" -> {
                    if (!"JOBCENTER".equals(caller)) {
                        failures.add(row.endpoint() + ": 'own' is for the JOBCENTER column only");
                        continue;
                    }
                    expectAllowed(row, operation, user, OWN_JOBCENTER);
                    expectRefused(row, operation, user, OTHER_JOBCENTER);
                }
                default -> failures.add(row.endpoint() + ": unknown cell '" + cell + "' for " + caller);
            }
        }
    }

    private void expectAllowed(PolicyTable.Row row, JsonNode operation, String user, String jobcenter)
            throws Exception {
        MockHttpServletResponse response = call(row, operation, user, jobcenter);
        if (response.getStatus() == 401 || response.getStatus() == 403) {
            failures.add(row.endpoint() + " as " + who(user, jobcenter) + ": expected access, got "
                    + response.getStatus() + " " + response.getContentAsString());
        }
    }

    private void expectRefused(PolicyTable.Row row, JsonNode operation, String user, String jobcenter)
            throws Exception {
        MockHttpServletResponse response = call(row, operation, user, jobcenter);
        int expected = user == null ? 401 : 403;
        if (response.getStatus() != expected) {
            failures.add(row.endpoint() + " as " + who(user, jobcenter) + ": expected " + expected + ", got "
                    + response.getStatus());
        } else if (!String.valueOf(response.getContentType()).startsWith("application/problem+json")) {
            failures.add(row.endpoint() + " as " + who(user, jobcenter) + ": " + expected
                    + " without a problem+json body");
        }
    }

    private static String who(String user, String jobcenter) {
        return user == null ? "nobody" : user + (DemoUsers.JOBCENTER_SOLINGEN.equals(user)
                ? " asking for " + jobcenter : "");
    }

    private MockHttpServletResponse call(PolicyTable.Row row, JsonNode operation, String user, String jobcenter)
            throws Exception {
        requests++;
        String uri = row.path().replace("{jobcenterId}", jobcenter)
                .replace("{agreementId}", jobcenter + "-2014")
                .replace("{code}", "K2").replace("{month}", "2014-03").replace("{id}", "999999")
                .replace("{targetId}", "K2").replace("{goalOrSubGoalId}", "G1")
                .replaceAll("\\{[^}]+}", "x"); // any other id: an allowed call ends in 400 or 404
        boolean changesState = !"GET".equals(row.method());
        Map<String, String> query = new LinkedHashMap<>();
        JsonNode parameters = operation.path("parameters");
        for (JsonNode parameter : parameters) {
            if (!"query".equals(parameter.path("in").asString())) {
                continue;
            }
            String name = parameter.path("name").asString();
            if (changesState) {
                query.put(name, "not-valid"); // an allowed call stops at validation
            } else if (parameter.path("required").asBoolean()) {
                query.put(name, sample(name));
            }
        }
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(org.springframework.http.HttpMethod.valueOf(row.method()), uri);
        query.forEach(request::queryParam);
        if (changesState && operation.has("requestBody")) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        request.with(user == null ? DemoUsers.nobody() : DemoUsers.as(user));
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String sample(String parameter) {
        return switch (parameter) {
            case "year" -> "2014";
            case "month" -> "2014-03";
            case "land" -> "NW";
            default -> "x";
        };
    }
}
