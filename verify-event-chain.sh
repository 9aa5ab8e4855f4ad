#!/usr/bin/env bash
# Walks the hash chain over the event store of a running query service, checks its keyed seals, and reports the
# first broken link and seal (docs/audit.md). Exit 0 = intact, 1 = broken, 2 = usage or connection error.
#   ./verify-event-chain.sh [--url http://localhost:8080] [--head POSITION:HASH]
# --head: a head noted earlier (e.g. the latest seal of an audit package); exit 1 when the chain no longer has it.
# Credentials (role AUDITOR) from the environment: ZIELMONITOR_TOKEN, or ZIELMONITOR_USER and ZIELMONITOR_PASSWORD
# (docs/security.md).
set -euo pipefail
cd "$(dirname "$0")"
# The executable jar, for its libraries (Jackson reads the answer); Boot's launcher only sets up the class path.
jar=$(ls query-service/target/query-service-*-exec.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ]; then
  mvn -B -q -DskipTests -pl query-service -am install
  jar=$(ls query-service/target/query-service-*-exec.jar | head -1)
fi
exec java -cp "$jar" -Dloader.main=dev.zielmonitor.query.audit.HashChainCli \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
