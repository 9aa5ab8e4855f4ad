package dev.zielmonitor.access;

import dev.zielmonitor.access.login.AccessSchema;
import dev.zielmonitor.access.login.JsonLogin;
import dev.zielmonitor.access.login.LazySpaCsrf;
import dev.zielmonitor.access.login.LocalUsers;
import dev.zielmonitor.access.login.LoginAnswers;
import dev.zielmonitor.access.login.LoginSessions;
import dev.zielmonitor.access.login.LoginThrottle;
import dev.zielmonitor.access.login.LoginThrottledException;
import dev.zielmonitor.access.login.SessionContextRepository;
import dev.zielmonitor.access.login.ThrottledAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import javax.sql.DataSource;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Spring Security for a service: the service's {@link AccessPolicy} bean decides who may call what; this class
 * supplies authentication (OpenID Connect bearer tokens, or in local mode the demo users with the dashboard's JSON
 * login, form login and HTTP Basic, throttled; package {@code login}), Jobcenter scoping, problem+json for 401/403
 * and for the firewall's refusals, security headers, CSRF for browser sessions, relative redirects and the request
 * size limit. Imported by each service's application class.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AccessProperties.class)
public class AccessConfiguration {

    /** Same-origin only: nothing loads from another host (inline styles for Swagger UI and the login page). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'";

    /**
     * The policy a service sends: in OIDC mode the dashboard may also connect to the provider (discovery and token
     * endpoint of the login with PKCE), and to nothing else.
     */
    static String contentSecurityPolicy(AccessProperties properties) {
        String issuer = properties.oidc().issuerUri();
        if (properties.mode() != AccessProperties.Mode.OIDC || AccessProperties.blank(issuer)) {
            return CONTENT_SECURITY_POLICY;
        }
        java.net.URI uri = java.net.URI.create(issuer);
        String origin = uri.getScheme() + "://" + uri.getAuthority();
        return CONTENT_SECURITY_POLICY + "; connect-src 'self' " + origin;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccessPolicy policy, AccessProperties properties,
                                            LocalUsers users, LoginSessions sessions, LoginThrottle throttle)
            throws Exception {
        boolean local = properties.mode() == AccessProperties.Mode.LOCAL;
        AuthenticationEntryPoint problem = new ProblemEntryPoint(local);
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        http.authorizeHttpRequests(authorize -> {
            authorize.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll();
            authorize.requestMatchers("/actuator", "/actuator/**").hasRole(Role.ADMIN.name());
            authorize.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                    "/swagger-ui/**").permitAll();
            authorize.requestMatchers("/login", "/logout", "/error").permitAll();
            for (AccessRule rule : policy.rules()) {
                authorize.requestMatchers(rule.method(), rule.path()).access(new RuleAuthorization(rule));
            }
            authorize.anyRequest().denyAll();
        });
        http.exceptionHandling(exceptions -> {
            if (local) {
                MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
                browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
                LoginUrlAuthenticationEntryPoint form = new LoginUrlAuthenticationEntryPoint("/login");
                form.setFavorRelativeUris(true); // never built from the request's Host header
                exceptions.defaultAuthenticationEntryPointFor(form, browser);
            }
            exceptions.defaultAuthenticationEntryPointFor(problem, request -> true);
            exceptions.accessDeniedHandler(deniedHandler());
        });
        // no HttpSession, ever: it would live in one JVM. Local mode's browser logins are rows in PostgreSQL
        // (LoginSessions); HTTP Basic and bearer tokens authenticate each request by themselves.
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (local) {
            SessionContextRepository contexts = new SessionContextRepository(sessions, users.users());
            AuthenticationManager passwords = new ThrottledAuthentication(users.passwords(), throttle);
            http.authenticationManager(passwords);
            http.securityContext(context -> context.securityContextRepository(contexts));
            // HTTP Basic authenticates each request by itself: its context lives in the request, never a session
            http.httpBasic(basic -> basic.authenticationEntryPoint(problem)
                    .securityContextRepository(new RequestAttributeSecurityContextRepository()));
            http.formLogin(form -> form.successHandler(LoginAnswers.formSuccess("/swagger-ui/index.html"))
                    .failureHandler(LoginAnswers.form()));
            http.addFilterBefore(new JsonLogin(passwords, contexts, csrfTokens, LoginAnswers.json()),
                    UsernamePasswordAuthenticationFilter.class);
            http.logout(logout -> logout
                    .addLogoutHandler((request, response, authentication) -> sessions.end(request, response))
                    .logoutSuccessHandler(LoginAnswers.logoutSuccess("/login?logout")));
        } else {
            JwtDecoder decoder = jwtDecoder(properties.oidc());
            http.oauth2ResourceServer(resource -> resource
                    .authenticationEntryPoint(problem)
                    .accessDeniedHandler(deniedHandler())
                    .jwt(jwt -> jwt.decoder(decoder)
                            .jwtAuthenticationConverter(new JwtCallers(properties.oidc()))));
        }
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(new LazySpaCsrf())
                .requireCsrfProtectionMatcher(AccessConfiguration::needsCsrfToken));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(properties)))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(
                        "camera=(), microphone=(), geolocation=(), payment=()"))
                .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /**
     * CSRF tokens guard what a browser sends by itself: the session cookie, and the login form (else a foreign page
     * could log the browser in as someone else). A request with an {@code Authorization} header needs none: a
     * browser never adds one by itself here (no Basic challenge is ever answered, see ProblemEntryPoint). Neither
     * does the JSON login, whose content type no foreign page can send here (see JsonLogin). A request with
     * neither a session nor credentials is anonymous and refused with 401 anyway.
     */
    static boolean needsCsrfToken(HttpServletRequest request) {
        if (Set.of("GET", "HEAD", "OPTIONS", "TRACE").contains(request.getMethod())) {
            return false;
        }
        if (JsonLogin.isLoginPath(request)) {
            return !JsonLogin.matches(request);
        }
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null && LoginSessions.hasCookie(request);
    }

    /** Local mode: the configured users (default: the demo users); passwords as {@code {bcrypt}…} or plain. */
    @Bean
    LocalUsers localUsers(AccessProperties properties) {
        return new LocalUsers(properties);
    }

    @Bean
    UserDetailsService localUserDetails(LocalUsers users) {
        return users.users();
    }

    @Bean
    AccessSchema accessSchema(DataSource dataSource, org.springframework.core.env.Environment environment) {
        return AccessSchema.migrate(dataSource, environment);
    }

    @Bean
    LoginSessions loginSessions(DataSource dataSource, AccessProperties properties, AccessSchema migrated) {
        return new LoginSessions(JdbcClient.create(dataSource), properties.session(), Clock.systemUTC());
    }

    @Bean
    LoginThrottle loginThrottle(DataSource dataSource, AccessProperties properties, AccessSchema migrated) {
        return new LoginThrottle(JdbcClient.create(dataSource), properties.loginThrottle(), Clock.systemUTC());
    }

    /**
     * What Spring Security's firewall refuses (encoded slashes, {@code //}, {@code ;}, {@code ..}, …) is a 400
     * problem like every other error, not the servlet container's error page.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> Problems.write(request, response, 400, "Bad request",
                "The request's address is refused: " + rejected.getMessage());
    }

    /**
     * Tomcat: redirects stay relative ({@code Location: /login}), never built from the request's {@code Host}
     * header; encoded slashes and backslashes ({@code %2F}, {@code %5C}) reach the firewall above, which refuses
     * them as problem+json; what Tomcat still refuses by itself is answered as problem+json too.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tomcatHardening() {
        return factory -> {
            factory.addContextCustomizers(context -> {
                context.setUseRelativeRedirects(true);
                ContainerProblems.install(context);
            });
            factory.addConnectorCustomizers(connector -> {
                connector.setEncodedSolidusHandling("passthrough");
                connector.setEncodedReverseSolidusHandling("passthrough");
            });
        };
    }

    /**
     * OIDC mode: tokens signed with the provider's keys (from {@code jwk-set-uri}, else the issuer's discovery
     * document, fetched on first use so the service starts before the provider), issued by {@code issuer-uri},
     * not expired, for {@code audience} when set.
     */
    static JwtDecoder jwtDecoder(AccessProperties.Oidc oidc) {
        if (AccessProperties.blank(oidc.issuerUri())) {
            throw new IllegalStateException("zielmonitor.security.mode is oidc (the default) but "
                    + "zielmonitor.security.oidc.issuer-uri is not set: set the OpenID Connect provider's issuer "
                    + "(ZIELMONITOR_OIDC_ISSUER), or zielmonitor.security.mode=local for the demo users "
                    + "(docs/security.md)");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(oidc.issuerUri()));
        if (!AccessProperties.blank(oidc.audience())) {
            validators.add(new JwtClaimValidator<List<String>>("aud",
                    aud -> aud != null && aud.contains(oidc.audience())));
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder nimbus = AccessProperties.blank(oidc.jwkSetUri())
                    ? (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(oidc.issuerUri())
                    : NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).build();
            nimbus.setJwtValidator(validator);
            return nimbus;
        });
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RequestSizeLimitFilter requestSizeLimitFilter(AccessProperties properties) {
        return new RequestSizeLimitFilter(properties.maxRequestBytes());
    }

    private static AccessDeniedHandler deniedHandler() {
        return (request, response, denied) -> Problems.write(request, response, 403, "Forbidden",
                "Your role does not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    /**
     * 401 as problem+json. With tokens the challenge names the Bearer scheme and why the token was refused; in local
     * mode there is no Basic challenge on purpose: a browser never learns to send Basic credentials by itself.
     */
    private record ProblemEntryPoint(boolean local) implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                             AuthenticationException failure) throws java.io.IOException {
            String detail;
            if (failure instanceof OAuth2AuthenticationException oauth) {
                String description = oauth.getError().getDescription();
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                detail = "The bearer token was refused" + (description == null ? "" : ": " + description);
            } else if (local) {
                detail = "Log in at /login, or send HTTP Basic credentials (README.md lists the demo users)";
            } else {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                detail = "Send a bearer token of the OpenID Connect provider";
            }
            if (failure instanceof LoginThrottledException
                    || failure instanceof org.springframework.security.authentication.BadCredentialsException) {
                LoginAnswers.problem(request, response, failure);
                return;
            }
            Problems.write(request, response, 401, "Unauthorized", detail);
        }
    }

    /** One rule of the policy, with the Jobcenter in the path checked for a JOBCENTER user. */
    private record RuleAuthorization(AccessRule rule) implements AuthorizationManager<RequestAuthorizationContext> {
        @Override
        public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                             RequestAuthorizationContext context) {
            return new AuthorizationDecision(granted(authentication.get(), context));
        }

        private boolean granted(Authentication authentication, RequestAuthorizationContext context) {
            if (rule.anonymous()) {
                return true;
            }
            if (authentication == null || !authentication.isAuthenticated()
                    || authentication instanceof AnonymousAuthenticationToken) {
                return false;
            }
            Caller caller = Caller.of(authentication);
            if (rule.roles().stream().anyMatch(caller::has)) {
                return true;
            }
            if (!caller.has(Role.JOBCENTER)) {
                return false;
            }
            return switch (rule.jobcenter()) {
                case NONE -> false;
                case OWN -> ownPath(caller, context);
                case OWN_ROWS, ANONYMISED, ALL -> true;
            };
        }

        private static boolean ownPath(Caller caller, RequestAuthorizationContext context) {
            String own = caller.jobcenterId();
            if (own == null) {
                return false;
            }
            String jobcenter = context.getVariables().get("jobcenterId");
            if (jobcenter != null) {
                return jobcenter.equals(own);
            }
            String agreement = context.getVariables().get("agreementId");
            return agreement != null && agreement.startsWith(own + "-");
        }
    }
}
