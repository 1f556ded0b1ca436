"""The quick start's main job: a control plane on loopback, real manifests applied, and the CKA etcd
backup-and-restore exercise done on real Kubernetes objects.

It makes the kubeadm PKI and admin.conf under $MINIKUBE_PY_HOME (default: a fresh temporary directory),
starts `mk-etcd` (TLS, client-certificate auth) and `mk-apiserver` on it, applies every manifest in
examples/manifests/ (a Deployment, a Service, a ConfigMap, a CRD and one of its objects) with server-side
apply, prints them as `kubectl get` would, shows their keys under /registry in etcd, then saves an etcd
snapshot, deletes the Deployment, restores the snapshot to a new data dir, restarts etcd and the apiserver
on it, and shows the Deployment back. Exits non-zero if any step does not behave as Kubernetes would.

Pods stay Pending: the scheduler, the controllers and the simulated nodes come in later issues.
The members listen on 2379 and 6443 when free; $MINIKUBE_PY_ETCD_PORT and $MINIKUBE_PY_APISERVER_PORT
choose others."""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from session import Session, free_port, in_state_directory, tool

MANIFESTS = Path(__file__).resolve().parent / "manifests"
TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io"
SHOWN = (("ConfigMap", "/api/v1/namespaces/default/configmaps"),
         ("Deployment", "/apis/apps/v1/namespaces/default/deployments"),
         ("Service", "/api/v1/namespaces/default/services"),
         ("Pod", "/api/v1/namespaces/default/pods"),
         ("CronTab", "/apis/stable.example.com/v1/namespaces/default/crontabs"))


class ControlPlane(Session):
    """The session plus an apiserver and its admin client."""

    def __init__(self, home: Path) -> None:
        super().__init__(home)
        self.apiserver: subprocess.Popen | None = None
        self.url = ""

    def start_apiserver(self, etcd_port: int, port: int) -> None:
        pki = self.pki
        self.url = f"https://127.0.0.1:{port}"
        args = [tool("mk-apiserver"), "--secure-port", str(port), "--bind-address", "127.0.0.1",
                "--tls-cert-file", str(pki / "apiserver.crt"), "--tls-private-key-file", str(pki / "apiserver.key"),
                "--client-ca-file", str(pki / "ca.crt"), "--service-account-key-file", str(pki / "sa.pub"),
                "--service-account-signing-key-file", str(pki / "sa.key"),
                "--etcd-servers", f"https://127.0.0.1:{etcd_port}", "--etcd-cafile", str(pki / "etcd/ca.crt"),
                "--etcd-certfile", str(pki / "apiserver-etcd-client.crt"),
                "--etcd-keyfile", str(pki / "apiserver-etcd-client.key")]
        print(f"# starting mk-apiserver on {self.url}", flush=True)
        log = open(self.home / "apiserver.log", "ab")
        self.apiserver = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                if self.call("GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            if self.apiserver.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mk-apiserver did not become ready; see {self.home / 'apiserver.log'}")
            time.sleep(0.1)

    def stop_apiserver(self) -> None:
        if self.apiserver is not None:
            self.apiserver.send_signal(signal.SIGTERM)
            self.apiserver.wait(timeout=15)
            self.apiserver = None

    def close(self) -> None:
        self.stop_apiserver()
        super().close()

    def context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.pki / "ca.crt"))
        context.load_cert_chain(str(self.home / "admin.crt"), str(self.home / "admin.key"))
        return context

    def call(self, method: str, path: str, body: bytes | None = None, content_type: str = "application/json",
             accept: str = "application/json") -> tuple[int, dict]:
        request = urllib.request.Request(self.url + path, data=body, method=method,
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, context=self.context(), timeout=30) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        try:
            return status, json.loads(raw or b"{}")
        except ValueError:          # /readyz and friends answer plain text
            return status, {"text": raw.decode()}

    def apply(self, document: dict) -> None:
        """Server-side apply of one manifest document, printed as `kubectl apply --server-side` prints it."""
        api_version, kind, name = document["apiVersion"], document["kind"], document["metadata"]["name"]
        plural = kind.lower() + ("es" if kind.endswith("s") else "s")
        if kind == "CustomResourceDefinition":
            plural = "customresourcedefinitions"
        base = f"/apis/{api_version}" if "/" in api_version else f"/api/{api_version}"
        scope = "" if kind == "CustomResourceDefinition" else "/namespaces/default"
        path = f"{base}{scope}/{plural}/{name}?fieldManager=minikube-py-example&force=true"
        status, answer = self.call("PATCH", path, json.dumps(document).encode(), "application/apply-patch+yaml")
        if status not in (200, 201):
            raise SystemExit(f"applying {kind} {name} failed: {answer.get('message', answer)}")
        group = api_version.split("/")[0] if "/" in api_version else ""
        print(f"{kind.lower()}{'.' + group if group else ''}/{name} serverside-applied", flush=True)

    def get(self, kind: str, path: str) -> None:
        """A list as the apiserver's Table, printed as `kubectl get` prints it."""
        print(f"$ kubectl get {kind.lower()}s", flush=True)
        status, table = self.call("GET", path, accept=TABLE)
        if status != 200:
            raise SystemExit(f"listing {kind}s failed: {table.get('message', table)}")
        columns = [c for c in table["columnDefinitions"] if c["priority"] == 0]
        indexes = [table["columnDefinitions"].index(c) for c in columns]
        rows = [[c["name"].upper() for c in columns]]
        rows += [[str(row["cells"][i]) for i in indexes] for row in table["rows"] or ()]
        if len(rows) == 1:
            print("No resources found in default namespace.", flush=True)
            return
        widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
        for row in rows:
            print("   ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip(), flush=True)


def run(home: Path) -> None:
    from minikube_py.pki import create_pki
    from minikube_py.pki.kubeconfig import ADMIN_GROUP, issue_client_certificate, write_admin_kubeconfig

    plane = ControlPlane(home)
    v3 = {"ETCDCTL_API": "3"}
    try:
        print(f"# state directory {home}: the cluster PKI (pki/, as kubeadm lays out /etc/kubernetes/pki)")
        create_pki(plane.pki)
        etcd_port = free_port(int(os.environ.get("MINIKUBE_PY_ETCD_PORT", "2379")))
        api_port = free_port(int(os.environ.get("MINIKUBE_PY_APISERVER_PORT", "6443")))
        etcd = plane.start_member("controlplane", home / "etcd", etcd_port)
        cert, key = issue_client_certificate(plane.pki, "kubernetes-admin", (ADMIN_GROUP,))
        (home / "admin.crt").write_bytes(cert)
        (home / "admin.key").write_bytes(key)
        plane.start_apiserver(etcd_port, api_port)
        kubeconfig = write_admin_kubeconfig(home, plane.url)
        print("# the default ServiceAccount (the controller-manager's ServiceAccount controller would add it)")
        plane.call("POST", "/api/v1/namespaces/default/serviceaccounts", b'{"metadata":{"name":"default"}}')
        for manifest in sorted(MANIFESTS.glob("*.yaml")):
            print(f"$ kubectl apply --server-side -f {manifest.name}", flush=True)
            for document in yaml.safe_load_all(manifest.read_text()):
                if document:
                    plane.apply(document)
        for kind, path in SHOWN:
            plane.get(kind, path)
        ctl = plane.ctl(etcd_port)
        for prefix in ("/registry/deployments/", "/registry/services/specs/default/", "/registry/stable.example.com/"):
            plane.show(ctl + ["get", prefix, "--prefix", "--keys-only"], env=v3, expect=prefix)
        plane.show(ctl + ["snapshot", "save", "snapshot.db"], env=v3, expect="Snapshot saved at")
        print("$ kubectl delete deployment web", flush=True)
        status, _ = plane.call("DELETE", "/apis/apps/v1/namespaces/default/deployments/web")
        print('deployment.apps "web" deleted' if status == 200 else f"delete failed: {status}", flush=True)
        plane.get("Deployment", SHOWN[1][1])
        plane.show([tool("mketcdctl"), "snapshot", "restore", "snapshot.db", "--data-dir", "etcd-from-backup"],
                   env=v3)
        print("# etcd and the apiserver restarted on the restored data dir (what editing "
              "manifests/etcd.yaml's --data-dir does in a kubeadm cluster)")
        plane.stop_apiserver()
        plane.stop(etcd)
        plane.start_member("controlplane", home / "etcd-from-backup", etcd_port)
        plane.start_apiserver(etcd_port, api_port)
        plane.get("Deployment", SHOWN[1][1])
        if plane.call("GET", "/apis/apps/v1/namespaces/default/deployments/web")[0] != 200:
            raise SystemExit("the restored cluster lost the Deployment")
        print(f"# restored: the Deployment is back. The kubeconfig is {kubeconfig}; with the real kubectl:\n"
              f"#   export KUBECONFIG={kubeconfig}; kubectl get all")
    finally:
        plane.close()


if __name__ == "__main__":
    sys.exit(in_state_directory(run))
