/**
 * Local mode's logins (ADR 0011): browser sessions as rows in PostgreSQL behind an opaque {@code HttpOnly;
 * SameSite=Strict} cookie, the JSON login the dashboard uses, and the throttle of failed logins per user name and
 * per client address. Everything that must hold across instances lives in the {@code access_control} schema, which
 * both services migrate with a Flyway history table of their own.
 */
package dev.zielmonitor.access.login;
