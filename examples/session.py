"""What the examples share: free loopback ports, the installed tools, and a session that prints each command
it runs with its output and starts/stops `mk-etcd` members with the cluster PKI's TLS files."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import socket
import subprocess
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Callable


def free_port(preferred: int) -> int:
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port on 127.0.0.1")


def tool(name: str) -> str:
    installed = Path(sysconfig.get_path("scripts")) / name
    return str(installed) if installed.exists() else (shutil.which(name) or name)


class Session:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.pki = home / "pki"
        self.members: list[subprocess.Popen] = []

    def show(self, args: list[str], *, expect: str | None = None, env: dict[str, str] | None = None) -> str:
        shown = " ".join(shlex.quote(Path(a).name if i == 0 else a) for i, a in enumerate(args))
        shown = shown.replace(str(self.home) + "/", "")
        print(f"$ {shown}", flush=True)
        result = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **(env or {})},
                                cwd=self.home)
        output = (result.stdout + result.stderr).rstrip()
        if output:
            print(output, flush=True)
        if result.returncode != 0:
            raise SystemExit(f"step failed with exit code {result.returncode}")
        if expect is not None and expect not in result.stdout:
            raise SystemExit(f"expected {expect!r} in the output")
        return result.stdout

    def start_member(self, name: str, data_dir: Path, port: int) -> subprocess.Popen:
        url = f"https://127.0.0.1:{port}"
        peer = f"http://127.0.0.1:{free_port(2380)}"
        etcd_pki = self.pki / "etcd"
        args = [tool("mk-etcd"), "--name", name, "--data-dir", str(data_dir),
                "--listen-client-urls", url, "--advertise-client-urls", url,
                "--initial-advertise-peer-urls", peer, "--initial-cluster", f"{name}={peer}",
                "--cert-file", str(etcd_pki / "server.crt"), "--key-file", str(etcd_pki / "server.key"),
                "--trusted-ca-file", str(etcd_pki / "ca.crt"), "--client-cert-auth"]
        print(f"# starting mk-etcd {name} on {url}, data dir {data_dir.name}", flush=True)
        log = open(self.home / f"{name}.log", "ab")
        member = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.members.append(member)
        deadline = time.monotonic() + 20
        while subprocess.run(self.ctl(port) + ["endpoint", "health"], capture_output=True,
                             env={**os.environ, "ETCDCTL_API": "3"}).returncode != 0:
            if member.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mk-etcd did not become healthy; see {self.home / (name + '.log')}")
            time.sleep(0.05)
        return member

    def ctl(self, port: int) -> list[str]:
        return [tool("mketcdctl"), f"--endpoints=https://127.0.0.1:{port}",
                f"--cacert={self.pki / 'etcd/ca.crt'}", f"--cert={self.pki / 'apiserver-etcd-client.crt'}",
                f"--key={self.pki / 'apiserver-etcd-client.key'}"]

    def stop(self, member: subprocess.Popen) -> None:
        member.send_signal(signal.SIGTERM)
        member.wait(timeout=15)
        self.members.remove(member)

    def close(self) -> None:
        for member in list(self.members):
            self.stop(member)


def in_state_directory(run: Callable[[Path], None]) -> int:
    """Run an example in $MINIKUBE_PY_HOME (default: a fresh temporary directory); its exit code."""
    configured = os.environ.get("MINIKUBE_PY_HOME")
    home = Path(configured) if configured else Path(tempfile.mkdtemp(prefix="minikube-py-"))
    home.mkdir(parents=True, exist_ok=True)
    run(home.resolve())
    return 0
