package dev.zielmonitor.query.audit;

import dev.zielmonitor.query.web.ApiCredentials;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./verify-event-chain.sh [--url http://localhost:8080]}: asks a running query service to walk the hash
 * chain and prints what it found. Exit 0 intact, 1 broken, 2 usage or connection error. Plain JDK, so it runs
 * from the service's jar without starting Spring.
 */
public final class HashChainCli {

    private HashChainCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.getenv()));
    }

    static int run(String[] args, PrintStream out, Map<String, String> env) {
        String url = "http://localhost:8080";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--url") && i + 1 < args.length) {
                url = args[++i].replaceAll("/+$", "");
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println("usage: ./verify-event-chain.sh [--url http://localhost:8080]");
                out.println("credentials (role AUDITOR): " + ApiCredentials.HOW);
                return 0;
            } else {
                out.println("unknown argument " + args[i] + "\nusage: ./verify-event-chain.sh [--url URL]");
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
                    URI.create(url + "/api/audit/hash-chain")).header("Authorization", authorization.get())
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
            boolean intact = body.contains("\"intact\":true");
            out.println(intact ? "Hash chain intact / Hash-Kette unversehrt" : "Hash chain BROKEN / Hash-Kette GEBROCHEN");
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
