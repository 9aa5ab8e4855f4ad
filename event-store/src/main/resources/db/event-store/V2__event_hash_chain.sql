-- Tamper evidence (issue 6, docs/audit.md): every event appended to domainevententry is chained by a SHA-256
-- hash over its content and the hash before it, in the same transaction as the append (a trigger, so that no
-- path that writes events can skip it).
--
--   content_n = SHA-256( SHA-256(globalindex as decimal text) || SHA-256(aggregateidentifier)
--                        || SHA-256(sequencenumber as decimal text) || SHA-256(type or '')
--                        || SHA-256(eventidentifier) || SHA-256(payloadtype) || SHA-256(payloadrevision or '')
--                        || SHA-256(timestamp) || SHA-256(payload) || SHA-256(metadata or empty) )
--   hash_n    = SHA-256( hash_(n-1) || content_n ),   hash_0 = 32 zero bytes
--
-- Text is hashed as UTF-8. Each field is hashed on its own, so no two different events can be concatenated into
-- the same bytes. The chain's order is the order in which transactions appended (position), which may differ
-- from the global index when transactions overlap: appenders take a transaction-scoped advisory lock, so the
-- next one reads the head only after the previous one committed or rolled back.

CREATE TABLE IF NOT EXISTS event_hash_chain (
    position        BIGSERIAL    PRIMARY KEY,
    globalindex     BIGINT       NOT NULL,
    eventidentifier VARCHAR(255) NOT NULL,
    previous_hash   BYTEA        NOT NULL,
    hash            BYTEA        NOT NULL,
    chained_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT event_hash_chain_globalindex_uk UNIQUE (globalindex)
);

CREATE OR REPLACE FUNCTION zm_event_content_hash(e domainevententry) RETURNS bytea
    LANGUAGE sql IMMUTABLE AS $$
SELECT sha256(
        sha256(convert_to(e.globalindex::text, 'UTF8'))
        || sha256(convert_to(e.aggregateidentifier, 'UTF8'))
        || sha256(convert_to(e.sequencenumber::text, 'UTF8'))
        || sha256(convert_to(coalesce(e.type, ''), 'UTF8'))
        || sha256(convert_to(e.eventidentifier, 'UTF8'))
        || sha256(convert_to(e.payloadtype, 'UTF8'))
        || sha256(convert_to(coalesce(e.payloadrevision, ''), 'UTF8'))
        || sha256(convert_to(e.timestamp, 'UTF8'))
        || sha256(e.payload)
        || sha256(coalesce(e.metadata, ''::bytea)))
$$;

CREATE OR REPLACE FUNCTION zm_chain_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    previous bytea;
BEGIN
    -- one appender at a time until its transaction ends; re-entrant within a transaction
    PERFORM pg_advisory_xact_lock(4848480001);
    SELECT hash INTO previous FROM event_hash_chain ORDER BY position DESC LIMIT 1;
    IF previous IS NULL THEN
        previous := decode(repeat('00', 32), 'hex');
    END IF;
    INSERT INTO event_hash_chain (globalindex, eventidentifier, previous_hash, hash)
    VALUES (NEW.globalindex, NEW.eventidentifier, previous, sha256(previous || zm_event_content_hash(NEW)));
    RETURN NULL;
END
$$;

-- events stored before this migration: chained once, in global index order
DO $$
DECLARE
    e domainevententry;
    previous bytea := decode(repeat('00', 32), 'hex');
    current bytea;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM event_hash_chain) THEN
        FOR e IN SELECT * FROM domainevententry ORDER BY globalindex LOOP
            current := sha256(previous || zm_event_content_hash(e));
            INSERT INTO event_hash_chain (globalindex, eventidentifier, previous_hash, hash)
            VALUES (e.globalindex, e.eventidentifier, previous, current);
            previous := current;
        END LOOP;
    END IF;
END
$$;

DROP TRIGGER IF EXISTS domainevententry_hash_chain ON domainevententry;
CREATE TRIGGER domainevententry_hash_chain
    AFTER INSERT ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION zm_chain_event();
