#!/usr/bin/env bash
# Runs a benchmark from a module's test tree in its own JVM (see docs/performance.md).
#   benchmarks/run.sh ingestion [years]     ingestion end to end vs. a raw Kafka+JDBC baseline
#   benchmarks/run.sh replay [events]       read-model rebuild vs. raw read+deserialise of the event table
#   benchmarks/run.sh publish [rows]        publishing tool on a CSV file vs. a plain split-and-send producer
#   benchmarks/run.sh dashboard [rounds]    each dashboard page's API requests vs. the registry list
#   benchmarks/run.sh api [options]         32 clients on the dashboard's request mix vs. /actuator/health
#       --jobcenters N (404) --years N (15) --duration s (60) --warmup s (20) --clients N (32)
#       --gender-split three|one:<query> (three: the dashboard's three requests TOTAL/FEMALE/MALE)
# Builds through the reactor only (target folders of this checkout): nothing goes into ~/.m2, so it is safe beside
# other builds on the machine. ZIELMONITOR_SKIP_BUILD=true skips packaging the services' executable jars.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:?usage: benchmarks/run.sh ingestion|replay|publish|dashboard|api [args]}; shift
case "$which" in
  ingestion) module=local-platform; main=dev.zielmonitor.platform.bench.IngestionBenchmark ;;
  replay) module=query-service; main=dev.zielmonitor.query.bench.ReplayBenchmark ;;
  publish) module=publisher; main=dev.zielmonitor.publisher.bench.PublishBenchmark ;;
  dashboard) module=local-platform; main=dev.zielmonitor.platform.bench.DashboardBenchmark ;;
  api) module=local-platform; main=dev.zielmonitor.platform.bench.ApiBenchmark ;;
  *) echo "unknown benchmark: $which" >&2; exit 2 ;;
esac
if [ "$module" = local-platform ] && [ "${ZIELMONITOR_SKIP_BUILD:-false}" != "true" ]; then
  # the platform starts the services from their executable jars in their target folders
  mvn -B -q -DskipTests -pl command-service,query-service -am package
fi
# the module's classpath from the reactor: its upstream modules as their target/classes, not as jars from ~/.m2
mvn -B -q -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -Daxoniq.update-checker.disabled=true -Dzielmonitor.root="$PWD" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
  "$main" "$@"
