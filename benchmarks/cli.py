"""mkctl against the real kubectl, side by side in one run: whole-process start-to-exit time of the same commands
on the same cluster (mk-etcd + mk-apiserver with TLS, started here), as medians after warm-ups and as ratios.

Commands: `version --client`, `get pods` (20 pods), `apply -f` one file, `apply -f` a 200-file directory
(server-side dry run, so every run does the same work). Prints a markdown table (the README quotes it).

    python benchmarks/cli.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from apiservers import start_apiserver  # noqa: E402
from etcd_members import TLSFiles, start_member  # noqa: E402

CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  key: value-{name}\n"


def mkctl() -> str:
    installed = Path(sysconfig.get_path("scripts")) / "mkctl"
    return str(installed) if installed.exists() else (shutil.which("mkctl") or "mkctl")


def timed(command: list[str], env: dict[str, str], runs: int) -> float:
    """Median seconds of `command` as a whole process (two warm-up runs first); it must succeed."""
    times = []
    for index in range(runs + 2):
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.decode()[:400]}")
        if index >= 2:
            times.append(elapsed)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (default 15)")
    args = parser.parse_args()
    from minikube_py.pki import create_pki

    with tempfile.TemporaryDirectory(prefix="mkctl-bench-") as temporary:
        root = Path(temporary)
        pki = root / "state" / "pki"
        create_pki(pki)
        etcd = start_member("mk", root, server_tls=TLSFiles(str(pki / "etcd/ca.crt"), str(pki / "etcd/server.crt"),
                                                            str(pki / "etcd/server.key")),
                            client_tls=TLSFiles(str(pki / "etcd/ca.crt"), str(pki / "apiserver-etcd-client.crt"),
                                                str(pki / "apiserver-etcd-client.key")))
        server = start_apiserver(root / "apiserver", pki, etcd)
        try:
            server.request("POST", "/api/v1/namespaces/default/serviceaccounts", {"metadata": {"name": "default"}})
            for index in range(20):
                server.request("POST", "/api/v1/namespaces/default/pods", {
                    "metadata": {"name": f"pod-{index}"},
                    "spec": {"containers": [{"name": "main", "image": "nginx:1.27"}]}})
            one = root / "one.yaml"
            one.write_text(CONFIGMAP.format(name="single"))
            many = root / "many"
            many.mkdir()
            for index in range(200):
                (many / f"cm-{index:03d}.yaml").write_text(CONFIGMAP.format(name=f"cm-{index:03d}"))
            env = {**os.environ, "KUBECONFIG": str(server.kubeconfig), "HOME": str(server.home)}
            commands = [("version --client", ["version", "--client"]), ("get pods", ["get", "pods"]),
                        ("apply -f one file", ["apply", "--dry-run=server", "-f", str(one)]),
                        ("apply -f 200 files", ["apply", "--dry-run=server", "-f", str(many)])]
            print("| command (whole process, median) | kubectl | mkctl | ratio |")
            print("|---|---:|---:|---:|")
            for label, words in commands:
                real = timed(["/usr/bin/kubectl", *words], env, args.runs)
                ours = timed([mkctl(), *words], env, args.runs)
                print(f"| `{label}` | {real * 1000:.1f} ms | {ours * 1000:.1f} ms | {ours / real:.2f}x |", flush=True)
        finally:
            server.stop()
            etcd.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
