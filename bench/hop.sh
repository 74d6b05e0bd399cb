#!/usr/bin/env bash
# What a cross-node hop costs per booking request: two clustered nodes, wrk's bookings sent to one of them, once on
# its own shards and once on the other node's, in alternated rounds; server CPU of both nodes per request.
# Writes bench/results/<time>-hop/hop.md. Needs wrk and the mysql client; see bench/hop.py.
#
#   bench/hop.sh
#   RUNS=2 WARMUP=30 ALT_ROUNDS=6 ALT_SECONDS=5 CHARGERS=3000 DRIVERS=10000 SHARDS=64 bench/hop.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
[ -f target/ev-chargeshare.jar ] || mvn -q -B package -DskipTests
exec python3 bench/hop.py
