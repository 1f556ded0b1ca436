"""The kubeadm certificate set: what /etc/kubernetes/pki holds (three CAs, the leaf certificates of the
apiserver, the etcd member and their clients, the service-account key pair), with kubeadm's names,
subjects, SANs and usages, made idempotently: valid existing files are kept, as `kubeadm init` does."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .certs import CLIENT_AUTH, SERVER_AUTH, AltNames, LeafSpec, Subject, now, self_signed_ca, signed_leaf
from .keys import cert_pem, key_pem, new_key, public_key_pem, read_cert, read_key, write_private, write_public

# kubeadm name -> (base path under pki/, common name)
CAS = {"ca": ("ca", "kubernetes"), "etcd-ca": ("etcd/ca", "etcd-ca"),
       "front-proxy-ca": ("front-proxy-ca", "front-proxy-ca")}


@dataclass(frozen=True)
class Options:
    node_name: str = "controlplane"
    advertise_address: str = "127.0.0.1"
    service_cidr: str = "10.96.0.0/12"
    dns_domain: str = "cluster.local"
    extra_sans: tuple[str, ...] = ()

    def kubernetes_service_ip(self) -> str:
        """The first address of the service range: the `kubernetes` Service's ClusterIP."""
        return str(next(ipaddress.ip_network(self.service_cidr, strict=False).hosts()))

    def extra(self) -> AltNames:
        ips, dns = [], []
        for san in self.extra_sans:
            try:
                ipaddress.ip_address(san)
                ips.append(san)
            except ValueError:
                dns.append(san)
        return AltNames(tuple(dns), tuple(ips))


@dataclass(frozen=True)
class CertSpec:
    name: str  # kubeadm's name ("apiserver", "etcd-server", ...)
    base: str  # path under pki/ without extension
    ca: str  # kubeadm name of the signing CA
    leaf: LeafSpec


def leaf_specs(options: Options) -> list[CertSpec]:
    domain = options.dns_domain
    extra = options.extra()
    apiserver_names = AltNames(
        (options.node_name, "kubernetes", "kubernetes.default", "kubernetes.default.svc",
         f"kubernetes.default.svc.{domain}", "localhost", *extra.dns),
        (options.kubernetes_service_ip(), options.advertise_address, "127.0.0.1", *extra.ips),
    )
    etcd_names = AltNames((options.node_name, "localhost", *extra.dns),
                          (options.advertise_address, "127.0.0.1", "::1", *extra.ips))
    both = (SERVER_AUTH, CLIENT_AUTH)
    return [
        CertSpec("apiserver", "apiserver", "ca", LeafSpec(Subject("kube-apiserver"), (SERVER_AUTH,), apiserver_names)),
        CertSpec("apiserver-kubelet-client", "apiserver-kubelet-client", "ca",
                 LeafSpec(Subject("kube-apiserver-kubelet-client", ("kubeadm:cluster-admins",)), (CLIENT_AUTH,))),
        CertSpec("front-proxy-client", "front-proxy-client", "front-proxy-ca",
                 LeafSpec(Subject("front-proxy-client"), (CLIENT_AUTH,))),
        CertSpec("etcd-server", "etcd/server", "etcd-ca", LeafSpec(Subject(options.node_name), both, etcd_names)),
        CertSpec("etcd-peer", "etcd/peer", "etcd-ca", LeafSpec(Subject(options.node_name), both, etcd_names)),
        CertSpec("etcd-healthcheck-client", "etcd/healthcheck-client", "etcd-ca",
                 LeafSpec(Subject("kube-etcd-healthcheck-client"), (CLIENT_AUTH,))),
        CertSpec("apiserver-etcd-client", "apiserver-etcd-client", "etcd-ca",
                 LeafSpec(Subject("kube-apiserver-etcd-client"), (CLIENT_AUTH,))),
    ]


@dataclass
class ClusterPKI:
    directory: Path
    messages: list[str] = field(default_factory=list)  # kubeadm-style "[certs] ..." lines of what was done

    def cert(self, base: str) -> Path:
        return self.directory / f"{base}.crt"

    def key(self, base: str) -> Path:
        return self.directory / f"{base}.key"


def create_pki(directory: str | Path, *, node_name: str = "controlplane", advertise_address: str = "127.0.0.1",
               service_cidr: str = "10.96.0.0/12", dns_domain: str = "cluster.local",
               extra_sans: tuple[str, ...] | list[str] = ()) -> ClusterPKI:
    """Make (or complete) the kubeadm PKI under `directory`."""
    options = Options(node_name, advertise_address, service_cidr, dns_domain, tuple(extra_sans))
    pki = ClusterPKI(Path(directory))
    pki.directory.mkdir(parents=True, exist_ok=True)
    cas = {name: _ensure_ca(pki, name, base, common_name) for name, (base, common_name) in CAS.items()}
    for spec in leaf_specs(options):
        _ensure_leaf(pki, spec, *cas[spec.ca])
    _ensure_service_account_keys(pki)
    return pki


def _ensure_ca(pki: ClusterPKI, name: str, base: str, common_name: str
               ) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    existing = _existing_pair(pki, base)
    if existing is not None and existing[0].extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
        pki.messages.append(f"[certs] Using existing {name} certificate authority")
        return existing
    pki.messages.append(f'[certs] Generating "{name}" certificate and key')
    key = new_key()
    cert = self_signed_ca(key, common_name)
    write_private(pki.key(base), key_pem(key))
    write_public(pki.cert(base), cert_pem(cert))
    return cert, key


def _ensure_leaf(pki: ClusterPKI, spec: CertSpec, ca_cert: x509.Certificate, ca_key: rsa.RSAPrivateKey) -> None:
    existing = _existing_pair(pki, spec.base)
    if existing is not None and _signed_by(existing[0], ca_cert) and _has_names(existing[0], spec.leaf.alt_names):
        pki.messages.append(f"[certs] Using existing {spec.name} certificate and key on disk")
        return
    pki.messages.append(f'[certs] Generating "{spec.name}" certificate and key')
    names = spec.leaf.alt_names
    if names.dns or names.ips:
        pki.messages.append(f"[certs] {spec.name} serving cert is signed for DNS names [{' '.join(names.dns)}] "
                            f"and IPs [{' '.join(names.ips)}]")
    key = new_key()
    write_private(pki.key(spec.base), key_pem(key))
    write_public(pki.cert(spec.base), cert_pem(signed_leaf(spec.leaf, key, ca_cert, ca_key)))


def _ensure_service_account_keys(pki: ClusterPKI) -> None:
    private, public = pki.directory / "sa.key", pki.directory / "sa.pub"
    if private.exists() and public.exists():
        pki.messages.append('[certs] Using the existing "sa" key')
        return
    pki.messages.append('[certs] Generating "sa" key and public key')
    key = new_key()
    write_private(private, key_pem(key))
    write_public(public, public_key_pem(key))


def _existing_pair(pki: ClusterPKI, base: str) -> tuple[x509.Certificate, rsa.RSAPrivateKey] | None:
    """The certificate and key at `base` if both exist, parse, belong together and are not expired."""
    try:
        cert, key = read_cert(pki.cert(base)), read_key(pki.key(base))
    except (OSError, ValueError):
        return None
    if cert.public_key().public_numbers() != key.public_key().public_numbers():
        return None
    if cert.not_valid_after_utc <= now():
        return None
    return cert, key


def _signed_by(cert: x509.Certificate, ca_cert: x509.Certificate) -> bool:
    try:
        ca_cert.public_key().verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(),
                                    cert.signature_hash_algorithm)  # type: ignore[arg-type]
    except InvalidSignature:
        return False
    return cert.issuer == ca_cert.subject


def _has_names(cert: x509.Certificate, wanted: AltNames) -> bool:
    if not wanted.dns and not wanted.ips:
        return True
    try:
        present = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    dns = set(present.get_values_for_type(x509.DNSName))
    ips = {str(ip) for ip in present.get_values_for_type(x509.IPAddress)}
    return set(wanted.dns) <= dns and set(wanted.ips) <= ips
