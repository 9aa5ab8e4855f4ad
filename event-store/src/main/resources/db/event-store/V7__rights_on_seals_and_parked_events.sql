-- Rights on the tables of V5 (keyed seals, ADR 0010) and V6 (parked projection events, ADR 0014), as V4 grants the
-- rest (ADR 0009). The query service seals and verifies the chain, and parks, lists, retries and evicts its
-- projections' events; the command service needs neither. Nobody may rewrite a seal.
REVOKE ALL ON event_hash_seal, deadletterentry FROM PUBLIC;
GRANT SELECT, INSERT ON event_hash_seal TO "${query-role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON deadletterentry TO "${query-role}";
-- The command service reads events through the event store's read API (EventLog), which shows each event's link.
GRANT SELECT ON event_hash_chain TO "${command-role}";
