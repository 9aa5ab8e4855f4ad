-- What the command service's runtime role may do with its own tables (docs/security.md#least-privilege-in-postgresql):
-- granted after every migration run, so a table a later migration adds needs only its lines here. As the owner
-- role; serialised, as instances may start at once.
SELECT pg_advisory_xact_lock(4848480101);

GRANT USAGE ON SCHEMA command_side TO "${command-role}";
-- parked records: written on rejection, read by the API, marked RESUBMITTED (never deleted)
GRANT SELECT, INSERT, UPDATE ON command_side.dead_letter TO "${command-role}";
GRANT USAGE ON SEQUENCE command_side.dead_letter_id_seq TO "${command-role}";
