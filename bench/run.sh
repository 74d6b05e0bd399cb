#!/usr/bin/env bash
# Engine comparison on one machine, in one go: the server with each engine against the same database server,
# driven by the load-test tool with the same scenarios; writes bench/results/<time>/comparison.md.
#
#   bench/run.sh [DB_SERVER_URL]      default mysql://root@127.0.0.1:3306 (each run gets a fresh database)
#   DURATION=20 WARMUP=5 SCENARIOS="contention spread" bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB_SERVER=${1:-mysql://root@127.0.0.1:3306}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
SCENARIOS=${SCENARIOS:-"contention spread"}
PORT=${PORT:-18765}
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
[ -f target/ev-chargeshare.jar ] || mvn -q -B package -DskipTests
# a copy, so a rebuild during the run cannot swap classes under the running server
JAR="$OUT/ev-chargeshare.jar"
cp target/ev-chargeshare.jar "$JAR"

# engine label | environment for the server
CONFIGS=(
  "event-bus|CHARGESHARE_BOOKING_ENGINE=event-bus"
  "event-bus-no-group-commit|CHARGESHARE_BOOKING_ENGINE=event-bus CHARGESHARE_BOOKING_MAX_BATCH=1"
  "db-lock|CHARGESHARE_BOOKING_ENGINE=db-lock"
)

{
  echo "# Engine comparison, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1);"
  echo "database: $(mariadb --version 2>/dev/null | awk '{print $5}' || echo external) at $DB_SERVER; generator and server on the same machine."
  echo "Each run: fresh database, server started, ${WARMUP}s warm-up then ${DURATION}s measured, closed loop, 64 connections."
  echo
} > "$OUT/comparison.md"

mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
echo "## In-memory decisions (one shard, no I/O)" >> "$OUT/comparison.md"
echo >> "$OUT/comparison.md"
java -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" com.chargeshare.booking.CalendarBench \
  | sed 's/^/- /' >> "$OUT/comparison.md"
echo >> "$OUT/comparison.md"

for scenario in $SCENARIOS; do
  for cfg in "${CONFIGS[@]}"; do
    label=${cfg%%|*}
    envs=${cfg#*|}
    db="cs_bench_$(date +%s)_$RANDOM"
    echo ">> $scenario on $label (database $db)"
    env $envs CHARGESHARE_DB_URL="$DB_SERVER/$db" CHARGESHARE_HTTP_PORT=$PORT CHARGESHARE_ACCESS_LOG=WARN \
      CHARGESHARE_DATA_DIR="$OUT/data" java -Xms1g -Xmx2g -jar "$JAR" > "$OUT/server-$scenario-$label.log" 2>&1 &
    server=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
    java -jar "$JAR" loadtest --url "http://127.0.0.1:$PORT" --scenario "$scenario" \
      --duration "$DURATION" --warmup "$WARMUP" --engine-label "$label" --quiet \
      --report "$OUT/$scenario-$label.json" > "$OUT/loadtest-$scenario-$label.txt" 2>&1 || true
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done
rm -f "$JAR"

python3 - "$OUT" "$SCENARIOS" >> "$OUT/comparison.md" <<'PY'
import json, sys, os
out, scenarios = sys.argv[1], sys.argv[2].split()
labels = ["event-bus", "event-bus-no-group-commit", "db-lock"]
for s in scenarios:
    print(f"## {s}\n")
    print("| engine | confirmed/s | requests/s | p50 ms | p99 ms | errors | double bookings | missing | × db-lock (confirmed/s) | × db-lock (requests/s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    runs = {}
    for l in labels:
        f = os.path.join(out, f"{s}-{l}.json")
        if os.path.exists(f):
            runs[l] = json.load(open(f))
    base = runs.get("db-lock")
    for l, r in runs.items():
        d = r["durationSeconds"] or 1
        conf = r["confirmed"] / d
        req = r["throughputPerSecond"]
        ratio = lambda a, b: f"{a / b:.1f}×" if b else "n/a"
        v = r["verification"]
        print(f"| {l} | {conf:,.0f} | {req:,.0f} | {r['latencyMs']['p50']:.1f} | {r['latencyMs']['p99']:.1f} | {r['errors']} | "
              f"{v['doubleBookings']} | {v['missingConfirmed']} | "
              f"{ratio(conf, base['confirmed'] / (base['durationSeconds'] or 1)) if base else 'n/a'} | "
              f"{ratio(req, base['throughputPerSecond']) if base else 'n/a'} |")
    print()
PY
cat "$OUT/comparison.md"
