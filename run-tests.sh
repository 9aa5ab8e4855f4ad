#!/usr/bin/env bash
# Runs every test (README.md, "Quick start"): installs what the tests need and is missing on this machine, then
# `mvn -B verify`. Needs root (or sudo-less apt) only when something is missing:
#   Java 17+ and Maven; python3 and sha256sum (the audit package is checked as an auditor would);
#   Debian's nodejs and npm (the dashboard's unit tests and type check in the query service's build, and axe-core
#   for the browser tests); Debian's chromium and chromium-driver (the dashboard's browser tests).
# PostgreSQL: a stopped local cluster is started; without any, the tests start an embedded one. Kafka: the tests
# start their own broker in process.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
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
# node --test needs Node 18 or later (Debian 12's nodejs is 18)
node_major=$(node -p 'process.versions.node.split(".")[0]')
echo "node $(node --version), npm $(npm --version)"
if [ "$node_major" -lt 18 ]; then
  echo "[tests] Node $(node --version) is too old for the dashboard's tests (node --test needs 18 or later)" >&2
  exit 1
fi
"${ZIELMONITOR_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null || true

exec mvn -B verify "$@"
