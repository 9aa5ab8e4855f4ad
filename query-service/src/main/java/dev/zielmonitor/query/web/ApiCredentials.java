package dev.zielmonitor.query.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * How the command-line tools log in to the query API (docs/security.md): a bearer token from
 * {@code ZIELMONITOR_TOKEN}, or HTTP Basic from {@code ZIELMONITOR_USER} and {@code ZIELMONITOR_PASSWORD} (local
 * mode). Never from arguments, which other users of the machine can read.
 */
public final class ApiCredentials {

    public static final String HOW = "set ZIELMONITOR_TOKEN (a bearer token), or ZIELMONITOR_USER and "
            + "ZIELMONITOR_PASSWORD (local mode, e.g. the demo users of README.md)";

    private ApiCredentials() {
    }

    /** The {@code Authorization} header value, if the environment names credentials. */
    public static Optional<String> authorization(Map<String, String> env) {
        String token = env.get("ZIELMONITOR_TOKEN");
        if (token != null && !token.isBlank()) {
            return Optional.of("Bearer " + token.strip());
        }
        String user = env.get("ZIELMONITOR_USER");
        String password = env.get("ZIELMONITOR_PASSWORD");
        if (user != null && !user.isBlank() && password != null) {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    /** What to tell the user about a 401 or 403. */
    public static String refused(int status) {
        return status == 401 ? "the query service did not accept the credentials (HTTP 401); " + HOW
                : "the credentials' role may not do this (HTTP 403)";
    }
}
