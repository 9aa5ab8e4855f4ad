-- The query service's runtime role owns the read models (docs/security.md#least-privilege-in-postgresql, ADR 0009):
-- a rebuild creates a schema, renames it to read_model and drops the old one (ADR 0005), which only an owner may.
-- The migrations run as the owner role, a member of the query role (deploy/postgres/roles.sql), so after every
-- migration run whatever they created in read_model is handed to the query role; later migrations can still
-- change it. Serialised, as instances may start at once.
SELECT pg_advisory_xact_lock(4848480102);

DO $$
DECLARE
    r record;
BEGIN
    IF (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'read_model') <> '${query-role}' THEN
        ALTER SCHEMA read_model OWNER TO "${query-role}";
    END IF;
    FOR r IN SELECT c.oid::regclass AS relation, c.relkind FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'read_model' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
               AND pg_get_userbyid(c.relowner) <> '${query-role}'
               -- a column's sequence goes with its table
               AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                                    AND d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                       WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.relation, '${query-role}');
    END LOOP;
END
$$;

-- the auditors' jobs (V5, ADR 0012): not a read model, so not the query role's, but read and written by it
GRANT USAGE ON SCHEMA audit_job TO "${query-role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA audit_job TO "${query-role}";
