"""Issuing certificates the way kubeadm does: self-signed CAs valid ten years, leaves signed by them valid
one year from the CA's start, RSA keys, kubeadm's key usages, and subject/authority key identifiers."""

from __future__ import annotations

import datetime
import ipaddress
import secrets
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_VALIDITY = datetime.timedelta(days=3650)
LEAF_VALIDITY = datetime.timedelta(days=365)
SERVER_AUTH = ExtendedKeyUsageOID.SERVER_AUTH
CLIENT_AUTH = ExtendedKeyUsageOID.CLIENT_AUTH


@dataclass(frozen=True)
class Subject:
    common_name: str
    organizations: tuple[str, ...] = ()

    def name(self) -> x509.Name:
        attributes = [x509.NameAttribute(NameOID.ORGANIZATION_NAME, org) for org in self.organizations]
        return x509.Name(attributes + [x509.NameAttribute(NameOID.COMMON_NAME, self.common_name)])


@dataclass(frozen=True)
class AltNames:
    """Subject alternative names, each listed once, in the order given."""

    dns: tuple[str, ...] = ()
    ips: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "dns", _unique(self.dns))
        object.__setattr__(self, "ips", _unique(tuple(str(ipaddress.ip_address(ip)) for ip in self.ips)))

    def extension(self) -> x509.SubjectAlternativeName:
        names: list[x509.GeneralName] = [x509.DNSName(name) for name in self.dns]
        names += [x509.IPAddress(ipaddress.ip_address(ip)) for ip in self.ips]
        return x509.SubjectAlternativeName(names)


@dataclass(frozen=True)
class LeafSpec:
    subject: Subject
    usages: tuple[x509.ObjectIdentifier, ...]
    alt_names: AltNames = field(default_factory=AltNames)


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _serial() -> int:
    return secrets.randbelow(2**63 - 1) + 1


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def self_signed_ca(key: rsa.RSAPrivateKey, common_name: str) -> x509.Certificate:
    started = now().replace(microsecond=0)
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(Subject(common_name).name())
        .issuer_name(Subject(common_name).name())
        .public_key(public)
        .serial_number(_serial())
        .not_valid_before(started)
        .not_valid_after(started + CA_VALIDITY)
        .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=True, key_cert_sign=True,
                                     content_commitment=False, data_encipherment=False, key_agreement=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(common_name)]), critical=False)
        .sign(key, hashes.SHA256())
    )


def signed_leaf(spec: LeafSpec, key: rsa.RSAPrivateKey, ca_cert: x509.Certificate,
                ca_key: rsa.RSAPrivateKey) -> x509.Certificate:
    """A leaf certificate for `key`, signed by the CA, valid one year (starting when the CA does)."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(spec.subject.name())
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(_serial())
        .not_valid_before(ca_cert.not_valid_before_utc)
        .not_valid_after(now().replace(microsecond=0) + LEAF_VALIDITY)
        .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=True, key_cert_sign=False,
                                     content_commitment=False, data_encipherment=False, key_agreement=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage(list(spec.usages)), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
    )
    if spec.alt_names.dns or spec.alt_names.ips:
        builder = builder.add_extension(spec.alt_names.extension(), critical=False)
    return builder.sign(ca_key, hashes.SHA256())
