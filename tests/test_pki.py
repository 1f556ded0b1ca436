"""The cluster PKI: kubeadm's files, subjects, SANs, usages and validity; idempotence; the real etcd and
the real kubectl accept what it makes; the check-expiration report."""

from __future__ import annotations

import base64
import datetime
import subprocess
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from etcd_members import TLSFiles, run_ctl, start_member
from minikube_py.pki import check_expiration, create_pki, write_admin_kubeconfig

LEAVES = {
    # base: (subject CN, organizations, extended key usages, signing CA base)
    "apiserver": ("kube-apiserver", [], {"serverAuth"}, "ca"),
    "apiserver-kubelet-client": ("kube-apiserver-kubelet-client", ["kubeadm:cluster-admins"], {"clientAuth"}, "ca"),
    "apiserver-etcd-client": ("kube-apiserver-etcd-client", [], {"clientAuth"}, "etcd/ca"),
    "front-proxy-client": ("front-proxy-client", [], {"clientAuth"}, "front-proxy-ca"),
    "etcd/server": ("controlplane", [], {"serverAuth", "clientAuth"}, "etcd/ca"),
    "etcd/peer": ("controlplane", [], {"serverAuth", "clientAuth"}, "etcd/ca"),
    "etcd/healthcheck-client": ("kube-etcd-healthcheck-client", [], {"clientAuth"}, "etcd/ca"),
}
CAS = {"ca": "kubernetes", "etcd/ca": "etcd-ca", "front-proxy-ca": "front-proxy-ca"}
EKU_NAMES = {ExtendedKeyUsageOID.SERVER_AUTH: "serverAuth", ExtendedKeyUsageOID.CLIENT_AUTH: "clientAuth"}


def load(pki: Path, base: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate((pki / f"{base}.crt").read_bytes())


def names(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> list[str]:
    return [attribute.value for attribute in cert.subject.get_attributes_for_oid(oid)]


def sans(cert: x509.Certificate) -> tuple[set[str], set[str]]:
    extension = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return (set(extension.get_values_for_type(x509.DNSName)),
            {str(ip) for ip in extension.get_values_for_type(x509.IPAddress)})


def test_every_kubeadm_file_is_written_with_private_keys_owner_only(cluster_pki: Path) -> None:
    for base in [*LEAVES, *CAS]:
        assert (cluster_pki / f"{base}.crt").stat().st_mode & 0o777 == 0o644
        assert (cluster_pki / f"{base}.key").stat().st_mode & 0o777 == 0o600
    assert (cluster_pki / "sa.key").stat().st_mode & 0o777 == 0o600
    assert (cluster_pki / "sa.pub").read_text().startswith("-----BEGIN PUBLIC KEY-----")
    assert (cluster_pki / "sa.key").read_text().startswith("-----BEGIN RSA PRIVATE KEY-----")


@pytest.mark.parametrize("base", sorted(CAS))
def test_certificate_authorities_are_self_signed_for_ten_years(cluster_pki: Path, base: str) -> None:
    cert = load(cluster_pki, base)
    assert names(cert, NameOID.COMMON_NAME) == [CAS[base]]
    assert cert.issuer == cert.subject
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc) == datetime.timedelta(days=3650)
    assert cert.public_key().key_size == 2048


@pytest.mark.parametrize("base", sorted(LEAVES))
def test_leaves_have_kubeadms_subjects_usages_and_one_year(cluster_pki: Path, base: str) -> None:
    common_name, organizations, usages, ca = LEAVES[base]
    cert = load(cluster_pki, base)
    assert names(cert, NameOID.COMMON_NAME) == [common_name]
    assert names(cert, NameOID.ORGANIZATION_NAME) == organizations
    assert {EKU_NAMES[oid] for oid in cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value} == usages
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert cert.issuer == load(cluster_pki, ca).subject
    lifetime = cert.not_valid_after_utc - datetime.datetime.now(datetime.timezone.utc)
    assert datetime.timedelta(days=364) < lifetime <= datetime.timedelta(days=365)
    verified = subprocess.run(["openssl", "verify", "-CAfile", str(cluster_pki / f"{ca}.crt"),
                               str(cluster_pki / f"{base}.crt")], capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr


def test_serving_certificates_name_the_node_the_service_and_loopback(cluster_pki: Path) -> None:
    dns, ips = sans(load(cluster_pki, "apiserver"))
    assert {"controlplane", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local"} <= dns
    assert {"10.96.0.1", "127.0.0.1"} <= ips
    for base in ("etcd/server", "etcd/peer"):
        dns, ips = sans(load(cluster_pki, base))
        assert dns == {"controlplane", "localhost"} and ips == {"127.0.0.1", "::1"}


def test_a_second_run_keeps_everything_and_a_missing_leaf_alone_is_remade(tmp_path: Path) -> None:
    pki = tmp_path / "pki"
    create_pki(pki)
    before = {path: path.read_bytes() for path in pki.rglob("*") if path.is_file()}
    again = create_pki(pki)
    assert not any("Generating" in message for message in again.messages)
    assert {path: path.read_bytes() for path in before} == before
    (pki / "etcd/server.crt").unlink()
    remade = create_pki(pki)
    assert [m for m in remade.messages if "Generating" in m] == ['[certs] Generating "etcd-server" certificate and key']
    changed = [path for path, data in before.items() if path.read_bytes() != data]
    assert sorted(changed) == [pki / "etcd/server.crt", pki / "etcd/server.key"]
    assert load(pki, "etcd/server").issuer == load(pki, "etcd/ca").subject


def test_new_sans_remake_the_serving_certificate(tmp_path: Path) -> None:
    pki = tmp_path / "pki"
    create_pki(pki)
    result = create_pki(pki, extra_sans=["mk.example", "10.1.2.3"])
    assert '[certs] Generating "apiserver" certificate and key' in result.messages
    dns, ips = sans(load(pki, "apiserver"))
    assert "mk.example" in dns and "10.1.2.3" in ips


def test_the_real_etcd_accepts_our_certificates_and_refuses_a_foreign_ca(
        tmp_path: Path, cluster_pki: Path, foreign_pki: Path) -> None:
    ca = str(cluster_pki / "etcd/ca.crt")
    server = TLSFiles(ca, str(cluster_pki / "etcd/server.crt"), str(cluster_pki / "etcd/server.key"))
    client = TLSFiles(ca, str(cluster_pki / "apiserver-etcd-client.crt"),
                      str(cluster_pki / "apiserver-etcd-client.key"))
    member = start_member("real", tmp_path, server_tls=server, client_tls=client)
    try:
        flags = [f"--endpoints={member.url}", "--cacert", ca]
        ours = flags + ["--cert", client.cert, "--key", client.key]
        assert run_ctl([*ours, "put", "k", "v"], binary="etcdctl").stdout == b"OK\n"
        assert run_ctl([*ours, "get", "k"], binary="etcdctl").stdout == b"k\nv\n"
        foreign = flags + ["--cert", str(foreign_pki / "apiserver-etcd-client.crt"),
                           "--key", str(foreign_pki / "apiserver-etcd-client.key"), "--command-timeout=2s"]
        refused = run_ctl([*foreign, "get", "k"], binary="etcdctl")
        assert refused.returncode == 1 and b"context deadline exceeded" in refused.stderr
    finally:
        member.stop()


def test_admin_kubeconfig_is_read_by_the_real_kubectl(tmp_path: Path) -> None:
    create_pki(tmp_path / "pki")
    path = write_admin_kubeconfig(tmp_path, "https://127.0.0.1:6443")
    assert path.stat().st_mode & 0o777 == 0o600
    context = subprocess.run(["kubectl", "config", "current-context", "--kubeconfig", str(path)],
                             capture_output=True, text=True, check=True)
    assert context.stdout == "kubernetes-admin@kubernetes\n"
    raw = yaml.safe_load(subprocess.run(["kubectl", "config", "view", "--raw", "--kubeconfig", str(path)],
                                        capture_output=True, text=True, check=True).stdout)
    assert raw["clusters"][0]["cluster"]["server"] == "https://127.0.0.1:6443"
    cert = x509.load_pem_x509_certificate(base64.b64decode(raw["users"][0]["user"]["client-certificate-data"]))
    assert names(cert, NameOID.COMMON_NAME) == ["kubernetes-admin"]
    assert names(cert, NameOID.ORGANIZATION_NAME) == ["system:masters"]
    assert cert.issuer == load(tmp_path / "pki", "ca").subject
    first = path.read_bytes()
    assert write_admin_kubeconfig(tmp_path, "https://127.0.0.1:6443").read_bytes() == first
    assert write_admin_kubeconfig(tmp_path, "https://127.0.0.1:7443").read_bytes() != first


def test_check_expiration_reports_like_kubeadm(tmp_path: Path) -> None:
    create_pki(tmp_path / "pki")
    write_admin_kubeconfig(tmp_path, "https://127.0.0.1:6443")
    (tmp_path / "pki/front-proxy-ca.key").unlink()
    leaves, authorities = check_expiration(tmp_path / "pki").rstrip("\n").split("\n\n")
    lines = leaves.splitlines()
    assert lines[0].split() == ["CERTIFICATE", "EXPIRES", "RESIDUAL", "TIME", "CERTIFICATE", "AUTHORITY",
                                "EXTERNALLY", "MANAGED"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert sorted(rows) == ["admin.conf", "apiserver", "apiserver-etcd-client", "apiserver-kubelet-client",
                            "etcd-healthcheck-client", "etcd-peer", "etcd-server", "front-proxy-client"]
    expires = load(tmp_path / "pki", "etcd/server").not_valid_after_utc.strftime("%b %d, %Y %H:%M UTC")
    assert rows["etcd-server"].split() == ["etcd-server", *expires.split(), "364d", "etcd-ca", "no"]
    assert lines[0].index("EXPIRES") == rows["apiserver"].index(expires)
    assert lines[0].index("CERTIFICATE AUTHORITY") == rows["apiserver"].index(" ca ") + 1
    ca_rows = {line.split()[0]: line.split() for line in authorities.splitlines()[1:]}
    assert ca_rows["ca"][-2:] == ["9y", "no"] and ca_rows["front-proxy-ca"][-2:] == ["9y", "yes"]
