/**
 * Who may call what: roles, the access policy per endpoint, Jobcenter scoping, and the authentication of both
 * services (OIDC bearer tokens, or local users with a session cookie); shared by both services so that one matrix
 * decides (docs/security.md).
 */
package dev.zielmonitor.access;
