#!/usr/bin/env bash
# Efficiency per node: wrk beside the project's own load-test tool, one run, ratios per round and their ranges.
# Writes bench/results/<time>-efficiency/efficiency.md. Needs wrk (apt-get install -y wrk) and a MySQL-compatible
# server (DB_SERVER, default mysql://root@127.0.0.1:3306; each round gets a fresh database). See bench/efficiency.py.
#
#   bench/efficiency.sh
#   RUNS=3 DURATION=15 WARMUP=10 CONNECTIONS=64 CHARGERS=1000 DRIVERS=20000 bench/efficiency.sh
# DRIVERS must be large enough that no driver reaches the upcoming-bookings limit (5) during the run: otherwise the
# booking phase measures BOOKING_LIMIT refusals, not bookings (the report counts answers by status).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -f target/ev-chargeshare.jar ] || mvn -q -B package -DskipTests
exec python3 bench/efficiency.py
