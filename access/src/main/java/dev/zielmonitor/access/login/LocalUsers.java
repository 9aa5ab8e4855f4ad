package dev.zielmonitor.access.login;

import dev.zielmonitor.access.AccessProperties;
import dev.zielmonitor.access.Caller;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local mode's users and the check of their passwords, built so that a login takes as long for a user name that
 * does not exist as for a wrong password: Spring compares an unknown user's password with a stand-in encoded by
 * the encoder's default scheme, so that scheme must be the one every user's password is stored in. Plain
 * passwords (the demo users) are compared as {@code {noop}} and the stand-in is {@code {noop}} too; when a
 * configured user has a {@code {bcrypt}} password, plain ones are bcrypt-encoded at start and the stand-in is
 * bcrypt. Two hashing schemes at once cannot cost the same, so the service refuses to start with them.
 */
public final class LocalUsers {

    private static final Pattern SCHEME = Pattern.compile("^\\{([^}]*)}");

    private final UserDetailsService users;
    private final PasswordEncoder encoder;

    public LocalUsers(AccessProperties properties) {
        List<AccessProperties.User> configured = properties.mode() == AccessProperties.Mode.LOCAL
                ? properties.users() : List.of();
        Set<String> hashed = new TreeSet<>();
        for (AccessProperties.User user : configured) {
            Matcher scheme = SCHEME.matcher(user.password());
            if (scheme.find() && !"noop".equals(scheme.group(1))) {
                hashed.add(scheme.group(1));
            }
        }
        if (hashed.size() > 1) {
            throw new IllegalStateException("zielmonitor.security.users: passwords in " + hashed + "; use one "
                    + "scheme for all users (or plain passwords), else the time a login takes tells which user "
                    + "names exist");
        }
        String scheme = hashed.isEmpty() ? "noop" : hashed.iterator().next();
        @SuppressWarnings("deprecation")
        PasswordEncoder noop = NoOpPasswordEncoder.getInstance();
        Map<String, PasswordEncoder> byScheme = Map.of("noop", noop, "bcrypt",
                new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder());
        if (!byScheme.containsKey(scheme)) {
            throw new IllegalStateException("zielmonitor.security.users: password scheme {" + scheme
                    + "} is not supported; use {bcrypt}… or plain passwords");
        }
        this.encoder = new DelegatingPasswordEncoder(scheme, byScheme);
        List<UserDetails> details = new ArrayList<>();
        for (AccessProperties.User user : configured) {
            Collection<SimpleGrantedAuthority> authorities = new ArrayList<>();
            authorities.add(new SimpleGrantedAuthority(user.role().authority()));
            if (user.jobcenterId() != null) {
                authorities.add(new SimpleGrantedAuthority(Caller.JOBCENTER_ID_AUTHORITY + user.jobcenterId()));
            }
            String password = SCHEME.matcher(user.password()).find() ? user.password() : encoder.encode(
                    user.password());
            details.add(User.withUsername(user.name()).password(password).authorities(authorities).build());
        }
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(details);
        // only the look-up: a UserDetailsPasswordService would let Spring "upgrade" a plain password to bcrypt on
        // the first login, after which every HTTP Basic request paid a bcrypt comparison, about 80 ms of CPU
        // here (docs/performance.md)
        this.users = manager::loadUserByUsername;
    }

    public UserDetailsService users() {
        return users;
    }

    /** Checks passwords; unknown user names cost what a wrong password costs. */
    public AuthenticationManager passwords() {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }
}
