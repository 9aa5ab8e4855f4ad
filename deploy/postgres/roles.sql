-- The platform's PostgreSQL roles (docs/security.md#least-privilege-in-postgresql, ADR 0009): an owner role that
-- runs every migration and owns the event store, and one runtime role per service. Roles belong to the whole
-- cluster, so whoever holds a superuser connection runs this, connected to the platform's database: the compose
-- file's postgres container on its first start (deploy/postgres/initdb), ./run-local.sh's launcher and the tests
-- (embedded-infra's PostgresServer). Names and passwords come as settings of the transaction:
--
--   zielmonitor.owner_role,   zielmonitor.owner_password
--   zielmonitor.command_role, zielmonitor.command_password
--   zielmonitor.query_role,   zielmonitor.query_password
--
-- Idempotent: roles that exist get the attributes and passwords given here. What the roles may do with each table
-- is granted by the migrations, which the owner role runs; here only what needs a superuser and what belongs to the
-- database as a whole.
DO $$
DECLARE
    owner_role   text := current_setting('zielmonitor.owner_role');
    command_role text := current_setting('zielmonitor.command_role');
    query_role   text := current_setting('zielmonitor.query_role');
    roles        text[] := ARRAY[owner_role, command_role, query_role];
    passwords    text[] := ARRAY[current_setting('zielmonitor.owner_password'),
                                 current_setting('zielmonitor.command_password'),
                                 current_setting('zielmonitor.query_password')];
    db           text := current_database();
    r            record;
BEGIN
    IF owner_role = command_role OR owner_role = query_role OR command_role = query_role THEN
        RAISE EXCEPTION 'the owner, command and query roles must be three roles, not %', roles;
    END IF;
    FOR i IN 1..3 LOOP
        IF roles[i] !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
            RAISE EXCEPTION 'not a plain role name: %', roles[i];
        END IF;
        IF coalesce(passwords[i], '') = '' THEN
            RAISE EXCEPTION 'no password for role %: no role of the platform logs in without one', roles[i];
        END IF;
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = roles[i] AND rolsuper) THEN
            RAISE EXCEPTION 'role % is a superuser; none of the platform''s roles may be one', roles[i];
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = roles[i]) THEN
            EXECUTE format('CREATE ROLE %I', roles[i]);
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS '
                       'PASSWORD %L', roles[i], passwords[i]);
    END LOOP;
    IF pg_has_role(command_role, owner_role, 'MEMBER') OR pg_has_role(query_role, owner_role, 'MEMBER') THEN
        RAISE EXCEPTION 'a runtime role (% or %) is a member of the owner role %', command_role, query_role, owner_role;
    END IF;
    -- The query role owns the read models, which its rebuilds create, rename and drop (ADR 0005); as a member,
    -- the owner role can still migrate them.
    EXECUTE format('GRANT %I TO %I', query_role, owner_role);

    EXECUTE format('ALTER DATABASE %I OWNER TO %I', db, owner_role);
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', db);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %I', db, command_role, query_role);
    -- rebuilds and replays write into schemas of their own (rebuild_*, verify_*, asof_*)
    EXECUTE format('GRANT CREATE ON DATABASE %I TO %I', db, query_role);
    EXECUTE format('ALTER SCHEMA public OWNER TO %I', owner_role);
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;

    -- A database the services used as a superuser before: what a superuser created there goes to the owner role,
    -- so that its migrations can go on (the query service's afterMigrate hands the read models on to its role).
    FOR r IN SELECT n.nspname FROM pg_namespace n JOIN pg_roles o ON o.oid = n.nspowner
             WHERE o.rolsuper AND n.nspname !~ '^pg_' AND n.nspname NOT IN ('information_schema', 'public') LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r.nspname, owner_role);
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS relation, c.relkind FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles o ON o.oid = c.relowner
             WHERE o.rolsuper AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
               AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
               -- a column's sequence goes with its table; an extension's objects stay its own
               AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                               AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i')))) LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                       WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.relation, owner_role);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS routine FROM pg_proc p
             JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles o ON o.oid = p.proowner
             WHERE o.rolsuper AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
               AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                               AND d.deptype = 'e') LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.routine, owner_role);
    END LOOP;
END
$$;
