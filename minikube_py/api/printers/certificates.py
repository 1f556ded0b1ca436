"""Certificates: certificate signing requests and cluster trust bundles."""

from __future__ import annotations

from typing import Any

from .columns import AGE, NAME, Column, Doc, Printer, age, name, spec, status
from .duration import format_age


def _csr_condition(obj: dict[str, Any]) -> str:
    """`extractCSRStatus`: Denied/Approved/Pending, then `,Failed` and `,Issued`."""
    kinds = {condition.get("type") for condition in status(obj).get("conditions") or []}
    shown = "Denied" if "Denied" in kinds else "Approved" if "Approved" in kinds else "Pending"
    if "Failed" in kinds:
        shown += ",Failed"
    if status(obj).get("certificate"):
        shown += ",Issued"
    return shown


def _csr_row(obj: dict[str, Any], now: float) -> list[Any]:
    request = spec(obj)
    seconds = request.get("expirationSeconds")
    return [name(obj), age(obj, now), request.get("signerName") or "<none>", request.get("username", ""),
            "<none>" if seconds is None else format_age(seconds), _csr_condition(obj)]


PRINTERS = {
    ("certificates.k8s.io", "CertificateSigningRequest"): Printer((
        NAME,
        AGE,
        # certificates/v1beta1's docs, which Kubernetes still cites here.
        Column("SignerName", "string",
               "Requested signer for the request. It is a qualified name in the form: `scope-hostname.io/name`. If "
               "empty, it will be defaulted:\n 1. If it's a kubelet client certificate, it is assigned\n    "
               "\"kubernetes.io/kube-apiserver-client-kubelet\".\n 2. If it's a kubelet serving certificate, it is "
               "assigned\n    \"kubernetes.io/kubelet-serving\".\n 3. Otherwise, it is assigned "
               "\"kubernetes.io/legacy-unknown\".\nDistribution of trust for signers happens out of band. You can "
               "select on this field using `spec.signerName`."),
        Column("Requestor", "string", "Base64-encoded PKCS#10 CSR data"),
        Column("RequestedDuration", "string", Doc("certificates.v1.CertificateSigningRequestSpec",
                                                  "expirationSeconds")),
        Column("Condition", "string", "Conditions applied to the request, such as approval or denial."),
    ), _csr_row),
    ("certificates.k8s.io", "ClusterTrustBundle"): Printer((
        NAME,
        Column("SignerName", "string", Doc("certificates.v1alpha1.ClusterTrustBundleSpec", "signerName")),
    ), lambda obj, now: [name(obj), spec(obj).get("signerName") or "<none>"]),
}
