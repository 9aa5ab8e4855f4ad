package dev.zielmonitor.query.audit;

import dev.zielmonitor.query.web.ApiCredentials;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./verify-event-chain.sh [--url http://localhost:8080] [--head POSITION:HASH]}: asks a running query service
 * to walk the hash chain and check its keyed seals (and whether a head noted earlier is still in it), and prints
 * what it found. Exit 0 intact, 1 broken, 2 usage or connection error. The JDK's HTTP client and Jackson: it runs
 * from the service's executable jar (its libraries) without starting Spring.
 */
public final class HashChainCli {

    static final String USAGE = "usage: ./verify-event-chain.sh [--url http://localhost:8080] [--head POSITION:HASH]";
    private static final Pattern HEAD = Pattern.compile("(\\d{1,18}):([0-9a-fA-F]{64})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HashChainCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.getenv()));
    }

    static int run(String[] args, PrintStream out, Map<String, String> env) {
        String url = "http://localhost:8080";
        String query = "";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--url") && i + 1 < args.length) {
                url = args[++i].replaceAll("/+$", "");
            } else if (args[i].equals("--head") && i + 1 < args.length) {
                Matcher head = HEAD.matcher(args[++i]);
                if (!head.matches()) {
                    out.println("--head takes a noted head as POSITION:HASH (a position and 64 hexadecimal digits), "
                            + "e.g. from an audit package: jq -r '.seals.latest | \"\\(.position):\\(.headHash)\"' "
                            + "hash-chain.json\n" + USAGE);
                    return 2;
                }
                query = "?position=" + head.group(1) + "&hash=" + head.group(2);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                out.println("credentials (role AUDITOR): " + ApiCredentials.HOW);
                return 0;
            } else {
                out.println("unknown argument " + args[i] + "\n" + USAGE);
                return 2;
            }
        }
        Optional<String> authorization = ApiCredentials.authorization(env);
        if (authorization.isEmpty()) {
            out.println("no credentials: " + ApiCredentials.HOW + " (role AUDITOR)");
            return 2;
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/api/audit/hash-chain" + query)).header("Authorization", authorization.get())
                            .timeout(Duration.ofMinutes(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                out.println(ApiCredentials.refused(response.statusCode()));
                return 2;
            }
            if (response.statusCode() != 200) {
                out.println("the query service answered HTTP " + response.statusCode() + ": " + response.body());
                return 2;
            }
            String body = response.body();
            JsonNode answer;
            try {
                answer = JSON.readTree(body);
            } catch (JacksonException e) {
                out.println("the query service answered no JSON: " + body);
                return 2;
            }
            boolean intact = answer.path("intact").asBoolean(false);
            out.println(intact ? "Hash chain intact / Hash-Kette unversehrt" : "Hash chain BROKEN / Hash-Kette GEBROCHEN");
            if (answer.path("summary").isString()) {
                out.println(answer.path("summary").asString());
            }
            out.println(body);
            return intact ? 0 : 1;
        } catch (IOException e) {
            out.println("cannot reach " + url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}
