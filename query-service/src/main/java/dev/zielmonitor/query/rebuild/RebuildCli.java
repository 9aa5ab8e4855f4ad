package dev.zielmonitor.query.rebuild;

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

/**
 * The command line for rebuilds ({@code ./rebuild-read-models.sh}): starts a run on a running query service,
 * prints its progress every second until it ends, and exits 0 when it completed (and, for a verification, found
 * no differences), 1 when it failed or found differences, 2 on a usage or connection error. The JDK's HTTP client
 * and Jackson for the run's JSON ({@code Rebuild.View}), so it runs from the service's jar without starting Spring.
 */
public final class RebuildCli {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RebuildCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, Duration.ofSeconds(1), System.getenv()));
    }

    static int run(String[] args, PrintStream out, Duration interval, Map<String, String> env) {
        String url = "http://localhost:8080";
        String mode = "SWITCH";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> {
                    if (++i == args.length) {
                        return usage(out, "--url needs a value");
                    }
                    url = args[i].replaceAll("/+$", "");
                }
                case "--verify" -> mode = "VERIFY";
                case "--help", "-h" -> {
                    usage(out, null);
                    return 0;
                }
                default -> {
                    return usage(out, "unknown argument " + args[i]);
                }
            }
        }
        Optional<String> authorization = ApiCredentials.authorization(env);
        if (authorization.isEmpty()) {
            out.println("no credentials: " + ApiCredentials.HOW + " (role ADMIN)");
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(
                            URI.create(url + "/api/admin/rebuilds?mode=" + mode))
                    .header("Authorization", authorization.get())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() == 401 || started.statusCode() == 403) {
                out.println("could not start: " + ApiCredentials.refused(started.statusCode()));
                return 2;
            }
            if (started.statusCode() != 202) {
                out.println("could not start: HTTP " + started.statusCode() + " " + started.body());
                return 1;
            }
            JsonNode run = JSON.readTree(started.body());
            String id = run.path("id").asString("");
            out.println("rebuild " + id + " started on " + url);
            String printed = null;
            while (true) {
                String summary = run.path("summary").asString("");
                if (!summary.equals(printed)) {
                    out.println(summary);
                    printed = summary;
                }
                String state = run.path("state").asString("");
                if (!"RUNNING".equals(state)) {
                    boolean agrees = !"VERIFY".equals(mode)
                            || run.path("verification").path("agrees").asBoolean(false);
                    return "COMPLETED".equals(state) && agrees ? 0 : 1;
                }
                Thread.sleep(interval.toMillis());
                HttpResponse<String> progress = http.send(HttpRequest.newBuilder(
                        URI.create(url + "/api/admin/rebuilds/" + id))
                                .header("Authorization", authorization.get()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (progress.statusCode() != 200) {
                    out.println("lost the run: HTTP " + progress.statusCode() + " " + progress.body());
                    return 1;
                }
                run = JSON.readTree(progress.body());
            }
        } catch (JacksonException e) {
            out.println("unexpected answer from the query service at " + url + ": " + e.getOriginalMessage());
            return 1;
        } catch (IOException e) {
            out.println("cannot reach the query service at " + url + ": " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static int usage(PrintStream out, String problem) {
        if (problem != null) {
            out.println(problem);
        }
        out.println("usage: rebuild-read-models.sh [--url http://localhost:8080] [--verify]");
        out.println("credentials (role ADMIN): " + ApiCredentials.HOW);
        return problem == null ? 0 : 2;
    }
}
