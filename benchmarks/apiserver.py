"""mk-apiserver throughput and latency, over mk-etcd and over the real etcd 3.4 side by side in one run.

For each backend: start the etcd member (TLS, client-cert auth, as `cluster up` runs it) and mk-apiserver on
loopback, then drive it over HTTPS with an admin client certificate from worker processes (keep-alive
connections, so the client is not the bottleneck): pod creates (N pods, C concurrent clients) while one
watcher follows the namespace, pod gets, and whole LISTs of the N pods (JSON, and as kubectl's Table).
Reports ops/s, p50 and p99 latency, watch events delivered, and the ratio mk-etcd/real etcd; prints a
markdown table (the README quotes it).

    python benchmarks/apiserver.py [--pods 10000] [--clients 16] [--lists 5] [--backends mk,real]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import ssl
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from apiservers import ApiServer, start_apiserver  # noqa: E402
from etcd_members import TLSFiles, start_member  # noqa: E402

TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
NAMESPACE = "bench"


def pod(number: int) -> bytes:
    return json.dumps({"apiVersion": "v1", "kind": "Pod",
                       "metadata": {"name": f"pod-{number:06d}", "labels": {"app": "bench", "n": str(number % 10)}},
                       "spec": {"containers": [{"name": "main", "image": "nginx:1.27",
                                                "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]}}
                      ).encode()


def _connection(url: str, home: str) -> http.client.HTTPSConnection:
    host, port = url.removeprefix("https://").rsplit(":", 1)
    context = ssl.create_default_context(cafile=f"{home}/ca.crt")
    context.load_cert_chain(f"{home}/admin.crt", f"{home}/admin.key")
    return http.client.HTTPSConnection(host, int(port), context=context, timeout=60)


def _worker(job: tuple[str, str, str, list[int]]) -> list[float]:
    """One client: `op` (create/get) for the given pod numbers on one keep-alive connection; latencies (s)."""
    url, home, op, numbers = job
    connection = _connection(url, home)
    base = f"/api/v1/namespaces/{NAMESPACE}/pods"
    latencies = []
    for number in numbers:
        started = time.perf_counter()
        if op == "create":
            connection.request("POST", base, pod(number), {"Content-Type": "application/json"})
        else:
            connection.request("GET", f"{base}/pod-{number:06d}")
        response = connection.getresponse()
        data = response.read()
        latencies.append(time.perf_counter() - started)
        if response.status not in (200, 201):
            raise RuntimeError(f"{op} failed: {response.status} {data[:300]!r}")
    return latencies


def drive(server: ApiServer, op: str, pods: int, clients: int) -> dict[str, float]:
    jobs = [(server.url, str(server.home), op, list(range(index, pods, clients))) for index in range(clients)]
    started = time.perf_counter()
    with multiprocessing.Pool(clients) as pool:
        latencies = sorted(latency for part in pool.map(_worker, jobs) for latency in part)
    elapsed = time.perf_counter() - started
    return {"ops": pods / elapsed, "p50": latencies[len(latencies) // 2] * 1000,
            "p99": latencies[int(len(latencies) * 0.99)] * 1000}


def list_time(server: ApiServer, runs: int, accept: str) -> tuple[float, int]:
    """Median seconds of a whole LIST of the namespace's pods until its last byte arrives (the client's own
    JSON parsing not included: that is the client's cost, not the server's), and the item count."""
    connection = _connection(server.url, str(server.home))
    times, body = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        connection.request("GET", f"/api/v1/namespaces/{NAMESPACE}/pods", headers={"Accept": accept})
        response = connection.getresponse()
        body = response.read()
        times.append(time.perf_counter() - started)
    parsed = json.loads(body)
    return statistics.median(times), len(parsed.get("items") or parsed.get("rows") or ())


def watch_count(server: ApiServer, counted: list[int], ready: threading.Event, stop: threading.Event) -> None:
    connection = _connection(server.url, str(server.home))
    connection.request("GET", f"/api/v1/namespaces/{NAMESPACE}/pods?watch=true&timeoutSeconds=600")
    response = connection.getresponse()
    ready.set()
    while not stop.is_set():
        line = response.fp.readline()
        if not line:
            break
        if b'"type":"ADDED"' in line:
            counted[0] += 1
    connection.close()


def run(backend: str, workdir: Path, pki: Path, args: argparse.Namespace) -> dict[str, float]:
    workdir.mkdir(parents=True)
    etcd = start_member(backend, workdir, server_tls=TLSFiles(str(pki / "etcd/ca.crt"), str(pki / "etcd/server.crt"),
                                                              str(pki / "etcd/server.key")),
                        client_tls=TLSFiles(str(pki / "etcd/ca.crt"), str(pki / "apiserver-etcd-client.crt"),
                                            str(pki / "apiserver-etcd-client.key")))
    server = start_apiserver(workdir / "apiserver", pki, etcd)
    try:
        (server.home / "ca.crt").write_bytes((pki / "ca.crt").read_bytes())
        server.request("POST", "/api/v1/namespaces", {"metadata": {"name": NAMESPACE}})
        server.request("POST", f"/api/v1/namespaces/{NAMESPACE}/serviceaccounts", {"metadata": {"name": "default"}})
        counted, ready, stop = [0], threading.Event(), threading.Event()
        watcher = threading.Thread(target=watch_count, args=(server, counted, ready, stop), daemon=True)
        watcher.start()
        ready.wait(10)
        created = drive(server, "create", args.pods, args.clients)
        deadline = time.monotonic() + 30
        while counted[0] < args.pods and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()
        got = drive(server, "get", min(args.pods, 5000), args.clients)
        listed, count = list_time(server, args.lists, "application/json")
        tabled, _ = list_time(server, args.lists, TABLE)
        return {"create_ops": created["ops"], "create_p50": created["p50"], "create_p99": created["p99"],
                "get_ops": got["ops"], "get_p50": got["p50"], "get_p99": got["p99"],
                "list_ms": listed * 1000, "table_ms": tabled * 1000, "listed": count, "watched": counted[0]}
    finally:
        server.stop()
        etcd.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pods", type=int, default=10000, help="pods to create (default 10000)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--lists", type=int, default=5, help="timed LISTs (median; default 5)")
    parser.add_argument("--backends", default="mk,real", help="etcd members to run over (default mk,real)")
    args = parser.parse_args()
    from minikube_py.pki import create_pki

    results = {}
    with tempfile.TemporaryDirectory(prefix="mk-apiserver-bench-") as temporary:
        pki = Path(temporary) / "state" / "pki"
        create_pki(pki)
        for backend in args.backends.split(","):
            results[backend] = run(backend, Path(temporary) / backend, pki, args)
            print(f"{backend}: {json.dumps({k: round(v, 1) for k, v in results[backend].items()})}", file=sys.stderr)
    rows = [("pod creates/s", "create_ops", "{:.0f}"), ("create p50 ms", "create_p50", "{:.1f}"),
            ("create p99 ms", "create_p99", "{:.1f}"), ("pod gets/s", "get_ops", "{:.0f}"),
            ("get p50 ms", "get_p50", "{:.1f}"), ("get p99 ms", "get_p99", "{:.1f}"),
            (f"LIST of {args.pods} pods, ms", "list_ms", "{:.0f}"), ("LIST as Table, ms", "table_ms", "{:.0f}"),
            ("watch events delivered", "watched", "{:.0f}")]
    backends = list(results)
    print(f"| mk-apiserver ({args.clients} clients) | " + " | ".join(f"over {b}-etcd" for b in backends) +
          (" | mk/real |" if len(backends) == 2 else " |"))
    print("|---|" + "---|" * (len(backends) + (len(backends) == 2)))
    for label, key, fmt in rows:
        cells = [fmt.format(results[b][key]) for b in backends]
        if len(backends) == 2:
            cells.append(f"{results[backends[0]][key] / results[backends[1]][key]:.2f}x")
        print(f"| {label} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
