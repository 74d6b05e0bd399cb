#!/usr/bin/env bash
# What one booking costs in the server and in MariaDB (CPU, statements, rows, commits per confirmed booking), jars
# side by side in one run. Needs wrk and a MySQL-compatible server (DB_SERVER); see bench/booking-cost.py.
#
#   JARS="before=/tmp/before.jar after=target/ev-chargeshare.jar" RUNS=3 bench/booking-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -f target/ev-chargeshare.jar ] || mvn -q -B package -DskipTests
exec python3 bench/booking-cost.py
