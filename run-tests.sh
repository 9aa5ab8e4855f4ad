#!/usr/bin/env bash
# Runs every test (README.md, "Quick start"): installs what the tests need and is missing on this machine, then
# `mvn -B verify`. Needs root (or sudo-less apt) only when something is missing:
#   Java 17+ and Maven; python3 and sha256sum (the audit package is checked as an auditor would);
#   Debian's chromium and chromium-driver and npm (the dashboard's browser tests; npm fetches axe-core).
# PostgreSQL: a stopped local cluster is started; without any, the tests start an embedded one. Kafka: the tests
# start their own broker in process.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
[ -x "${ZIELMONITOR_CHROMIUM:-/usr/bin/chromium}" ] || need_apt+=(chromium)
[ -x "${ZIELMONITOR_CHROMEDRIVER:-/usr/bin/chromedriver}" ] || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "[tests] installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi

if command -v pg_lsclusters >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    echo "[tests] starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi

java -version 2>&1 | sed -n 1p
mvn -version 2>&1 | sed -n 1p
"${ZIELMONITOR_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null || true

exec mvn -B verify "$@"
