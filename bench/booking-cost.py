#!/usr/bin/env python3
"""What one booking costs, two (or more) jars side by side in one run, alternating, at the shipped defaults.

    bench/booking-cost.sh                                  this build against itself (a noise check)
    JARS="before=/tmp/a.jar after=target/ev-chargeshare.jar" RUNS=3 bench/booking-cost.sh

Each round starts every jar in turn (the order alternates between rounds) on a fresh database of the server at
DB_SERVER, creates chargers and drivers through the API (as bench/efficiency.py does), warms up, and measures with
wrk a trivial phase (a JSON 404) and a booking phase. Around the booking phase it reads the CPU of the server and of
mariadbd from /proc and MariaDB's global counters (SHOW GLOBAL STATUS: statements, handler calls, InnoDB rows,
commits, log writes), and reports them per confirmed booking. The counters are the whole server's: other clients
of the same MariaDB show up in them, so the report gives the load next to each round; EMBEDDED=1 starts each server
with its own embedded MariaDB instead (as it runs with no database URL) and measures that mariadbd alone. FILL=90 books
for 90 s more before the measured phase, so that it measures a booking's cost in a database that has outgrown a
small buffer pool. The fair-booking limits' values are raised as in bench/efficiency.py (LIMITS_ENV). JFR=1 records the server's booking
phase with Java Flight Recorder (settings=profile) into the results folder.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import time
from urllib.parse import urlparse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import efficiency as eff  # noqa: E402  (its Server, wrk and fixture helpers, and its settings from the environment)

COUNTERS = ["Questions", "Com_insert", "Com_update", "Com_delete", "Com_select", "Com_stmt_execute", "Com_stmt_prepare",
            "Com_commit", "Handler_write", "Handler_update", "Handler_delete", "Handler_read_key", "Handler_read_next",
            "Handler_read_rnd_next", "Innodb_rows_inserted", "Innodb_rows_updated", "Innodb_rows_deleted",
            "Innodb_rows_read", "Innodb_log_writes", "Innodb_data_fsyncs", "Bytes_received", "Bytes_sent"]


EMBEDDED = eff.EMBEDDED
# seconds of booking load between the warm-up and the measured phase: the cost per booking at a larger database
FILL = int(os.environ.get("FILL", "0"))


def status(server=None):
    u = urlparse(eff.DB_SERVER)
    port = server.db_port if EMBEDDED else u.port or 3306
    out = subprocess.run(["mysql", "-u", u.username or "root", "-h", u.hostname or "127.0.0.1", "-P", str(port),
                          "-N", "-B", "-e", "SHOW GLOBAL STATUS"], capture_output=True, text=True, check=True).stdout
    values = dict(line.split("\t", 1) for line in out.splitlines() if "\t" in line)
    return {k: int(values.get(k, "0")) for k in COUNTERS}


def jcmd(server, *args):
    subprocess.run(["jcmd", str(server.proc.pid), *args], check=True, capture_output=True)


def measure(label, jar, work, n, jfr):
    db = f"cs_cost_{int(time.time())}_{n}_{label}"
    server = eff.start_server(jar, db, os.path.join(work, f"data-{label}-{n}"), os.path.join(work, f"server-{label}-{n}.log"), {})
    try:
        fixture = os.path.join(work, f"fixture-{label}-{n}.txt")
        eff.make_fixture(jar, server, fixture)
        eff.wrk(server, "not-found.lua", eff.WARMUP)
        filled = eff.wrk(server, "booking.lua", eff.WARMUP, fixture)["statuses"].get("201", 0)
        trivial = eff.wrk(server, "not-found.lua", eff.DURATION)
        filled += eff.wrk(server, "booking.lua", FILL, fixture)["statuses"].get("201", 0) if FILL else 0
        if jfr:
            jcmd(server, "JFR.start", "name=cost", "settings=profile")
        before = status(server)
        booking = eff.wrk(server, "booking.lua", eff.DURATION, fixture)  # its db_cpu: the server's own mariadbd when embedded
        after = status(server)
        if jfr:
            jcmd(server, "JFR.stop", "name=cost", f"filename={os.path.join(work, f'{label}-{n}.jfr')}")
    finally:
        server.stop()
        if not EMBEDDED:
            eff.drop_database(db)
    confirmed = booking["statuses"].get("201", 0)
    row = {
        "load (1 min)": float(open("/proc/loadavg").read().split()[0]),
        "booking requests/s": booking["rps"],
        "confirmed bookings": confirmed,
        "bookings written before the measured phase (warm-up and FILL)": filled,
        "server µs per booking request": eff.per_request_us(booking["server_cpu"], booking["requests"]),
        "server µs per trivial request": eff.per_request_us(trivial["server_cpu"], trivial["requests"]),
        "booking ÷ trivial server CPU": (booking["server_cpu"] / booking["requests"]) / (trivial["server_cpu"] / trivial["requests"]),
        "MariaDB µs per confirmed booking": eff.per_request_us(booking["db_cpu"], confirmed),
        "booking p99 ms": booking["p99ms"],
    }
    for k in COUNTERS:
        row[f"{k} per booking"] = (after[k] - before[k]) / confirmed if confirmed else float("nan")
    return row, booking["statuses"]


def main():
    jars = os.environ.get("JARS", "this=" + os.path.join(eff.ROOT, "target", "ev-chargeshare.jar")).split()
    jfr = os.environ.get("JFR") == "1"
    out_dir = os.path.join(eff.ROOT, "bench", "results", time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-booking-cost")
    os.makedirs(out_dir, exist_ok=True)
    # an embedded MariaDB refuses a data directory under the temp directory
    work = eff.work_folder("cs-cost-")
    labelled = []
    for spec in jars:
        label, path = spec.split("=", 1)
        copy = os.path.join(work, f"{label}.jar")
        shutil.copy(path, copy)  # a rebuild during the run cannot swap classes under the server
        labelled.append((label, copy))
    rows = {label: [] for label, _ in labelled}
    statuses = {label: [] for label, _ in labelled}
    load = open("/proc/loadavg").read().split()[:3]
    for n in range(1, eff.RUNS + 1):
        order = labelled if n % 2 else list(reversed(labelled))
        for label, jar in order:
            print(f">> round {n} of {eff.RUNS}: {label}", file=sys.stderr)
            row, st = measure(label, jar, work, n, jfr)
            rows[label].append(row)
            statuses[label].append(st)
            with open(os.path.join(out_dir, "booking-cost.json"), "w") as f:  # kept as it grows: a later failure loses no round
                json.dump({"rows": rows, "statuses": statuses}, f, indent=1)
        for f in os.listdir(work):
            if f.startswith("server-") or f.endswith(".jfr"):
                shutil.copy(os.path.join(work, f), out_dir)
    lines = [f"# Per-booking cost, {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}", "",
             f"{os.cpu_count()} cores; database server {'one embedded MariaDB per server (EMBEDDED=1)' if EMBEDDED else eff.DB_SERVER}; server at its shipped defaults, set-up only with "
             f"bcrypt cost 4 and no sign-up limit, the fair-booking limits' values raised "
             f"({' '.join(f'{k}={v}' for k, v in eff.LIMITS_ENV.items())}); {eff.CHARGERS} chargers, {eff.DRIVERS} drivers; wrk -t2 -c{eff.CONNECTIONS}; "
             f"{eff.WARMUP} s warm-up, {FILL} s more booking load, {eff.DURATION} s measured; {eff.RUNS} rounds, jars alternating, each on a fresh database. "
             f"Load at the start: {' '.join(load)}.", "",
             "| figure | " + " | ".join(label for label, _ in labelled) + " |", "|---|" + "---|" * len(labelled)]
    for key in rows[labelled[0][0]][0]:
        cells = []
        for label, _ in labelled:
            values = [r[key] for r in rows[label] if r[key] == r[key]]
            cells.append(f"{eff.fmt(min(values))}–{eff.fmt(max(values))}" if values else "n/a")
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    lines += ["", "Booking answers by status: " + "; ".join(f"{label} {json.dumps(statuses[label])}" for label, _ in labelled)]
    report = "\n".join(lines) + "\n"
    with open(os.path.join(out_dir, "booking-cost.md"), "w") as f:
        f.write(report)
    with open(os.path.join(out_dir, "booking-cost.json"), "w") as f:
        json.dump({"rows": rows, "statuses": statuses}, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)
    print(report)


if __name__ == "__main__":
    main()
