#!/usr/bin/env bash
# Cluster on one machine: one, two and three nodes side by side under the same load (requests spread over the
# nodes with --url a,b,c), then the takeover time over KILLS kill -9s of the node owning most shards.
# Writes bench/results/<time>/cluster.md. Every process it starts is stopped on exit.
#
#   bench/cluster.sh [DB_SERVER_URL]      default mysql://root@127.0.0.1:3306 (each run gets a fresh database)
#   DURATION=20 WARMUP=15 SCENARIO=spread NODES="solo 1 2 3" ROUNDS=2 DRIVERS=12000 KILLS=5 bench/cluster.sh
# "solo" is one node without the cluster (CHARGESHARE_CLUSTER unset), the baseline the cluster's cost is read against.
# Server CPU (all nodes) and MariaDB CPU are sampled from /proc every 0.5 s and read over the measured window only.
set -euo pipefail
cd "$(dirname "$0")/.."
DB_SERVER=${1:-mysql://root@127.0.0.1:3306}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-15}
SCENARIO=${SCENARIO:-spread}
NODES=${NODES:-"solo 1 2 3"}
ROUNDS=${ROUNDS:-2}
# the shipped limits allow 5 upcoming bookings per driver: enough drivers that none runs out within the run
DRIVERS=${DRIVERS:-12000}
KILLS=${KILLS:-5}
TAKEOVER_LIMIT=${TAKEOVER_LIMIT:-60}
SHARDS=${SHARDS:-64}
HEAP=${HEAP:-512m}
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-cluster
mkdir -p "$OUT"
[ -f target/ev-chargeshare.jar ] || mvn -q -B package -DskipTests
JAR="$OUT/ev-chargeshare.jar"
cp target/ev-chargeshare.jar "$JAR"
PIDS=()
DBS=()
# the benchmark's databases go with it (DB_SERVER as mysql://USER[:PASSWORD]@HOST:PORT, read by the mysql client)
drop_dbs() {
  command -v mysql > /dev/null || return 0
  local rest=${DB_SERVER#mysql://} creds host
  creds=${rest%%@*}; host=${rest#*@}
  for d in "${DBS[@]:-}"; do
    [ -n "$d" ] && MYSQL_PWD=$( [[ $creds == *:* ]] && echo "${creds#*:}" ) mysql -u "${creds%%:*}" -h "${host%%:*}" \
      -P "${host##*:}" -e "DROP DATABASE IF EXISTS \`$d\`" 2>/dev/null || true
  done
}
cleanup() { kill $(jobs -p) 2>/dev/null || true; for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -CONT "$p" 2>/dev/null; kill -9 "$p" 2>/dev/null || true; done; rm -f "$JAR"; drop_dbs; }
trap cleanup EXIT

# start_node INDEX COUNT DB: node INDEX of a COUNT-node cluster, HTTP 1810INDEX, Hazelcast 5810INDEX
start_node() {
  local i=$1 n=$2 db=$3 members="" cluster=true
  [ "$n" = solo ] && { n=1; cluster=false; }
  for j in $(seq 1 "$n"); do [ "$j" != "$i" ] && members="$members${members:+,}127.0.0.1:$((58100 + j))"; done
  env CHARGESHARE_CLUSTER=$cluster CHARGESHARE_CLUSTER_PORT=$((58100 + i)) CHARGESHARE_CLUSTER_MEMBERS="$members" \
    CHARGESHARE_NODE_NAME="n$i" CHARGESHARE_HTTP_PORT=$((18100 + i)) CHARGESHARE_BOOKING_SHARDS=$SHARDS \
    CHARGESHARE_DB_URL="$DB_SERVER/$db" CHARGESHARE_ACCESS_LOG=WARN CHARGESHARE_DATA_DIR="$OUT/data-$i" \
    CHARGESHARE_JWT_SECRET=bench-secret-0123456789-abcdefghijklmnop CHARGESHARE_MAX_REGISTRATIONS_PER_ADDRESS=0 CHARGESHARE_BCRYPT_COST=4 \
    java -Xms$HEAP -Xmx$HEAP -jar "$JAR" >> "$OUT/node-$i.log" 2>&1 &
  PIDS[$i]=$!
}
wait_up() { for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$((18100 + $1))/health" > /dev/null && return 0; sleep 0.5; done; return 1; }
# no interpreter per poll: on a loaded box starting python3 for each one made the takeover look seconds slower
owned() { local o; o=$(curl -s --max-time 1 "http://127.0.0.1:$((18100 + $1))/health" | sed -n 's/.*"shardsOwned":\([0-9]*\).*/\1/p' || true); echo "${o:-0}"; }
settled() { local sum=0; for i in "$@"; do sum=$((sum + $(owned "$i"))); done; [ "$sum" = "$SHARDS" ]; }
# every node of a three-node cluster holds its share, so each kill takes down a comparable node
balanced() { settled 1 2 3 && for i in 1 2 3; do [ "$(owned "$i")" -ge $((SHARDS / 3)) ] || return 1; done; }
load1() { cut -d' ' -f1 /proc/loadavg; }
cpu_ticks() { local sum=0 p f; for p in "$@"; do [ -r "/proc/$p/stat" ] && { read -ra f < "/proc/$p/stat" || true; sum=$((sum + f[13] + f[14])); }; done; echo "$sum"; }
# cpu_sampler FILE PID...: "seconds-since-epoch cpu-ticks" (user + system, summed over the PIDs) every 0.5 s
cpu_sampler() {
  local file=$1; shift
  while :; do
    echo "$EPOCHREALTIME $(cpu_ticks "$@")" >> "$file"
    sleep 0.5
  done
}
stop_all() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done; for p in "${PIDS[@]:-}"; do [ -n "$p" ] && { wait "$p" 2>/dev/null || true; }; done; PIDS=(); }

{
  echo "# Cluster on one machine, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1);"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg). Database $DB_SERVER, generator, every node and the"
  echo "database on the same machine. Nodes: -Xmx$HEAP, $SHARDS shards, Hazelcast heartbeat 1 s, member dropped after 5 s."
  echo "Each run: fresh database, scenario '$SCENARIO', ${WARMUP}s warm-up then ${DURATION}s measured, closed loop, 64 connections,"
  echo "requests spread round robin over the nodes; the load tool's $DRIVERS drivers stay within the shipped limits"
  echo "(5 upcoming bookings, 60 attempts a minute each), so every request asks for a free slot. 'solo' is one node"
  echo "without the cluster. CPU per request: user + system time over the measured window from /proc (all nodes together;"
  echo "MariaDB apart), divided by the requests answered in it; idle: the nodes' CPU over 5 s with no request, just before"
  echo "the load. Rounds run the node counts in alternating order."
  echo
  echo "| round | nodes | requests/s | confirmed/s | p50 ms | p99 ms | errors | remote hops | server CPU µs/request | MariaDB CPU µs/request | idle server CPU, cores | double bookings | missing | load (1 min) at start |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$OUT/cluster.md"

order=$NODES
for round in $(seq 1 "$ROUNDS"); do
for n in $order; do
  db="cs_bench_cluster_$(date +%s)_$RANDOM"
  DBS+=("$db")
  urls=""
  count=$n; [ "$n" = solo ] && count=1
  start_node 1 "$n" "$db"; wait_up 1
  for i in $(seq 2 "$count"); do start_node "$i" "$n" "$db"; done
  for i in $(seq 1 "$count"); do wait_up "$i"; urls="$urls${urls:+,}http://127.0.0.1:$((18100 + i))"; done
  [ "$n" = solo ] || for _ in $(seq 1 120); do settled $(seq 1 "$count") && break; sleep 0.5; done
  echo ">> round $round, $n: $urls"
  run="$SCENARIO-$n-r$round"
  # what the nodes spend with no request at all (heartbeats, lock and epoch checks, timers), over 5 s
  idle0=$(cpu_ticks "${PIDS[@]}"); sleep 5; idle=$(( $(cpu_ticks "${PIDS[@]}") - idle0 ))
  load=$(load1)
  cpu_sampler "$OUT/$run.cpu-server" "${PIDS[@]}" & sampler1=$!
  cpu_sampler "$OUT/$run.cpu-db" $(pidof mariadbd mysqld 2>/dev/null | cut -d' ' -f1) & sampler2=$!
  java -jar "$JAR" loadtest --url "$urls" --scenario "$SCENARIO" --duration "$DURATION" --warmup "$WARMUP" \
    --drivers "$DRIVERS" --engine-label "cluster-$n" --quiet --report "$OUT/$run.json" > "$OUT/loadtest-$run.txt" 2>&1 || true
  kill "$sampler1" "$sampler2" 2>/dev/null || true; wait "$sampler1" "$sampler2" 2>/dev/null || true
  remote=0
  for i in $(seq 1 "$count"); do
    r=$(curl -s "http://127.0.0.1:$((18100 + i))/metrics" | awk '/^chargeshare_cluster_hops_total.*to="remote"/ {s+=$2} END {printf "%d", s}')
    remote=$((remote + r))
  done
  [ -f "$OUT/$run.json" ] || { echo "| $round | $n | load test failed: $(tail -1 "$OUT/loadtest-$run.txt") | | | | | | | | | | | | $load |" >> "$OUT/cluster.md"; stop_all; continue; }
  python3 - "$OUT/$run" "$round" "$n" "$remote" "$load" "$(getconf CLK_TCK)" "$idle" >> "$OUT/cluster.md" <<'PY'
import datetime, json, sys
run, rnd, n, remote, load, tck, idle = sys.argv[1:6] + [int(sys.argv[6]), int(sys.argv[7])]
r = json.load(open(run + ".json")); d = r["durationSeconds"] or 1; v = r["verification"]
start = datetime.datetime.fromisoformat(r["startedAt"][:26].rstrip("Z") + "+00:00").timestamp() + r["warmupSeconds"]
end = start + r["measuredSeconds"]
def cpu_us_per_request(file):
    samples = [tuple(map(float, l.split())) for l in open(file) if len(l.split()) == 2]
    def at(t):  # ticks at time t, linear between the samples around it
        for (t0, c0), (t1, c1) in zip(samples, samples[1:]):
            if t0 <= t <= t1:
                return c0 + (c1 - c0) * (t - t0) / ((t1 - t0) or 1)
        return None
    a, b = at(start), at(end)
    return "—" if a is None or b is None or not r["requests"] else f"{(b - a) / tck * 1e6 / r['requests']:.0f}"
print(f"| {rnd} | {n} | {r['throughputPerSecond']:.0f} | {r['confirmed']/d:.0f} | {r['latencyMs']['p50']:.1f} | "
      f"{r['latencyMs']['p99']:.1f} | {r['errors']} | {remote} | {cpu_us_per_request(run + '.cpu-server')} | "
      f"{cpu_us_per_request(run + '.cpu-db')} | {idle / tck / 5:.2f} | {v['doubleBookings']} | {v['missingConfirmed']} | {load} |")
PY
  stop_all
done
order=$(echo $order | tr ' ' '\n' | tac | tr '\n' ' ')
done

# takeover: three nodes, kill -9 the node owning most shards, time until the survivors own every shard; restart it
{
  echo
  echo "## Takeover after kill -9 (three nodes, idle)"
  echo
  echo "Time from kill -9 of the node owning most shards until the two survivors report owning all $SHARDS"
  echo "(each shard rebuilt from MySQL and serving), polled every 100 ms, at most ${TAKEOVER_LIMIT}s; the killed node is restarted"
  echo "between kills and each kill waits until all three hold their share again."
  echo
} >> "$OUT/cluster.md"
db="cs_bench_takeover_$(date +%s)_$RANDOM"
DBS+=("$db")
start_node 1 3 "$db"; wait_up 1 || true; start_node 2 3 "$db"; start_node 3 3 "$db"; wait_up 2 || true; wait_up 3 || true
for k in $(seq 1 "$KILLS"); do
  for _ in $(seq 1 240); do balanced && break; sleep 0.5; done
  victim=1; most=0
  for i in 1 2 3; do o=$(owned "$i"); [ "$o" -gt "$most" ] && most=$o && victim=$i; done
  survivors=$(for i in 1 2 3; do if [ "$i" != "$victim" ]; then echo "$i"; fi; done)
  load=$(load1)
  t0=$(date +%s%N)
  at=$(date -u +%H:%M:%S.%3N)
  kill -9 "${PIDS[$victim]}"
  wait "${PIDS[$victim]}" 2>/dev/null || true
  took=""
  while [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt "$TAKEOVER_LIMIT" ]; do
    if settled $survivors; then took=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    sleep 0.1
  done
  echo "- kill $k at $at UTC: node n$victim owned $most shards; survivors reported owning all after ${took:-more than ${TAKEOVER_LIMIT}000} ms (load $load)" >> "$OUT/cluster.md"
  echo ">> kill $k: ${took:-timeout} ms"
  start_node "$victim" 3 "$db"; wait_up "$victim" || true
done
stop_all
# the nodes' own account of each takeover: from the kill to the last shard a survivor logged as taken (the polling
# above adds its own delay on a loaded box)
python3 - "$OUT" >> "$OUT/cluster.md" <<'PY'
import datetime, glob, re, sys
out = sys.argv[1]
kills = [(m.group(1), datetime.datetime.strptime(m.group(2), "%H:%M:%S.%f").time())
         for m in re.finditer(r"- kill (\d+) at (\S+) UTC", open(out + "/cluster.md").read())]
taken = sorted(datetime.datetime.fromisoformat(l[:23]).time() for f in glob.glob(out + "/node-*.log") for l in open(f, errors="replace")
               if re.search(r"Shard \d+ taken at epoch", l))
print("\nFrom the nodes' logs (kill to the last shard a survivor took within the next 60 s):\n")
def ms(t):
    return (t.hour * 3600 + t.minute * 60 + t.second) * 1000 + t.microsecond / 1000
for k, at in kills:
    # the first burst of takes after the kill; the restarted node's own takes come after it rejoined
    after = [t for t in taken if 0 <= ms(t) - ms(at) <= 60000]
    burst = []
    for t in after:
        if burst and ms(t) - ms(burst[-1]) > 3000:
            break
        burst.append(t)
    print(f"- kill {k}: {len(burst)} shards taken, the last {ms(burst[-1]) - ms(at):.0f} ms after the kill" if burst else f"- kill {k}: no takes logged")
PY
echo "wrote $OUT/cluster.md"
