/**
 * Who may call the command API (the service's {@link dev.zielmonitor.command.security.CommandAccess#accessPolicy
 * access policy}, docs/security.md) and the principal every command carries in its metadata.
 */
package dev.zielmonitor.command.security;
