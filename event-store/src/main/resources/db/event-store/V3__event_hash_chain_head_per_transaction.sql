-- The hash chain's trigger (V2) read the chain's head from the table for every appended event. Within one
-- transaction the head is the link this transaction wrote last, so it is now kept in a transaction-local setting
-- (set_config(..., true): reset at the end of the transaction and undone with a rolled-back savepoint, together
-- with the links written in it). The head is read from the table, under the advisory lock, only for a
-- transaction's first event. Measured on 50,000 appended events: 57 → 34 µs of database time per event
-- (docs/performance.md). The links are computed exactly as before.

CREATE OR REPLACE FUNCTION zm_chain_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    head     text := current_setting('zielmonitor.chain_head', true);
    previous bytea;
    linked   bytea;
BEGIN
    IF head IS NULL OR head = '' THEN
        -- one appender at a time until its transaction ends
        PERFORM pg_advisory_xact_lock(4848480001);
        SELECT hash INTO previous FROM event_hash_chain ORDER BY position DESC LIMIT 1;
        IF previous IS NULL THEN
            previous := decode(repeat('00', 32), 'hex');
        END IF;
    ELSE
        previous := decode(head, 'hex');
    END IF;
    linked := sha256(previous || zm_event_content_hash(NEW));
    INSERT INTO event_hash_chain (globalindex, eventidentifier, previous_hash, hash)
    VALUES (NEW.globalindex, NEW.eventidentifier, previous, linked);
    PERFORM set_config('zielmonitor.chain_head', encode(linked, 'hex'), true);
    RETURN NULL;
END
$$;
