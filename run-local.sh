#!/usr/bin/env bash
# Starts the whole Zielmonitor platform on this machine with demo data (see README.md, "Quick start").
# Needs Java 17+ and Maven; uses PostgreSQL on localhost:5432 when it answers (or ZIELMONITOR_DB_URL),
# else an embedded one; starts its own single-node Kafka broker. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${ZIELMONITOR_SKIP_BUILD:-false}" != "true" ]; then
  echo "[zielmonitor] building (mvn -DskipTests install) …"
  mvn -B -q -DskipTests install
fi
exec java -Daxoniq.update-checker.disabled=true -Dzielmonitor.root="$PWD" \
  -cp "local-platform/target/classes:local-platform/target/lib/*" dev.zielmonitor.platform.LocalPlatform
