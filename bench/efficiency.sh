#!/usr/bin/env bash
# Efficiency per node: wrk beside the project's own load-test tool, one run, ratios per round and their ranges.
# Writes bench/results/<time>-efficiency/efficiency.md. Needs wrk (apt-get install -y wrk) and a MySQL-compatible
# server (DB_SERVER, default mysql://root@127.0.0.1:3306; each round gets a fresh database). See bench/efficiency.py.
#
#   bench/efficiency.sh
#   RUNS=3 DURATION=15 WARMUP=10 STEADY=90 CONNECTIONS=64 CHARGERS=3000 DRIVERS=10000 bench/efficiency.sh
#   BEFORE_JAR=/tmp/before.jar bench/efficiency.sh          A/B of two server jars (A_ENV/B_ENV: of two settings)
#   TOOLS=1 BEFORE_JAR=/tmp/before.jar bench/efficiency.sh  A/B of two jars' load-test tool, each beside wrk
# The fair-booking limits stay on with their values raised (LIMITS_ENV in efficiency.py), so that the booking phases
# measure bookings, not BOOKING_LIMIT refusals; the report counts answers by status.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -f target/ev-chargeshare.jar ] || mvn -q -B package -DskipTests
exec python3 bench/efficiency.py
