"""Authentication by client certificate, as kube-apiserver's x509 authenticator does it: the TLS layer has
verified the chain against `--client-ca-file`; the subject's CommonName is the user and its Organizations
are the groups."""

from __future__ import annotations

import functools
from typing import Any

from .user import UserInfo, authenticated


def user_from_certificate(peercert: bytes | dict[str, Any]) -> UserInfo | None:
    """The user of a verified client certificate, given as DER (`getpeercert(binary_form=True)`) or as the
    dict `ssl` decodes (`getpeercert()`); None when its subject has no CommonName (no user to name)."""
    if isinstance(peercert, dict):
        common_names, organizations = _from_decoded(peercert)
    else:
        common_names, organizations = _from_der(peercert)
    if not common_names or not common_names[-1]:
        return None
    return authenticated(common_names[-1], organizations)


@functools.lru_cache(maxsize=1024)
def _from_der(der: bytes) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """CommonNames and Organizations of a certificate's subject (cached: a connection's every request
    presents the same certificate)."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    subject = x509.load_der_x509_certificate(der).subject
    return (tuple(str(attribute.value) for attribute in subject.get_attributes_for_oid(NameOID.COMMON_NAME)),
            tuple(str(attribute.value) for attribute in subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)))


def _from_decoded(peercert: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    pairs = [pair for rdn in peercert.get("subject", ()) for pair in rdn]
    return (tuple(value for key, value in pairs if key == "commonName"),
            tuple(value for key, value in pairs if key == "organizationName"))
