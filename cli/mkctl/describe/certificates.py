"""`kubectl describe csr`: the request's metadata, signer, status (Approved/Denied/Pending, Failed, Issued)
and the subject and alternative names read from the PEM certificate request itself."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from minikube_py.api.printers.columns import format_age, format_labels

from .common import Obj, PrefixWriter, Writer, events, meta, rfc1123z

if TYPE_CHECKING:
    from cryptography.x509 import CertificateSigningRequest


class DescribeError(ValueError):
    """kubectl fails the describe with this message (`Error parsing CSR: ...`)."""


def csr_status(csr: Obj) -> str:
    """`extractCSRStatus`: Denied over Approved over Pending, then `,Failed` and `,Issued`."""
    status = csr.get("status") or {}
    kinds = {condition.get("type") for condition in status.get("conditions") or ()}
    text = "Denied" if "Denied" in kinds else "Approved" if "Approved" in kinds else "Pending"
    return text + (",Failed" if "Failed" in kinds else "") + (",Issued" if status.get("certificate") else "")


def describe_certificate_signing_request(csr: Obj, object_events: list[Obj] | None,
                                         related: dict[str, list[Obj]], now: float) -> str:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    spec, metadata = csr.get("spec") or {}, meta(csr)
    request = _parse(spec.get("request") or "")
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    w.write(0, f"Labels:\t{format_labels(metadata.get('labels'))}\n")
    w.write(0, f"Annotations:\t{format_labels(metadata.get('annotations'))}\n")
    w.write(0, f"CreationTimestamp:\t{rfc1123z(metadata.get('creationTimestamp'))}\n")
    w.write(0, f"Requesting User:\t{spec.get('username', '')}\n")
    if spec.get("signerName"):
        w.write(0, f"Signer:\t{spec['signerName']}\n")
    if spec.get("expirationSeconds") is not None:
        w.write(0, f"Requested Duration:\t{format_age(spec['expirationSeconds'])}\n")
    w.write(0, f"Status:\t{csr_status(csr)}\n")
    subject = request.subject

    def values(oid: x509.ObjectIdentifier) -> list[str]:
        return [str(attribute.value) for attribute in subject.get_attributes_for_oid(oid)]

    w.write(0, "Subject:\n")
    w.write(0, f"\tCommon Name:\t{(values(NameOID.COMMON_NAME) or [''])[-1]}\n")
    w.write(0, f"\tSerial Number:\t{(values(NameOID.SERIAL_NUMBER) or [''])[-1]}\n")
    for title, oid in (("Organization", NameOID.ORGANIZATION_NAME), ("Organizational Unit",
                                                                     NameOID.ORGANIZATIONAL_UNIT_NAME),
                       ("Country", NameOID.COUNTRY_NAME), ("Locality", NameOID.LOCALITY_NAME),
                       ("Province", NameOID.STATE_OR_PROVINCE_NAME), ("StreetAddress", NameOID.STREET_ADDRESS),
                       ("PostalCode", NameOID.POSTAL_CODE)):
        _list(w, title, values(oid))
    try:
        names = request.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        names = None
    if names is not None and len(names):
        w.write(0, "Subject Alternative Names:\n")
        _list(w, "DNS Names", names.get_values_for_type(x509.DNSName))
        _list(w, "Email Addresses", names.get_values_for_type(x509.RFC822Name))
        _list(w, "URIs", names.get_values_for_type(x509.UniformResourceIdentifier))
        _list(w, "IP Addresses", [str(ip) for ip in names.get_values_for_type(x509.IPAddress)])
    events(w, object_events, now)
    return w.render()


def _parse(request: str) -> CertificateSigningRequest:
    """`certificate.ParseCSR`: the first PEM block of the base64 `spec.request`, a CERTIFICATE REQUEST."""
    from cryptography import x509

    pem = base64.b64decode(request or "")
    begin = b"-----BEGIN CERTIFICATE REQUEST-----"
    if begin not in pem:
        raise DescribeError("Error parsing CSR: PEM block type must be CERTIFICATE REQUEST")
    try:
        return x509.load_pem_x509_csr(pem[pem.index(begin):])
    except ValueError as err:
        raise DescribeError(f"Error parsing CSR: {err}") from None


def _list(w: Writer, title: str, values: list[str]) -> None:
    """The `printListHelper` of describeCertificateSigningRequest: the first value by the title, the others
    below it."""
    if values:
        w.write(0, f"\t{title}:\t" + "\n\t\t".join(values) + "\n")
