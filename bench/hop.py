#!/usr/bin/env python3
"""What a cross-node hop costs per booking request: two clustered nodes, one of them answering every request, its
bookings once all on its own shards and once all on the other node's, in alternated rounds.

    bench/hop.sh                        (builds the jar when missing, then runs this)
    RUNS=2 WARMUP=30 ALT_ROUNDS=6 ALT_SECONDS=5 bench/hop.sh      (the defaults)

Two nodes (n1, n2) of one cluster share a fresh database of the MySQL-compatible server at DB_SERVER, each node
at the shipped defaults plus the cluster's settings (the same set-up and raised limits' values as
bench/efficiency.py). Once both own their share of the shards, the fixture is written through n1 (`loadtest
--fixture-out`: CHARGERS chargers, DRIVERS drivers) and split by owner: a booking's charger shard (charger id mod
the shard count) and its driver's ledger shard (driver id mod the shard count) both owned by n1 ("local"), or both
by n2 ("remote"), as `shard_epochs` names them. wrk then sends booking.lua to n1 only, with either fixture.

In "local" rounds a booking never leaves n1; in "remote" rounds the same work runs on n2 instead, and every message
between the HTTP verticle and the shards (the driver's reservation and its answer, the charger's command and its
answer, the ledger's confirmation) crosses the event bus's TCP connection between the nodes. Server CPU is summed
over both nodes, so the difference between the two, per request, is what the hops cost: encoding, the sends and
reads on both sides, the event bus's cluster path. The remote hops counted by the nodes' metrics give it per hop.

Everything runs on this machine, loopback only; every process started is ended.
"""
import base64
import json
import os
import re
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import efficiency as e  # noqa: E402  (the servers, fixtures, wrk and CPU readings of the efficiency harness)

RUNS = int(os.environ.get("RUNS", "2"))
SHARDS = int(os.environ.get("SHARDS", "64"))
# each fixture's booking load before the rounds: both nodes compile the paths they run
WARMUP = int(os.environ.get("WARMUP", "30"))
CLUSTER_PORT = 58300


def node_env(i, members):
    return {"CHARGESHARE_CLUSTER": "true", "CHARGESHARE_CLUSTER_PORT": str(CLUSTER_PORT + i),
            "CHARGESHARE_CLUSTER_MEMBERS": ",".join(f"127.0.0.1:{CLUSTER_PORT + j}" for j in members),
            "CHARGESHARE_NODE_NAME": f"n{i}", "CHARGESHARE_BOOKING_SHARDS": str(SHARDS)}


def owned(server):
    with urllib.request.urlopen(server.url + "/health", timeout=2) as r:
        m = re.search(r'"shardsOwned"\s*:\s*(\d+)', r.read().decode())
        return int(m.group(1)) if m else 0


def owners(db):
    out = e.mysql("SELECT shard, owner FROM shard_epochs", db)
    if out is None:
        raise SystemExit("the mysql client is needed to read the shards' owners: apt-get install -y mariadb-client")
    return {int(shard): owner for shard, owner in (line.split("\t") for line in out.splitlines() if line.strip())}


def driver_id(bearer):
    payload = bearer.split()[-1].split(".")[1]
    return int(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"])


def split_fixture(fixture, shard_owner, work):
    """The fixture's drivers and chargers whose shards n1 owns, and those n2 owns: one fixture file each."""
    lines = open(fixture).read().splitlines()
    files = {}
    for node in ("n1", "n2"):
        kept = []
        for line in lines:
            kind, value = line.split(" ", 1)
            key = driver_id(value) if kind == "driver" else int(value)
            if shard_owner[key % SHARDS] == node:
                kept.append(line)
        path = os.path.join(work, f"fixture-{node}.txt")
        with open(path, "w") as f:
            f.write("\n".join(kept) + "\n")
        files[node] = path
    return files


def remote_hops(servers):
    total = 0
    for server in servers:
        with urllib.request.urlopen(server.url + "/metrics", timeout=5) as r:
            for line in r.read().decode().splitlines():
                if line.startswith("chargeshare_cluster_hops_total") and 'to="remote"' in line:
                    total += float(line.rsplit(" ", 1)[1])
    return total


class Both:
    """n1 as wrk sees it (its URL), with the CPU of both nodes."""

    def __init__(self, n1, n2):
        self.url, self.db_pid, self.nodes = n1.url, None, (n1, n2)

    def cpu(self):
        return sum(n.cpu() for n in self.nodes)


def one_run(jar, work, n):
    db = f"cs_hop_{int(time.time())}_{n}"
    servers = []
    try:
        servers.append(e.Server(jar, db, os.path.join(work, f"data-{n}-1"), os.path.join(work, f"node-{n}-1.log"),
                                node_env(1, [2]), e.PORT + 1))
        servers.append(e.Server(jar, db, os.path.join(work, f"data-{n}-2"), os.path.join(work, f"node-{n}-2.log"),
                                node_env(2, [1]), e.PORT + 2))
        deadline = time.monotonic() + 120
        while not (owned(servers[0]) + owned(servers[1]) == SHARDS and min(map(owned, servers)) >= SHARDS // 4):
            if time.monotonic() > deadline:
                raise SystemExit("the two nodes did not share the shards within 120 s")
            time.sleep(0.5)
        fixture = os.path.join(work, f"fixture-{n}.txt")
        e.make_fixture(jar, servers[0], fixture)
        shard_owner = owners(db)
        files = split_fixture(fixture, shard_owner, work)
        both = Both(*servers)
        for node in ("n1", "n2"):
            e.wrk(both, "booking.lua", WARMUP, files[node])
        rounds = {"n1": [], "n2": []}
        hops = {"n1": 0.0, "n2": 0.0}
        for r in range(e.ALT_ROUNDS):
            for node in (("n1", "n2") if r % 2 == 0 else ("n2", "n1")):
                h0 = remote_hops(servers)
                rounds[node].append(e.wrk(both, "booking.lua", e.ALT_SECONDS, files[node]))
                hops[node] += remote_hops(servers) - h0
        result = {}
        for node, label in (("n1", "local"), ("n2", "remote")):
            s = e.summed(rounds[node])
            s["remote_hops_per_request"] = hops[node] / s["requests"] if s["requests"] else float("nan")
            s["shards_owned"] = sum(1 for o in shard_owner.values() if o == node)
            result[label] = s
        return result
    finally:
        for server in servers:
            server.stop()
        e.drop_database(db)


def main():
    jar = os.path.join(e.ROOT, "target/ev-chargeshare.jar")
    work = e.work_folder("hop")
    out_dir = os.path.join(e.ROOT, "bench/results", time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-hop")
    os.makedirs(out_dir, exist_ok=True)
    load = open("/proc/loadavg").read().split()[:3]
    runs = []
    for n in range(1, RUNS + 1):
        print(f">> run {n} of {RUNS}", file=sys.stderr)
        runs.append(one_run(jar, work, n))
    lines = [f"# A cross-node hop per booking request, {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}", "",
             f"Two clustered nodes on this machine ({os.cpu_count()} cores), {SHARDS} shards, database {e.DB_SERVER} "
             f"({e.db_server_settings()}); wrk -t2 -c{e.CONNECTIONS} booking.lua to n1 only; {e.CHARGERS} chargers and "
             f"{e.DRIVERS} drivers written through n1, split by the owner of their shards; {WARMUP} s warm-up of each, "
             f"then {e.ALT_ROUNDS} alternated rounds of {e.ALT_SECONDS} s each. Server CPU: both nodes together. "
             f"Load at the start: {' '.join(load)}.", "",
             "| run | bookings on | requests/s | server µs per request (both nodes) | MariaDB µs per request | "
             "remote hops per request | wrk p99 ms (median round) | answers |",
             "|---|---|---|---|---|---|---|---|"]
    for i, r in enumerate(runs, 1):
        for label in ("local", "remote"):
            s = r[label]
            lines.append(f"| {i} | {label} ({s['shards_owned']} shards) | {s['rps']:.0f} | {s['us_per_request']:.1f} | "
                         f"{s['db_us_per_request']:.1f} | {s['remote_hops_per_request']:.2f} | "
                         f"{e.median(s['p99ms_per_round']):.1f} | {json.dumps(s['statuses'])} |")
        hop = r["remote"]["us_per_request"] - r["local"]["us_per_request"]
        # the local rounds send a few commands across too: the difference in remote hops is what the CPU bought
        per = r["remote"]["remote_hops_per_request"] - r["local"]["remote_hops_per_request"]
        lines.append(f"| {i} | remote − local | | **{hop:+.1f}** | | | | "
                     f"{hop / per:+.1f} µs per remote hop |" if per else f"| {i} | remote − local | | {hop:+.1f} | | | | |")
    e.write_report(out_dir, "hop", lines, runs, work)


if __name__ == "__main__":
    main()
