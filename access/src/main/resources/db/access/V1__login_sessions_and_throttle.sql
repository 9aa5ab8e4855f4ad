-- Local mode's browser sessions and failed-login counters, shared by every instance of both services (ADR 0011).
-- Both services run this migration with the same history table (flyway_history_access); the DDL is idempotent
-- so either can start first.

CREATE SCHEMA IF NOT EXISTS access_control;

-- A logged-in browser. The cookie holds a random token; only its SHA-256 is stored, so whoever reads this table
-- (a backup, a read-only role) cannot take over a session. The user's roles are not stored: they are looked up
-- in the configuration on every request, so a changed or removed user takes effect at once.
CREATE TABLE IF NOT EXISTS access_control.login_session (
    token_hash  BYTEA        PRIMARY KEY,
    user_name   VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    last_seen   TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX IF NOT EXISTS login_session_expires_idx ON access_control.login_session (expires_at);

-- Failed logins per subject in the current window: 'user:' + SHA-256 of the lower-cased user name (what someone
-- typed as a user name may be a password), or 'address:' + the client's address.
CREATE TABLE IF NOT EXISTS access_control.login_failure (
    subject      VARCHAR(200) PRIMARY KEY,
    failures     INTEGER      NOT NULL,
    window_start TIMESTAMPTZ  NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failure_window_idx ON access_control.login_failure (window_start);
