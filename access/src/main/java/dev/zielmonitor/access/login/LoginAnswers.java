package dev.zielmonitor.access.login;

import dev.zielmonitor.access.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.csrf.CsrfToken;

import java.io.IOException;

/** How a failed login is answered: problem+json for the JSON login, the login form again for the form login. */
public final class LoginAnswers {

    private LoginAnswers() {
    }

    /** 429 with {@code Retry-After} for a throttled attempt, 400 for a malformed one; else 401. */
    public static void problem(HttpServletRequest request, HttpServletResponse response,
                               AuthenticationException failure) throws IOException {
        if (failure instanceof LoginThrottledException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
            Problems.write(request, response, 429, "Too many failed logins", "Too many failed logins for this "
                    + "user name or from this address; try again in " + throttled.retryAfterSeconds() + " seconds");
        } else if (failure instanceof JsonLogin.MalformedLogin) {
            Problems.write(request, response, 400, "Bad request", failure.getMessage());
        } else {
            Problems.write(request, response, 401, "Unauthorized", "Wrong user name or password");
        }
    }

    /** Writes the session's CSRF token to its cookie now: the next change needs it. */
    static void issueCsrfToken(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (token != null) {
            token.getToken();
        }
    }

    /** The form login's success: the CSRF token for Swagger UI's changes, then Swagger UI (a relative redirect). */
    public static AuthenticationSuccessHandler formSuccess(String target) {
        DefaultRedirectStrategy redirect = new DefaultRedirectStrategy();
        return (request, response, authentication) -> {
            issueCsrfToken(request);
            redirect.sendRedirect(request, response, target);
        };
    }

    /** After logout: 204 for a script (the dashboard asks for JSON), back to the login form for a browser's page. */
    public static LogoutSuccessHandler logoutSuccess(String form) {
        DefaultRedirectStrategy redirect = new DefaultRedirectStrategy();
        return (request, response, authentication) -> {
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            if (accept != null && accept.contains("application/json")) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                redirect.sendRedirect(request, response, form);
            }
        };
    }

    /** The JSON login's answers. */
    public static AuthenticationFailureHandler json() {
        return LoginAnswers::problem;
    }

    /**
     * The form login's: back to the form (a relative redirect, no session), or 429 when throttled: a form that
     * looked the same for a refused and a throttled attempt would hide why the right password does not work.
     */
    public static AuthenticationFailureHandler form() {
        DefaultRedirectStrategy redirect = new DefaultRedirectStrategy();
        return (request, response, failure) -> {
            if (failure instanceof LoginThrottledException) {
                problem(request, response, failure);
            } else {
                redirect.sendRedirect(request, response, "/login?error");
            }
        };
    }
}
