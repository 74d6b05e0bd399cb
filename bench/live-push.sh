#!/usr/bin/env bash
# Live-availability push benchmark: starts the server jar on a fresh database, opens SOCKETS WebSockets,
# books at RATE per second for DURATION seconds and prints push latency (engine commit -> client) and the
# server's memory per open socket as JSON. Not a test; run it on a quiet machine.
#
#   SOCKETS=10000 RATE=50 DURATION=30 MODE=spread bench/live-push.sh     # MODE=hot: every socket hears every change
#   JARS="/tmp/before.jar target/ev-chargeshare.jar" ROUNDS=3 MODE=hot RATE=5 bench/live-push.sh
#                                        # servers side by side: each round runs every jar in turn, same client
#   RATES="1 2 3 5" ROUNDS=3 MODE=hot bench/live-push.sh      # rates in turn in each round: latency against load
#   SERVER_OPTS="-XX:StartFlightRecording=filename=target/live.jfr" ...    # extra JVM options for the server (CLIENT_OPTS: the client)
#
# Each report gives the server's and the client's CPU per push and how busy the whole box was (boxBusyCores of
# boxCores) over the measured phase.
set -euo pipefail
cd "$(dirname "$0")/.."

SOCKETS=${SOCKETS:-10000}
CHARGERS=${CHARGERS:-1000}
RATE=${RATE:-50}
RATES=${RATES:-$RATE}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
MODE=${MODE:-spread}
ROUNDS=${ROUNDS:-1}
JARS=${JARS:-target/ev-chargeshare.jar}
DB_SERVER=${CHARGESHARE_BENCH_DB_SERVER:-mysql://root@127.0.0.1:3306}
PORT=${PORT:-18080}

[ -n "${NO_BUILD:-}" ] || mvn -q -B -o package -DskipTests
# the client is the benchmark class from the test classes; the shaded jar carries every library it needs
CLIENT_CP="target/test-classes:target/ev-chargeshare.jar"

ulimit -n "$(( SOCKETS * 2 + 1024 ))" 2>/dev/null || true
server=""
db=""
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
  if [ -n "$db" ] && command -v mysql >/dev/null; then
    # the URL's user@host:port, for the mysql client
    hostport=${DB_SERVER#mysql://}; user=${hostport%@*}; hostport=${hostport#*@}
    mysql -u "${user%%:*}" -h "${hostport%:*}" -P "${hostport#*:}" -e "DROP DATABASE IF EXISTS $db" 2>/dev/null || true
  fi
  db=""
}
trap stop_server EXIT

run_one() {
  local jar=$1 round=$2 rate=$3
  db="livebench_$(date +%s)_$round"
  # the benchmark's thousands of sockets all come from this machine: no per-address cap; its 10 drivers book
  # hundreds of windows each, overlapping across chargers: the fair-booking limits are off (a push benchmark)
  CHARGESHARE_DB_URL="$DB_SERVER/$db" CHARGESHARE_HTTP_PORT=$PORT CHARGESHARE_LIVE_MAX_SOCKETS_PER_ADDRESS=0 \
    CHARGESHARE_MAX_UPCOMING_PER_DRIVER=0 CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE=0 CHARGESHARE_ALLOW_DRIVER_OVERLAP=true \
    CHARGESHARE_JWT_SECRET="bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')" \
    CHARGESHARE_DATA_DIR="target/bench-data" \
    java -Xms512m -Xmx1g ${SERVER_OPTS:-} -jar "$jar" > "target/live-bench-server-$round-$(basename "$jar" .jar).log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 1
  done
  echo "[live-bench] round $round, server $jar, MODE=$MODE SOCKETS=$SOCKETS RATE=$rate DURATION=$DURATION, load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  java -Xmx1g ${CLIENT_OPTS:-} -cp "$CLIENT_CP" com.chargeshare.live.LivePushBenchmark \
    --url "http://127.0.0.1:$PORT" --sockets "$SOCKETS" --chargers "$CHARGERS" --rate "$rate" \
    --duration "$DURATION" --warmup "$WARMUP" --mode "$MODE" --server-pid "$server"
  echo "[live-bench] round $round, server $jar, load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  stop_server
}

for round in $(seq 1 "$ROUNDS"); do
  for rate in $RATES; do
    for jar in $JARS; do
      run_one "$jar" "$round" "$rate"
    done
  done
done
