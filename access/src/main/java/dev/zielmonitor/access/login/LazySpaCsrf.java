package dev.zielmonitor.access.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

import java.util.function.Supplier;

/**
 * Spring's SPA handling of CSRF tokens (the raw token in header {@code X-XSRF-TOKEN}, the masked one in form field
 * {@code _csrf}) without its habit of creating the token on every request: that set an {@code XSRF-TOKEN} cookie
 * on every answer, also to anonymous and HTTP Basic requests. The token is made when a login needs it (the login
 * form, a successful login) and lives as long as the session.
 */
public final class LazySpaCsrf implements CsrfTokenRequestHandler {

    private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
    private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        return StringUtils.hasText(request.getHeader(token.getHeaderName()))
                ? plain.resolveCsrfTokenValue(request, token) : masked.resolveCsrfTokenValue(request, token);
    }
}
