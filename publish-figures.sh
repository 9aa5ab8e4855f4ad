#!/usr/bin/env bash
# Publishes monthly figures from CSV or Excel files to Zielmonitor (docs/publisher.md).
#   ./publish-figures.sh --dry-run meine-zahlen.csv
#   ./publish-figures.sh --bootstrap-servers kafka:9092 meine-zahlen.xlsx
# Builds the tool on first use (Java 17+ and Maven); ./publish-figures.sh --help lists every option.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
jar="$root/publisher/target/zielmonitor-publisher.jar"
# build when there is no jar yet or the tool's sources changed since
if [ ! -f "$jar" ] || [ -n "$(cd "$root" && find publisher/src publisher/pom.xml contract/src docs/contract \
    shared-events/src -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "[zielmonitor] building the publishing tool (mvn -DskipTests install -pl publisher -am) …" >&2
  (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests install -pl publisher -am) >&2
fi
exec java -jar "$jar" "$@"
