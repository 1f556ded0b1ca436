"""The certificate expiration report of `kubeadm certs check-expiration`: every kubeadm certificate and
kubeconfig of a state directory with its expiry, residual time and CA, then the CAs themselves."""

from __future__ import annotations

import datetime
from pathlib import Path

from cryptography import x509

from .certs import now
from .cluster import CAS, Options, leaf_specs
from .kubeconfig import client_certificate

KUBECONFIGS = ("admin.conf", "controller-manager.conf", "scheduler.conf", "super-admin.conf")


def short_duration(delta: datetime.timedelta) -> str:
    """Kubernetes' ShortHumanDuration: 45s, 12m, 23h, 364d, 9y."""
    seconds = int(delta.total_seconds())
    if seconds < -1:
        return "<invalid>"
    if seconds < 60:
        return f"{max(seconds, 0)}s"
    if seconds < 3600:
        return f"{seconds // 60}m"
    hours = seconds // 3600
    if hours < 24:
        return f"{hours}h"
    if hours < 24 * 365:
        return f"{hours // 24}d"
    return f"{hours // (24 * 365)}y"


def _expires(cert: x509.Certificate) -> str:
    return cert.not_valid_after_utc.strftime("%b %d, %Y %H:%M UTC")


def _align(rows: list[list[str]]) -> list[str]:
    """Go's tabwriter as kubeadm configures it (min width 10, padding 3); the last cell is not padded."""
    widths = [max(max(len(row[i]) + 3, 10) for row in rows) for i in range(len(rows[0]) - 1)]
    return ["".join(cell.ljust(width) for cell, width in zip(row, widths)) + row[-1] for row in rows]


def check_expiration(directory: str | Path) -> str:
    """The report for the pki/ `directory` (kubeconfigs are looked for in its parent)."""
    pki = Path(directory)
    moment = now()
    rows = [["CERTIFICATE", "EXPIRES", "RESIDUAL TIME", "CERTIFICATE AUTHORITY", "EXTERNALLY MANAGED"]]
    entries: list[tuple[str, x509.Certificate, str]] = []
    for spec in leaf_specs(Options()):
        path = pki / f"{spec.base}.crt"
        if path.exists():
            entries.append((spec.name, x509.load_pem_x509_certificate(path.read_bytes()), spec.ca))
    for name in KUBECONFIGS:
        path = pki.parent / name
        if path.exists():
            entries.append((name, x509.load_pem_x509_certificate(client_certificate(path)), ""))
    for name, cert, ca in sorted(entries, key=lambda entry: entry[0]):
        rows.append([name, _expires(cert), short_duration(cert.not_valid_after_utc - moment), ca, f"{'no':<8}"])
    authorities = [["CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "EXTERNALLY MANAGED"]]
    for name, (base, _) in CAS.items():
        path = pki / f"{base}.crt"
        if path.exists():
            cert = x509.load_pem_x509_certificate(path.read_bytes())
            managed = "no" if (pki / f"{base}.key").exists() else "yes"
            authorities.append([name, _expires(cert), short_duration(cert.not_valid_after_utc - moment),
                                f"{managed:<8}"])
    return "\n".join(_align(rows)) + "\n\n" + "\n".join(_align(authorities)) + "\n"
