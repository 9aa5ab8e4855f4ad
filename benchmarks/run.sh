#!/usr/bin/env bash
# Runs a benchmark from a module's test tree in its own JVM (see docs/performance.md).
#   benchmarks/run.sh ingestion [years]     ingestion end to end vs. a raw Kafka+JDBC baseline
#   benchmarks/run.sh replay [events]       read-model rebuild vs. raw read+deserialise of the event table
#   benchmarks/run.sh publish [rows]        publishing tool on a CSV file vs. a plain split-and-send producer
#   benchmarks/run.sh dashboard [rounds]    each dashboard page's API requests vs. the registry list
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:?usage: benchmarks/run.sh ingestion|replay|publish|dashboard [args]}; shift
case "$which" in
  ingestion) module=local-platform; main=dev.zielmonitor.platform.bench.IngestionBenchmark ;;
  replay) module=query-service; main=dev.zielmonitor.query.bench.ReplayBenchmark ;;
  publish) module=publisher; main=dev.zielmonitor.publisher.bench.PublishBenchmark ;;
  dashboard) module=local-platform; main=dev.zielmonitor.platform.bench.DashboardBenchmark ;;
  *) echo "unknown benchmark: $which" >&2; exit 2 ;;
esac
if [ "${ZIELMONITOR_SKIP_BUILD:-false}" != "true" ]; then
  mvn -B -q -DskipTests install
fi
mvn -B -q -pl "$module" test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -Daxoniq.update-checker.disabled=true -Dzielmonitor.root="$PWD" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
  "$main" "$@"
