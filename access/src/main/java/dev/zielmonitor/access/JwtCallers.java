package dev.zielmonitor.access;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated token into the caller: name from the name claim (else {@code sub}), roles from the roles
 * claim (a dotted path such as Keycloak's {@code realm_access.roles}; names other than the four roles are
 * ignored), the Jobcenter id of a JOBCENTER user from the Jobcenter claim. A JOBCENTER token without a valid
 * Jobcenter id reads nothing of any Jobcenter.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final AccessProperties.Oidc oidc;

    JwtCallers(AccessProperties.Oidc oidc) {
        this.oidc = oidc;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Object name : roleNames(jwt)) {
            for (Role role : Role.values()) {
                if (role.name().equals(String.valueOf(name))) {
                    authorities.add(new SimpleGrantedAuthority(role.authority()));
                }
            }
        }
        Object jobcenter = jwt.getClaims().get(oidc.jobcenterClaim());
        if (jobcenter != null && String.valueOf(jobcenter).matches("\\d{5}")) {
            authorities.add(new SimpleGrantedAuthority(Caller.JOBCENTER_ID_AUTHORITY + jobcenter));
        }
        String name = jwt.getClaimAsString(oidc.nameClaim());
        return new JwtAuthenticationToken(jwt, authorities, name == null || name.isBlank() ? jwt.getSubject() : name);
    }

    private Collection<?> roleNames(Jwt jwt) {
        Object node = jwt.getClaims();
        for (String step : oidc.rolesClaim().split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(step);
        }
        if (node instanceof Collection<?> names) {
            return names;
        }
        return node instanceof String text ? List.of(text.split("[\\s,]+")) : List.of();
    }
}
