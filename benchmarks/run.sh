#!/usr/bin/env bash
# Runs a benchmark from local-platform's test tree in its own JVM (see docs/performance.md).
#   benchmarks/run.sh ingestion [years]     ingestion end to end vs. a raw Kafka+JDBC baseline
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:?usage: benchmarks/run.sh ingestion [args]}; shift
case "$which" in
  ingestion) main=dev.zielmonitor.platform.bench.IngestionBenchmark ;;
  *) echo "unknown benchmark: $which" >&2; exit 2 ;;
esac
if [ "${ZIELMONITOR_SKIP_BUILD:-false}" != "true" ]; then
  mvn -B -q -DskipTests install
fi
mvn -B -q -pl local-platform test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -Daxoniq.update-checker.disabled=true -Dzielmonitor.root="$PWD" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "local-platform/target/test-classes:local-platform/target/classes:$(cat local-platform/target/bench.classpath)" \
  "$main" "$@"
