/** Who may read what on the query API (docs/security.md). */
package dev.zielmonitor.query.security;
