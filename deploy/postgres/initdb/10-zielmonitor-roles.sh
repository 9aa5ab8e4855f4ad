#!/usr/bin/env bash
# Runs once, when the postgres container initialises its empty data directory (docker-entrypoint-initdb.d), as
# the superuser POSTGRES_USER in the database POSTGRES_DB: the platform's roles, as the launcher and the tests create
# them (deploy/postgres/roles.sql). The names and passwords come from the container's environment
# (docker-compose.yml); the services get the same ones. By hand on another server, as a superuser:
#   PGHOST=… PGUSER=postgres POSTGRES_USER=postgres POSTGRES_DB=zielmonitor ZIELMONITOR_ROLES_SQL=deploy/postgres/roles.sql \
#   ZIELMONITOR_DB_OWNER_USER=… ZIELMONITOR_DB_OWNER_PASSWORD=… (… COMMAND …, … QUERY …) deploy/postgres/initdb/10-zielmonitor-roles.sh
set -euo pipefail

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set owner_role="$ZIELMONITOR_DB_OWNER_USER" --set owner_password="$ZIELMONITOR_DB_OWNER_PASSWORD" \
  --set command_role="$ZIELMONITOR_DB_COMMAND_USER" --set command_password="$ZIELMONITOR_DB_COMMAND_PASSWORD" \
  --set query_role="$ZIELMONITOR_DB_QUERY_USER" --set query_password="$ZIELMONITOR_DB_QUERY_PASSWORD" \
  --set roles_sql="${ZIELMONITOR_ROLES_SQL:-/zielmonitor/roles.sql}" <<'SQL'
BEGIN;
SELECT set_config('zielmonitor.owner_role', :'owner_role', true),
       set_config('zielmonitor.owner_password', :'owner_password', true),
       set_config('zielmonitor.command_role', :'command_role', true),
       set_config('zielmonitor.command_password', :'command_password', true),
       set_config('zielmonitor.query_role', :'query_role', true),
       set_config('zielmonitor.query_password', :'query_password', true) \g /dev/null
\i :roles_sql
COMMIT;
SQL
