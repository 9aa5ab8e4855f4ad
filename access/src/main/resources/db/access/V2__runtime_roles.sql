-- The schema is migrated by the owner role (ADR 0009); both services' runtime roles read and write the sessions and
-- the failed-login counters (placeholders from spring.flyway.placeholders).
REVOKE ALL ON SCHEMA access_control FROM PUBLIC;
GRANT USAGE ON SCHEMA access_control TO "${command-role}", "${query-role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON access_control.login_session, access_control.login_failure
    TO "${command-role}", "${query-role}";
