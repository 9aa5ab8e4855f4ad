#!/usr/bin/env bash
# Rebuilds (or with --verify, checks) every read model of a running query service from the event store and
# prints the progress until the run ends; exit 0 = completed without differences (see README.md, "Rebuild").
#   ./rebuild-read-models.sh [--url http://localhost:8080] [--verify]
# Credentials (role ADMIN) from the environment: ZIELMONITOR_TOKEN, or ZIELMONITOR_USER and ZIELMONITOR_PASSWORD
# (docs/security.md).
set -euo pipefail
cd "$(dirname "$0")"
# the executable jar: the command line reads JSON with Jackson, one of its libraries; Spring Boot's
# PropertiesLauncher puts them on the class path and runs the command line's main class, without starting Spring
jar=$(ls query-service/target/query-service-*-exec.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ]; then
  mvn -B -q -DskipTests -pl query-service -am install
  jar=$(ls query-service/target/query-service-*-exec.jar | head -1)
fi
exec java -Dloader.main=dev.zielmonitor.query.rebuild.RebuildCli -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
