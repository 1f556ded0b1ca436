"""Kubeconfig files with embedded credentials, as kubeadm writes admin.conf: client certificates signed by
the cluster CA and the YAML that carries them."""

from __future__ import annotations

import base64
from pathlib import Path

import yaml

from .certs import CLIENT_AUTH, LeafSpec, Subject, now, signed_leaf
from .keys import cert_pem, key_pem, new_key, read_cert, read_key, write_private

ADMIN_USER = "kubernetes-admin"
ADMIN_GROUP = "system:masters"


def issue_client_certificate(pki_directory: str | Path, common_name: str, organizations: tuple[str, ...] = (),
                             ) -> tuple[bytes, bytes]:
    """A client certificate (PEM) and its key (PEM) for user `common_name` in groups `organizations`,
    signed by the cluster CA (pki/ca.crt), valid one year."""
    directory = Path(pki_directory)
    ca_cert, ca_key = read_cert(directory / "ca.crt"), read_key(directory / "ca.key")
    key = new_key()
    spec = LeafSpec(Subject(common_name, tuple(organizations)), (CLIENT_AUTH,))
    return cert_pem(signed_leaf(spec, key, ca_cert, ca_key)), key_pem(key)


def _pem(value: str | Path | bytes) -> bytes:
    return value if isinstance(value, bytes) else Path(value).read_bytes()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def write_kubeconfig(path: str | Path, *, server: str, ca_file: str | Path | bytes,
                     client_cert: str | Path | bytes, client_key: str | Path | bytes,
                     cluster_name: str = "kubernetes", user: str = ADMIN_USER, context: str | None = None) -> None:
    """Write a kubeconfig with the CA and the client credentials embedded (each given as a file path or
    PEM bytes); its current context is `context` (default `<user>@<cluster>`). Mode 0600: it holds a key."""
    context = context or f"{user}@{cluster_name}"
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": cluster_name, "cluster": {"certificate-authority-data": _b64(_pem(ca_file)),
                                                         "server": server}}],
        "contexts": [{"name": context, "context": {"cluster": cluster_name, "user": user}}],
        "current-context": context,
        "preferences": {},
        "users": [{"name": user, "user": {"client-certificate-data": _b64(_pem(client_cert)),
                                          "client-key-data": _b64(_pem(client_key))}}],
    }
    write_private(Path(path), yaml.safe_dump(config, sort_keys=True).encode())


def write_admin_kubeconfig(state_directory: str | Path, server: str) -> Path:
    """`<state>/admin.conf` for user kubernetes-admin in group system:masters, talking to `server`. An
    existing admin.conf for the same server with a valid certificate from the current CA is kept."""
    state = Path(state_directory)
    path = state / "admin.conf"
    if _usable(path, server, state / "pki" / "ca.crt"):
        return path
    cert, key = issue_client_certificate(state / "pki", ADMIN_USER, (ADMIN_GROUP,))
    write_kubeconfig(path, server=server, ca_file=state / "pki" / "ca.crt", client_cert=cert, client_key=key)
    return path


def client_certificate(path: str | Path) -> bytes:
    """The PEM client certificate embedded in a kubeconfig's first user (for expiration checks)."""
    config = yaml.safe_load(Path(path).read_text())
    return base64.b64decode(config["users"][0]["user"]["client-certificate-data"])


def _usable(path: Path, server: str, ca_file: Path) -> bool:
    from cryptography import x509

    try:
        config = yaml.safe_load(path.read_text())
        if config["clusters"][0]["cluster"]["server"] != server:
            return False
        if base64.b64decode(config["clusters"][0]["cluster"]["certificate-authority-data"]) != ca_file.read_bytes():
            return False
        return x509.load_pem_x509_certificate(client_certificate(path)).not_valid_after_utc > now()
    except (OSError, KeyError, IndexError, TypeError, ValueError, yaml.YAMLError):
        return False
