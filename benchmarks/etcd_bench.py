"""mk-etcd against the real etcd 3.4, side by side in one run, and mketcdctl against etcdctl.

Starts both members fresh on loopback (plain HTTP; both durable the same way: etcd fsyncs its WAL per
write, mk-etcd's LMDB commit fsyncs), then drives each with the same client: v3 gateway puts and
single-key ranges of 100-byte values at 1 and 16 concurrent clients (keep-alive connections spread over
worker processes, so the client is not the bottleneck), reporting ops/s, p50 and p99 latency and the
ratio ours/real. Then the whole-process time of `mketcdctl get k` vs `etcdctl get k` (median of runs after
warm-ups). Prints a markdown table (the README quotes it).

    python benchmarks/etcd_bench.py [--ops 5000] [--clients 1,16] [--cli-runs 20]
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from etcd_members import Member, real_etcd_binary, start_member, tool_command  # noqa: E402

VALUE = base64.b64encode(b"v" * 100).decode()


def _worker(job: tuple[str, str, list[int]]) -> list[float]:
    """One client: a keep-alive connection doing `op` on the given key numbers; returns latencies (s)."""
    host_port, op, numbers = job
    host, port = host_port.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {"Content-Type": "application/json"}
    latencies = []
    for number in numbers:
        key = base64.b64encode(f"/bench/key-{number:08d}".encode()).decode()
        body = json.dumps({"key": key, "value": VALUE} if op == "put" else {"key": key})
        started = time.perf_counter()
        connection.request("POST", "/v3/kv/put" if op == "put" else "/v3/kv/range", body, headers)
        response = connection.getresponse()
        data = response.read()
        latencies.append(time.perf_counter() - started)
        if response.status != 200 or (op == "get" and b'"count":"1"' not in data):
            raise RuntimeError(f"{op} failed: {response.status} {data[:200]!r}")
    connection.close()
    return latencies


def drive(member: Member, op: str, clients: int, ops: int) -> dict[str, float]:
    shares = [list(range(i, ops, clients)) for i in range(clients)]
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        started = time.perf_counter()
        results = pool.map(_worker, [(member.host_port, op, share) for share in shares], chunksize=1)
        elapsed = time.perf_counter() - started
    latencies = sorted(latency for share in results for latency in share)
    return {
        "ops_per_s": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1e3,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1e3,
    }


def cli_time(command: list[str], runs: int, env: dict[str, str]) -> float:
    """Median whole-process wall time (s) of `command` after two warm-ups."""
    times = []
    for index in range(runs + 2):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        if index >= 2:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=5000, help="operations per run (default 5000)")
    parser.add_argument("--clients", default="1,16", help="client counts (default 1,16)")
    parser.add_argument("--cli-runs", type=int, default=20, help="timed runs of each CLI call (default 20)")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="etcd-bench-"))
    members: dict[str, Member] = {}
    for kind in ("real", "mk"):
        (workdir / kind).mkdir()
        members[kind] = start_member(kind, workdir / kind)
    rows = []
    try:
        for clients in (int(c) for c in options.clients.split(",")):
            for op in ("put", "get"):
                figures = {kind: drive(member, op, clients, options.ops) for kind, member in members.items()}
                rows.append((f"v3 {'put' if op == 'put' else 'range'}", clients, figures))
        env = {**os.environ, "ETCDCTL_API": "3"}
        cli = {}
        for kind, command in (("real", [real_etcd_binary("etcdctl")]), ("mk", tool_command("mketcdctl"))):
            endpoint = members[kind].url
            subprocess.run([*command, f"--endpoints={endpoint}", "put", "k", "v"], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            cli[kind] = cli_time([*command, f"--endpoints={endpoint}", "get", "k"], options.cli_runs, env)
            cli[kind + "-put"] = cli_time([*command, f"--endpoints={endpoint}", "put", "k", "v"],
                                          options.cli_runs, env)
        python_floor = cli_time([sys.executable, "-c", "pass"], options.cli_runs, env)
    finally:
        for member in members.values():
            member.stop()
    print("| workload | clients | real etcd ops/s | mk-etcd ops/s | ratio | real p50 / p99 ms | mk p50 / p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, clients, figures in rows:
        real, ours = figures["real"], figures["mk"]
        print(f"| {name} | {clients} | {real['ops_per_s']:,.0f} | {ours['ops_per_s']:,.0f} | "
              f"{ours['ops_per_s'] / real['ops_per_s']:.2f}x | {real['p50_ms']:.2f} / {real['p99_ms']:.2f} | "
              f"{ours['p50_ms']:.2f} / {ours['p99_ms']:.2f} |")
    print()
    print("| command (whole process, median) | etcdctl | mketcdctl | ratio |")
    print("|---|---:|---:|---:|")
    for label, key in (("get k", ""), ("put k v", "-put")):
        real, ours = cli["real" + key], cli["mk" + key]
        print(f"| `{label}` | {real * 1e3:.1f} ms | {ours * 1e3:.1f} ms | {ours / real:.2f}x |")
    print(f"\n(`{Path(sys.executable).name} -c pass` on this machine: {python_floor * 1e3:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
