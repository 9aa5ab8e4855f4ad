package dev.zielmonitor.access.login;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.util.Optional;

/**
 * Every password login of local mode (form, JSON, HTTP Basic) through the {@link LoginThrottle}: charged first,
 * refused unchecked over the limit, the charge taken back on success. The client address is the one the
 * authentication details name, i.e. the request's remote address (the socket's, unless the service is told to
 * trust a proxy's header: docs/security.md).
 */
public final class ThrottledAuthentication implements AuthenticationManager {

    private final AuthenticationManager passwords;
    private final LoginThrottle throttle;

    public ThrottledAuthentication(AuthenticationManager passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String user = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Optional<Duration> wait = throttle.charge(user, address);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        Authentication authenticated = passwords.authenticate(attempt);
        throttle.succeeded(user, address);
        return authenticated;
    }
}
