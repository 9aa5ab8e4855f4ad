-- Least privilege (docs/security.md#least-privilege-in-postgresql, ADR 0009). This migration runs as the owner role,
-- which owns these tables; the services connect as their runtime roles (placeholders, from spring.flyway.placeholders)
-- and get only what they use. The event store is append-only: no grant lets a runtime role update, delete or
-- truncate an event or a link of the hash chain, and a trigger refuses it to everyone else, the owner included.
-- Idempotent: either service may run it first, on a store an earlier setup created.

REVOKE ALL ON domainevententry, snapshotevententry, tokenentry, event_hash_chain FROM PUBLIC;
REVOKE ALL ON SEQUENCE domainevententry_globalindex_seq, event_hash_chain_position_seq FROM PUBLIC;

-- command service: appends events and reads the streams of its aggregates (no snapshots are taken, ADR 0002:
-- reading finds none). The hash chain's links are written by the trigger below, not by this role.
GRANT SELECT, INSERT ON domainevententry TO "${command-role}";
GRANT USAGE ON SEQUENCE domainevententry_globalindex_seq TO "${command-role}";
GRANT SELECT ON snapshotevententry TO "${command-role}";

-- query service: reads the events and the chain (projections, rebuilds, audit), keeps its processors' tokens
GRANT SELECT ON domainevententry, event_hash_chain TO "${query-role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON tokenentry TO "${query-role}";

-- The chain's trigger runs with the rights of its owner, who may write the links; the appending role need not and
-- may not. A fixed search path (the event store's schema, then pg_temp), so no object of the caller's can stand in
-- for one of the function's. A later CREATE OR REPLACE of zm_chain_event must repeat SECURITY DEFINER and SET.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION zm_chain_event() SECURITY DEFINER SET search_path = %I, pg_temp',
                   current_schema());
END
$$;
REVOKE ALL ON FUNCTION zm_chain_event() FROM PUBLIC;

CREATE OR REPLACE FUNCTION zm_refuse_rewrite() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'stored events are never changed; a correction is a new event (docs/security.md)';
END
$$;

DROP TRIGGER IF EXISTS domainevententry_append_only ON domainevententry;
CREATE TRIGGER domainevententry_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON domainevententry
    FOR EACH STATEMENT EXECUTE FUNCTION zm_refuse_rewrite();

DROP TRIGGER IF EXISTS event_hash_chain_append_only ON event_hash_chain;
CREATE TRIGGER event_hash_chain_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON event_hash_chain
    FOR EACH STATEMENT EXECUTE FUNCTION zm_refuse_rewrite();
