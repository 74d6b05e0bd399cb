#!/usr/bin/env bash
# Engine comparison on one machine, in one go: the server with each engine against the same database server,
# driven by the load-test tool with the same scenarios; writes bench/results/<time>/comparison.md.
#
#   bench/run.sh [DB_SERVER_URL]      default mysql://root@127.0.0.1:3306 (each run gets a fresh database)
#   DURATION=20 WARMUP=5 SCENARIOS="contention spread" bench/run.sh
#   ENGINES="event-bus event-bus-fair" bench/run.sh     only these configurations (labels below)
#
# The plain configurations are raw engine benchmarks: the fair-booking limits are switched off on the server and in
# the tool. The "-fair" ones keep the driver-side rules on (one driver one car through the driver ledger, the
# upcoming-bookings count) with a limit too high to bind, so the figures show what the driver-side check costs.
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

ENGINES=${ENGINES:-"event-bus event-bus-fair event-bus-no-group-commit db-lock db-lock-fair"}
# accounts are set up before the measured part: a cheap hash keeps that short
COMMON="CHARGESHARE_BCRYPT_COST=4 CHARGESHARE_MAX_REGISTRATIONS_PER_ADDRESS=0"
LIMITS_OFF="CHARGESHARE_MAX_UPCOMING_PER_DRIVER=0 CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE=0 CHARGESHARE_ALLOW_DRIVER_OVERLAP=true"
TOOL_OFF="--max-upcoming-per-driver 0 --attempts-per-minute 0 --allow-driver-overlap --drivers 40"
LIMITS_FAIR="CHARGESHARE_MAX_UPCOMING_PER_DRIVER=100000 CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE=0 CHARGESHARE_ALLOW_DRIVER_OVERLAP=false"
TOOL_FAIR="--max-upcoming-per-driver 100000 --attempts-per-minute 0 --drivers 1000"

# engine label | environment for the server | load-test options
ALL_CONFIGS=(
  "event-bus|CHARGESHARE_BOOKING_ENGINE=event-bus $LIMITS_OFF|$TOOL_OFF"
  "event-bus-fair|CHARGESHARE_BOOKING_ENGINE=event-bus $LIMITS_FAIR|$TOOL_FAIR"
  "event-bus-no-group-commit|CHARGESHARE_BOOKING_ENGINE=event-bus CHARGESHARE_BOOKING_MAX_BATCH=1 $LIMITS_OFF|$TOOL_OFF"
  "db-lock|CHARGESHARE_BOOKING_ENGINE=db-lock $LIMITS_OFF|$TOOL_OFF"
  "db-lock-fair|CHARGESHARE_BOOKING_ENGINE=db-lock $LIMITS_FAIR|$TOOL_FAIR"
)
CONFIGS=()
for cfg in "${ALL_CONFIGS[@]}"; do
  for e in $ENGINES; do [ "${cfg%%|*}" = "$e" ] && CONFIGS+=("$cfg"); done
done

{
  echo "# Engine comparison, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1);"
  echo "database: $(mariadb --version 2>/dev/null | awk '{print $5}' || echo external) at $DB_SERVER; generator and server on the same machine."
  echo "Each run: fresh database, server started, ${WARMUP}s warm-up then ${DURATION}s measured, closed loop, 64 connections."
  echo "Limits off (raw engine): server \`$LIMITS_OFF\`, tool \`$TOOL_OFF\`."
  echo "Limits on (\`-fair\`): server \`$LIMITS_FAIR\`, tool \`$TOOL_FAIR\`."
  echo "Load while running: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start."
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
    rest=${cfg#*|}
    envs="$COMMON ${rest%%|*}"
    tool=${rest#*|}
    db="cs_bench_$(date +%s)_$RANDOM"
    echo ">> $scenario on $label (database $db)"
    env $envs CHARGESHARE_DB_URL="$DB_SERVER/$db" CHARGESHARE_HTTP_PORT=$PORT CHARGESHARE_ACCESS_LOG=WARN \
      CHARGESHARE_DATA_DIR="$OUT/data" java -Xms1g -Xmx2g -jar "$JAR" > "$OUT/server-$scenario-$label.log" 2>&1 &
    server=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.5; done
    java -jar "$JAR" loadtest --url "http://127.0.0.1:$PORT" --scenario "$scenario" \
      --duration "$DURATION" --warmup "$WARMUP" --engine-label "$label" --quiet $tool \
      --report "$OUT/$scenario-$label.json" > "$OUT/loadtest-$scenario-$label.txt" 2>&1 || true
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done
rm -f "$JAR"

python3 - "$OUT" "$SCENARIOS" >> "$OUT/comparison.md" <<'PY'
import json, sys, os
out, scenarios = sys.argv[1], sys.argv[2].split()
labels = ["event-bus", "event-bus-fair", "event-bus-no-group-commit", "db-lock", "db-lock-fair"]
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
    for engine in ("event-bus", "db-lock"):
        off, on = runs.get(engine), runs.get(engine + "-fair")
        if off and on:
            c_off = off["confirmed"] / (off["durationSeconds"] or 1)
            c_on = on["confirmed"] / (on["durationSeconds"] or 1)
            print(f"Driver-side check on {engine}: confirmed/s {c_on:,.0f} with the limits on vs {c_off:,.0f} off "
                  f"({(c_on / c_off - 1) * 100 if c_off else 0:+.1f} %); requests/s {on['throughputPerSecond']:,.0f} vs "
                  f"{off['throughputPerSecond']:,.0f}; p50 {on['latencyMs']['p50']:.1f} vs {off['latencyMs']['p50']:.1f} ms, "
                  f"p99 {on['latencyMs']['p99']:.1f} vs {off['latencyMs']['p99']:.1f} ms; refusals {on.get('rejectedByKind', {})}.\n")
PY
cat "$OUT/comparison.md"
