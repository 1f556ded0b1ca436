"""`mk-apiserver` as a process: kube-apiserver's help and flag errors, refused configurations, waiting for an
etcd that starts after it, `--authorization-mode`, and a clean stop on SIGTERM with a watch open."""

from __future__ import annotations

import signal
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest
from apiservers import apiserver_command, start_apiserver, write_user_kubeconfig
from conftest import etcd_client_tls, etcd_server_tls
from etcd_members import LOOPBACK, free_port, member_command, member_flags, start_member, start_process, wait_until


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*apiserver_command(), *args], capture_output=True, text=True, timeout=30)


def test_help_lists_kube_apiserver_flags() -> None:
    result = run("--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("The Kubernetes API server validates and configures data")
    for flag in ("--secure-port int", "--etcd-servers strings", "--client-ca-file string",
                 "--service-cluster-ip-range string", "--authorization-mode strings", "--kubernetes-version string"):
        assert flag in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--bogus"], "Error: unknown flag: --bogus\n"),
    (["--secure-port", "x"], 'Error: invalid argument "x" for "--secure-port" flag: strconv.ParseInt: parsing "x": '
                             "invalid syntax\n"),
    (["--tls-cert-file", "a", "--tls-private-key-file", "b"], "Error: [--etcd-servers must be specified]\n"),
    (["--etcd-servers", "http://127.0.0.1:1", "--tls-cert-file", "/nonexistent.crt", "--tls-private-key-file",
      "/nonexistent.key"], "Error: open /nonexistent.crt: no such file or directory\n"),
])
def test_refused_command_lines(args: list[str], message: str) -> None:
    result = run(*args)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message)


def test_unknown_authorization_mode_and_admission_plugin(cluster_pki: Path) -> None:
    base = ["--etcd-servers", "http://127.0.0.1:1", "--tls-cert-file", str(cluster_pki / "apiserver.crt"),
            "--tls-private-key-file", str(cluster_pki / "apiserver.key")]
    mode = run(*base, "--authorization-mode", "RBAC,Magic")
    assert mode.returncode == 1 and mode.stderr == (
        'Error: authorization-mode: Unsupported value: "Magic": supported values: "AlwaysAllow", "AlwaysDeny", '
        '"RBAC", "Node"\n')
    plugin = run(*base, "--enable-admission-plugins", "Frobnicate")
    assert plugin.returncode == 1 and plugin.stderr == 'Error: enable-admission-plugins plugin "Frobnicate" is ' \
                                                       'unknown\n'


def test_waits_for_an_etcd_that_starts_later(tmp_path: Path, cluster_pki: Path) -> None:
    """Static pods start together: the apiserver keeps trying etcd and serves once it is up."""
    url = f"https://{LOOPBACK}:{free_port()}"
    peer = f"http://{LOOPBACK}:{free_port()}"
    server_tls, client_tls = etcd_server_tls(cluster_pki), etcd_client_tls(cluster_pki)
    from etcd_members import Member

    placeholder = Member("mk", url, str(tmp_path / "etcd"), None, "", server_tls=server_tls,  # type: ignore[arg-type]
                         client_tls=client_tls)
    started: dict[str, object] = {}

    log = tmp_path / "apiserver" / "apiserver.log"

    def start_etcd_later() -> None:
        wait_until(lambda: log.exists() and "waiting for etcd" in log.read_text(), timeout=20,
                   message="the apiserver to wait for etcd")
        flags = member_flags("default", str(tmp_path / "etcd"), url, peer, server_tls)
        started["etcd"] = start_process("mk", [*member_command("mk"), *flags], url, str(tmp_path / "etcd"),
                                        str(tmp_path / "etcd.log"), server_tls=server_tls, client_tls=client_tls)

    later = threading.Thread(target=start_etcd_later)
    later.start()
    try:
        server = start_apiserver(tmp_path / "apiserver", cluster_pki, placeholder)
        try:
            assert server.request("GET", "/api/v1/namespaces/default")[0] == 200
        finally:
            server.stop()
    finally:
        later.join()
        if "etcd" in started:
            started["etcd"].stop()  # type: ignore[attr-defined]


def test_always_allow_lets_any_authenticated_user_in(tmp_path: Path, cluster_pki: Path) -> None:
    etcd = start_member("mk", tmp_path, server_tls=etcd_server_tls(cluster_pki),
                        client_tls=etcd_client_tls(cluster_pki))
    server = start_apiserver(tmp_path / "apiserver", cluster_pki, etcd, ["--authorization-mode", "AlwaysAllow"])
    try:
        jane = write_user_kubeconfig(tmp_path / "jane.conf", cluster_pki, server.url, "jane")
        listed = server.kubectl("get", "secrets", "-n", "kube-system", kubeconfig=jane)
        assert listed.returncode == 0, listed.stderr
    finally:
        server.stop()
        etcd.stop()


def test_sigterm_ends_open_watches_and_exits_cleanly(tmp_path: Path, cluster_pki: Path) -> None:
    etcd = start_member("mk", tmp_path, server_tls=etcd_server_tls(cluster_pki),
                        client_tls=etcd_client_tls(cluster_pki))
    server = start_apiserver(tmp_path / "apiserver", cluster_pki, etcd)
    try:
        request = urllib.request.Request(server.url + "/api/v1/namespaces/default/configmaps?watch=true")
        with urllib.request.urlopen(request, context=server.context(), timeout=20) as response:
            server.process.send_signal(signal.SIGTERM)
            response.read()        # the stream ends instead of hanging
        assert server.process.wait(timeout=15) == 0
    finally:
        server.stop()
        etcd.stop()
