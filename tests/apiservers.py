"""Test helpers: an `mk-apiserver` process on a free loopback port over an etcd member (ours or the real
one), the admin kubeconfig for it, and runners for the real `kubectl` with its own HOME (so its discovery
cache belongs to the test)."""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etcd_members import LOOPBACK, Member, free_port, stop_process, wait_until

KUBECTL = shutil.which("kubectl") or "/usr/bin/kubectl"


@dataclass
class ApiServer:
    url: str
    pki: Path
    kubeconfig: Path
    home: Path
    process: subprocess.Popen
    log_path: str
    etcd: Member

    def context(self, cert: tuple[bytes, bytes] | None = None) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.pki / "ca.crt"))
        if cert is None:
            context.load_cert_chain(str(self.home / "admin.crt"), str(self.home / "admin.key"))
        else:
            cert_path, key_path = self.home / "c.crt", self.home / "c.key"
            cert_path.write_bytes(cert[0])
            key_path.write_bytes(cert[1])
            context.load_cert_chain(str(cert_path), str(key_path))
        return context

    def request(self, method: str, path: str, body: Any = None, *, content_type: str = "application/json",
                accept: str = "application/json", cert: tuple[bytes, bytes] | None = None,
                token: str | None = None) -> tuple[int, Any]:
        """One HTTPS request as the admin (system:masters) or the given cert/token: (status, JSON)."""
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        headers = {"Accept": accept, "Content-Type": content_type}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        context = self.context(cert) if token is None else ssl.create_default_context(cafile=str(self.pki / "ca.crt"))
        try:
            with urllib.request.urlopen(request, context=context, timeout=10) as response:
                raw, status = response.read(), response.status
        except urllib.error.HTTPError as err:
            raw, status = err.read(), err.code
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw.decode()

    def watch_events(self, path: str, accept: str = "application/json") -> list[dict[str, Any]]:
        """The events of a watch that ends by itself (give the path a timeoutSeconds)."""
        request = urllib.request.Request(self.url + path, headers={"Accept": accept})
        with urllib.request.urlopen(request, context=self.context(), timeout=30) as response:
            assert response.status == 200
            return [json.loads(line) for line in response.read().splitlines() if line.strip()]

    def stop(self) -> int:
        return stop_process(self.process)

    def kubectl(self, *args: str, stdin: str = "", env: dict[str, str] | None = None,
                kubeconfig: Path | None = None, timeout: float = 60, cwd: Path | None = None
                ) -> subprocess.CompletedProcess:
        """Run the real kubectl against this apiserver (HOME private to the server: discovery cached there)."""
        environment = {**os.environ, "HOME": str(self.home), "KUBECONFIG": str(kubeconfig or self.kubeconfig),
                       **(env or {})}
        return subprocess.run([KUBECTL, *args], input=stdin, capture_output=True, text=True, timeout=timeout,
                              env=environment, cwd=cwd)


def write_user_kubeconfig(path: Path, pki: Path, url: str, user: str, groups: tuple[str, ...] = (),
                          keep_in: Path | None = None) -> Path:
    """A kubeconfig for `user` in `groups` with a client certificate signed by the cluster CA (also written to
    `<keep_in>.crt`/`.key` when given)."""
    from minikube_py.pki.kubeconfig import issue_client_certificate, write_kubeconfig

    cert, key = issue_client_certificate(pki, user, groups)
    if keep_in is not None:
        keep_in.with_suffix(".crt").write_bytes(cert)
        keep_in.with_suffix(".key").write_bytes(key)
    write_kubeconfig(path, server=url, ca_file=pki / "ca.crt", client_cert=cert, client_key=key, user=user)
    return path


def apiserver_command() -> list[str]:
    return [sys.executable, "-m", "minikube_py.apiserver.main"]


def start_apiserver(workdir: Path, pki: Path, etcd: Member, extra_args: list[str] | None = None) -> ApiServer:
    """Start `mk-apiserver` over `etcd` (its client TLS files when it has them) and wait until /readyz is ok."""
    port = free_port()
    url = f"https://{LOOPBACK}:{port}"
    flags = ["--secure-port", str(port), "--bind-address", LOOPBACK,
             "--tls-cert-file", str(pki / "apiserver.crt"), "--tls-private-key-file", str(pki / "apiserver.key"),
             "--client-ca-file", str(pki / "ca.crt"), "--service-account-key-file", str(pki / "sa.pub"),
             "--service-account-signing-key-file", str(pki / "sa.key"), "--etcd-servers", etcd.url]
    if etcd.client_tls is not None:
        flags += ["--etcd-cafile", etcd.client_tls.ca, "--etcd-certfile", etcd.client_tls.cert,
                  "--etcd-keyfile", etcd.client_tls.key]
    workdir.mkdir(parents=True, exist_ok=True)
    log_path = str(workdir / "apiserver.log")
    with open(log_path, "ab") as log:
        process = subprocess.Popen([*apiserver_command(), *flags, *(extra_args or [])], stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    home = workdir / "home"
    home.mkdir(exist_ok=True)
    kubeconfig = write_user_kubeconfig(workdir / "admin.conf", pki, url, "kubernetes-admin", ("system:masters",),
                                       keep_in=home / "admin")
    server = ApiServer(url, pki, kubeconfig, home, process, log_path, etcd)

    def ready() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"mk-apiserver exited with {process.returncode}:\n{Path(log_path).read_text()}")
        try:
            return server.request("GET", "/readyz")[0] == 200
        except OSError:
            return False

    wait_until(ready, timeout=30, message=f"mk-apiserver at {url} to be ready")
    return server


def new_namespace(apiserver: ApiServer, prefix: str = "t", *, service_account: bool = True) -> str:
    """A fresh namespace, with its `default` ServiceAccount unless told otherwise (what the controller-manager's
    ServiceAccount controller would add)."""
    name = f"{prefix}-" + uuid.uuid4().hex[:8]
    status, body = apiserver.request("POST", "/api/v1/namespaces", {"metadata": {"name": name}})
    assert status == 201, body
    if service_account:
        status, body = apiserver.request("POST", f"/api/v1/namespaces/{name}/serviceaccounts",
                                         {"metadata": {"name": "default"}})
        assert status == 201, body
    return name
