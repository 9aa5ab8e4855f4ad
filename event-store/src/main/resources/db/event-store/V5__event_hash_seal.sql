-- Keyed seals over the hash chain (issue 17, ADR 0010, docs/audit.md). The chain's links (V2) are plain SHA-256:
-- whoever can write the tables can change an event and recompute every later link. A seal is an HMAC-SHA256 over
-- the chain's head (position and hash) and over the seal before it, computed by the query service with a key from
-- its configuration, which is never stored here (ChainSeal.java has the exact message). A rewrite of anything a
-- seal covers then shows: the chain no longer has the sealed hash at the sealed position, and a new seal cannot
-- be made without the key.
--
-- No foreign key to event_hash_chain on purpose: a deleted or rewritten link must be reported by verification,
-- not prevented from being reported. Idempotent: both services run these migrations and either may start first.
-- Rights (granted by whoever creates the runtime roles): INSERT, SELECT for the sealing service (query service),
-- SELECT for anyone who verifies; UPDATE and DELETE for nobody.

CREATE TABLE IF NOT EXISTS event_hash_seal (
    seal_number     BIGINT       PRIMARY KEY,
    position        BIGINT       NOT NULL,
    head_hash       BYTEA        NOT NULL,
    key_id          VARCHAR(64)  NOT NULL,
    previous_key_id VARCHAR(64),
    previous_mac    BYTEA,
    sealed_at       TIMESTAMPTZ  NOT NULL,
    mac             BYTEA        NOT NULL
);
