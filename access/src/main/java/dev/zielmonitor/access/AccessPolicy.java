package dev.zielmonitor.access;

import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * A service's endpoints and who may call them. Every endpoint must have a rule: anything without one is refused
 * to everybody, and the access-matrix test fails for an endpoint of the OpenAPI document without a row in
 * docs/security.md.
 */
public record AccessPolicy(List<AccessRule> rules) {

    public AccessPolicy {
        rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<AccessRule> rules = new ArrayList<>();

        /** Anyone, authenticated or not. */
        public Builder anyone(HttpMethod method, String path) {
            rules.add(new AccessRule(method, path, true, EnumSet.noneOf(Role.class), JobcenterAccess.ALL));
            return this;
        }

        /** The listed roles (never JOBCENTER: its access is {@code jobcenter}). */
        public Builder allow(HttpMethod method, String path, JobcenterAccess jobcenter, Role... roles) {
            rules.add(new AccessRule(method, path, false,
                    roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(Arrays.asList(roles)), jobcenter));
            return this;
        }

        public AccessPolicy build() {
            return new AccessPolicy(rules);
        }
    }
}
