package dev.zielmonitor.access.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The dashboard's login: {@code POST /login} with {@code {"username": …, "password": …}} as
 * {@code application/json}. Success starts a session (the cookie of {@link LoginSessions}) and a new CSRF token
 * (cookie {@code XSRF-TOKEN}), answered 204; a wrong password 401, too many failures 429, a malformed body 400, all
 * problem+json. It needs no CSRF token: a page of another site cannot send this content type here without a CORS
 * preflight, which the services never allow, whereas the form login ({@code application/x-www-form-urlencoded},
 * Swagger UI's) needs one.
 */
public final class JsonLogin extends AbstractAuthenticationProcessingFilter {

    static final int MAX_FIELD = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public JsonLogin(AuthenticationManager manager, SecurityContextRepository contexts, CsrfTokenRepository csrf,
                     AuthenticationFailureHandler failures) {
        super(JsonLogin::matches);
        setAuthenticationManager(manager);
        setSecurityContextRepository(contexts);
        setAuthenticationDetailsSource(new WebAuthenticationDetailsSource());
        setSessionAuthenticationStrategy(new CsrfAuthenticationStrategy(csrf));
        setAllowSessionCreation(false);
        setAuthenticationSuccessHandler((request, response, authentication) -> {
            LoginAnswers.issueCsrfToken(request);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        });
        setAuthenticationFailureHandler(failures);
    }

    /** A JSON login: {@code POST /login} with a body of type {@code application/json}. */
    public static boolean matches(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod()) && isLoginPath(request)
                && isJson(request.getContentType());
    }

    /** Whether the request is for {@code /login} (whatever the servlet mapping makes of its path). */
    public static boolean isLoginPath(HttpServletRequest request) {
        return (request.getContextPath() + "/login").equals(request.getRequestURI());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
            throws AuthenticationException, IOException {
        JsonNode body;
        try {
            body = JSON.readTree(request.getInputStream());
        } catch (JacksonException e) {
            throw new MalformedLogin("The body is not JSON: send {\"username\": \"…\", \"password\": \"…\"}");
        }
        String user = field(body, "username");
        String password = field(body, "password");
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(user,
                password);
        attempt.setDetails(authenticationDetailsSource.buildDetails(request));
        return getAuthenticationManager().authenticate(attempt);
    }

    private static String field(JsonNode body, String name) {
        JsonNode value = body == null ? null : body.get(name);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new MalformedLogin("\"" + name + "\" is missing or not a text");
        }
        if (value.asString().length() > MAX_FIELD) {
            throw new MalformedLogin("\"" + name + "\" is longer than " + MAX_FIELD + " characters");
        }
        return value.asString();
    }

    /** A login request that is not one (400). */
    public static final class MalformedLogin extends AuthenticationException {
        MalformedLogin(String message) {
            super(message);
        }
    }
}
