package dev.zielmonitor.access;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Over real HTTP, for both services: no answer of an anonymous or HTTP Basic request sets a cookie, redirects
 * never name the request's {@code Host}, and what the firewall refuses is a 400 problem. Each check returns what
 * differed; empty means it holds.
 */
public final class HttpHardening {

    /** Paths Spring Security's firewall (or Tomcat before it) refuses: each must be a 400 problem+json. */
    public static final List<String> HOSTILE_PATHS = List.of(
            "//api/jobcenters",
            "/api//jobcenters",
            "/api/jobcenters%2F05122",
            "/api/jobcenters%2f05122",
            "/api;jsessionid=x/jobcenters",
            "/api/jobcenters;x=1",
            "/api/./jobcenters",
            "/api/x/../jobcenters",
            "/api/%2e%2e/jobcenters",
            "/api/jobcenters%5C05122",
            "/api/jobcenters/%25",
            "/api/jobcenters%00",
            "/api/jobcenters/%0a");

    private static final String EVIL = "evil.example";

    private HttpHardening() {
    }

    public static List<String> firewallRefusals(int port, String user) throws IOException {
        List<String> failures = new ArrayList<>();
        for (String path : HOSTILE_PATHS) {
            RawHttp.Response response = RawHttp.get(port, path, user == null ? Map.of()
                    : Map.of("Authorization", DemoUsers.basic(user)));
            String type = String.valueOf(response.header("Content-Type"));
            if (response.status() != 400 || !type.startsWith("application/problem+json")
                    || !response.body().contains("\"status\":400")) {
                failures.add(path + ": " + response.status() + " " + type + " " + abbreviate(response.body()));
            }
        }
        return failures;
    }

    /**
     * Requests that are answered with a redirect, each sent with {@code Host: evil.example}: the {@code Location}
     * must be a path of this service.
     */
    public static List<String> redirectsIgnoreTheHost(int port) throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, String> evil = Map.of("Host", EVIL);
        check(failures, "browser without login", RawHttp.send(port, "GET", "/api/ingestion/status",
                withHost(Map.of("Accept", "text/html")), null));
        check(failures, "swagger-ui.html", RawHttp.get(port, "/swagger-ui.html", evil));
        // the form login: its page sets the CSRF cookie it needs, the wrong password goes back to the form
        RawHttp.Response form = RawHttp.get(port, "/login", evil);
        String cookie = String.valueOf(form.header("Set-Cookie")).split(";")[0];
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(form.body());
        if (!token.find()) {
            failures.add("no login form: " + form.status() + " " + abbreviate(form.body()));
            return failures;
        }
        Map<String, String> formHeaders = withHost(Map.of("Cookie", cookie,
                "Content-Type", "application/x-www-form-urlencoded"));
        check(failures, "wrong password", RawHttp.send(port, "POST", "/login", formHeaders,
                "username=pruefung&password=falsch&_csrf=" + token.group(1)));
        RawHttp.Response login = RawHttp.send(port, "POST", "/login", formHeaders,
                "username=pruefung&password=pruefung&_csrf=" + token.group(1));
        check(failures, "login", login);
        String session = login.all("Set-Cookie").stream().filter(c -> c.startsWith("ZIELMONITOR_SESSION="))
                .map(c -> c.split(";")[0]).findFirst().orElse("");
        // the login's new token (the form's is cleared first, then the new one set)
        String csrf = login.all("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN=") && !c.startsWith(
                "XSRF-TOKEN=;")).map(c -> c.split(";")[0]).reduce((a, b) -> b).orElse(cookie);
        check(failures, "logout", RawHttp.send(port, "POST", "/logout", withHost(Map.of(
                "Cookie", session + "; " + csrf, "X-XSRF-TOKEN", csrf.substring(csrf.indexOf('=') + 1))), ""));
        return failures;
    }

    /**
     * Anonymous and HTTP Basic requests: none may be answered with {@code Set-Cookie}. Wrong credentials only on
     * the first path: every one counts against this address's failed logins.
     */
    public static List<String> noCookies(int port, List<String> paths) throws IOException {
        List<String> failures = new ArrayList<>();
        for (String path : paths) {
            String[] users = path.equals(paths.get(0))
                    ? new String[] {null, DemoUsers.MINISTRY, DemoUsers.ADMIN, "nobody-at-all"}
                    : new String[] {null, DemoUsers.MINISTRY, DemoUsers.ADMIN};
            for (String user : users) {
                for (String accept : new String[] {"application/json", "text/html"}) {
                    Map<String, String> headers = new java.util.HashMap<>(Map.of("Accept", accept));
                    if (user != null) {
                        headers.put("Authorization", DemoUsers.MINISTRY.equals(user) || DemoUsers.ADMIN.equals(user)
                                ? DemoUsers.basic(user) : "Basic bm9ib2R5LWF0LWFsbDp4");
                    }
                    RawHttp.Response response = RawHttp.get(port, path, headers);
                    if (!response.all("Set-Cookie").isEmpty()) {
                        failures.add(path + " as " + user + " (" + accept + "): " + response.status() + " "
                                + response.all("Set-Cookie"));
                    }
                }
            }
        }
        return failures;
    }

    private static Map<String, String> withHost(Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Host", EVIL);
        return all;
    }

    private static void check(List<String> failures, String what, RawHttp.Response response) {
        String location = response.header("Location");
        if (response.status() / 100 != 3 || location == null) {
            failures.add(what + ": no redirect but " + response.status() + " " + abbreviate(response.body()));
        } else if (location.contains(EVIL) || !location.startsWith("/")) {
            failures.add(what + ": Location " + location);
        }
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
