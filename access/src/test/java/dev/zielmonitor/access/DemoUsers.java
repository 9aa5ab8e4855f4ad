package dev.zielmonitor.access;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The built-in demo users (local mode) for tests: each logs in with HTTP Basic, through the real filter chain. */
public final class DemoUsers {

    public static final String MINISTRY = "ministerium";
    public static final String JOBCENTER_SOLINGEN = "jobcenter-solingen";
    public static final String JOBCENTER_WUPPERTAL = "jobcenter-wuppertal";
    public static final String AUDITOR = "pruefung";
    public static final String ADMIN = "betrieb";

    private DemoUsers() {
    }

    /**
     * A MockMvc whose every request logs in as {@code user} unless it says otherwise with {@link #as} or
     * {@link #nobody}.
     */
    public static MockMvc mockMvc(WebApplicationContext context, String user) {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity())
                .defaultRequest(get("/").with(as(user))).build();
    }

    /** Logs in as {@code user} with HTTP Basic, replacing credentials a default request gave. */
    public static RequestPostProcessor as(String user) {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.addHeader(HttpHeaders.AUTHORIZATION, basic(user));
            return request;
        };
    }

    /** Sends no credentials, whatever a default request gave. */
    public static RequestPostProcessor nobody() {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            return request;
        };
    }

    /** A MockMvc that sends no credentials of its own. */
    public static MockMvc anonymousMockMvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** The value of an {@code Authorization} header logging in as {@code user}. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password(user))
                .getBytes(StandardCharsets.UTF_8));
    }

    public static String password(String user) {
        return AccessProperties.DEMO_USERS.stream().filter(u -> u.name().equals(user)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo user " + user)).password();
    }
}
