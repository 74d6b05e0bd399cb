#!/usr/bin/env bash
# Live-availability push benchmark: starts the server jar on a fresh database, opens SOCKETS WebSockets,
# books at RATE per second for DURATION seconds and prints push latency (engine commit -> client) and the
# server's memory per open socket as JSON. Not a test; run it on a quiet machine.
#
#   SOCKETS=10000 RATE=50 DURATION=30 MODE=spread bench/live-push.sh     # MODE=hot: every socket hears every change
set -euo pipefail
cd "$(dirname "$0")/.."

SOCKETS=${SOCKETS:-10000}
CHARGERS=${CHARGERS:-1000}
RATE=${RATE:-50}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
MODE=${MODE:-spread}
DB_SERVER=${CHARGESHARE_BENCH_DB_SERVER:-mysql://root@127.0.0.1:3306}
PORT=${PORT:-18080}
DB="livebench_$(date +%s)"

mvn -q -B -o package -DskipTests
mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath

ulimit -n "$(( SOCKETS * 2 + 1024 ))" 2>/dev/null || true
# the benchmark's thousands of sockets all come from this machine: no per-address cap
CHARGESHARE_DB_URL="$DB_SERVER/$DB" CHARGESHARE_HTTP_PORT=$PORT CHARGESHARE_LIVE_MAX_SOCKETS_PER_ADDRESS=0 \
  CHARGESHARE_JWT_SECRET="bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')" \
  CHARGESHARE_DATA_DIR="target/bench-data" \
  java -Xms512m -Xmx1g -jar target/ev-chargeshare.jar > target/live-bench-server.log 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if command -v mysql >/dev/null; then
    # the URL's user@host:port, for the mysql client
    hostport=${DB_SERVER#mysql://}; user=${hostport%@*}; hostport=${hostport#*@}
    mysql -u "${user%%:*}" -h "${hostport%:*}" -P "${hostport#*:}" -e "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
  fi
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 1
done

java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" com.chargeshare.live.LivePushBenchmark \
  --url "http://127.0.0.1:$PORT" --sockets "$SOCKETS" --chargers "$CHARGERS" --rate "$RATE" \
  --duration "$DURATION" --warmup "$WARMUP" --mode "$MODE" --server-pid "$server"
