"""The etcd static-pod manifest (manifests/control-plane/etcd.yaml) that `cluster up` renders: a valid
kubeadm-shaped Pod whose container command, kubeadm's etcd flags included, starts mk-etcd as it is, with
its probes' endpoints answering on the metrics URL."""

from __future__ import annotations

import signal
import string
import urllib.request
from pathlib import Path

import yaml
from etcd_members import TLSFiles, free_port, start_process, tool_command

MANIFEST = Path(__file__).resolve().parent.parent / "manifests" / "control-plane" / "etcd.yaml"


def render(pki: Path, data_dir: Path, client_port: int, peer_port: int, metrics_port: int) -> dict:
    text = string.Template(MANIFEST.read_text()).substitute(
        ADVERTISE_ADDRESS="127.0.0.1", ETCD_CLIENT_PORT=client_port, ETCD_PEER_PORT=peer_port,
        ETCD_METRICS_PORT=metrics_port, PKI_DIR=str(pki), ETCD_DATA_DIR=str(data_dir), NODE_NAME="controlplane")
    return yaml.safe_load(text)


def test_the_rendered_manifest_runs_mk_etcd_with_kubeadms_flags(tmp_path: Path, cluster_pki: Path) -> None:
    client_port, peer_port, metrics_port = free_port(), free_port(), free_port()
    pod = render(cluster_pki, tmp_path / "etcd", client_port, peer_port, metrics_port)
    assert (pod["kind"], pod["metadata"]["namespace"], pod["metadata"]["labels"]["component"]) == (
        "Pod", "kube-system", "etcd")
    container = pod["spec"]["containers"][0]
    command = container["command"]
    assert command[0] == "mk-etcd" and f"--data-dir={tmp_path / 'etcd'}" in command
    client = TLSFiles(str(cluster_pki / "etcd/ca.crt"), str(cluster_pki / "apiserver-etcd-client.crt"),
                      str(cluster_pki / "apiserver-etcd-client.key"))
    member = start_process("mk", [*tool_command("mk-etcd"), *command[1:]], f"https://127.0.0.1:{client_port}",
                           str(tmp_path / "etcd"), str(tmp_path / "etcd.log"), client_tls=client,
                           name="controlplane")
    try:
        assert member.http("POST", "/v3/kv/put", b'{"key":"YQ==","value":"Yg=="}')[0] == 200
        for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
            get = container[probe]["httpGet"]
            url = f"{get['scheme'].lower()}://{get['host']}:{get['port']}{get['path']}"
            with urllib.request.urlopen(url, timeout=5) as answer:
                assert (answer.status, answer.read()) == (200, b"ok\n")
        log = Path(member.log).read_text()
        for flag in ("snapshot-count", "peer-client-cert-auth", "experimental-initial-corrupt-check"):
            assert f"flag --{flag} has no effect" in log
    finally:
        assert member.stop() == -signal.SIGTERM  # stopped cleanly, then ends by the signal as etcd
