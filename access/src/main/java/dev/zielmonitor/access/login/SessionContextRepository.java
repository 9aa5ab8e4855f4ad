package dev.zielmonitor.access.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.core.context.DeferredSecurityContext;

import java.util.Optional;

/**
 * Where Spring Security keeps a browser's login in local mode: in {@link LoginSessions}, never in an
 * {@code HttpSession} (which lives in one JVM). A login filter's {@code saveContext} starts a session, logout's
 * empty context ends it; a request with the cookie is its user's as the configuration defines the user now
 * (roles, Jobcenter), so a changed or removed user takes effect at once. Requests without the cookie cost nothing.
 */
public final class SessionContextRepository implements SecurityContextRepository {

    private final LoginSessions sessions;
    private final UserDetailsService users;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private static final String LOADED = SessionContextRepository.class.getName() + ".loaded";

    public SessionContextRepository(LoginSessions sessions, UserDetailsService users) {
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new DeferredSecurityContext() {
            private SecurityContext context;

            @Override
            public SecurityContext get() {
                if (context == null) {
                    context = holder.createEmptyContext();
                    load(request).ifPresent(context::setAuthentication);
                }
                return context;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = context.getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            sessions.end(request, response);
        } else if (request.getAttribute(LOADED) == null && isLogin(request)) {
            // a login just now; any other caller (HTTP Basic, should it ever save here) starts nothing
            sessions.start(authentication.getName(), request, response);
        }
    }

    private static boolean isLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && JsonLogin.isLoginPath(request);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return load(request).isPresent();
    }

    private Optional<Authentication> load(HttpServletRequest request) {
        if (!LoginSessions.hasCookie(request)) {
            return Optional.empty();
        }
        return sessions.user(request).flatMap(name -> {
            UserDetails user;
            try {
                user = users.loadUserByUsername(name);
            } catch (UsernameNotFoundException gone) {
                return Optional.empty();
            }
            request.setAttribute(LOADED, name);
            return Optional.of(UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null,
                    user.getAuthorities()));
        });
    }
}
