"""`mkctl certificate approve|deny CSR... [--force]`: add kubectl's Approved/Denied condition through the
`approval` subresource (retrying on conflicts as kubectl), its lines and errors."""

from __future__ import annotations

import time

from minikube_py.client.errors import APIError, ClientError

from ..session import Session
from . import _targets
from .create import print_object

CONFLICT_RETRIES = 10


def approve(session: Session) -> int:
    return _modify(session, "approve", "Approved", "Denied")


def deny(session: Session) -> int:
    return _modify(session, "deny", "Denied", "Approved")


def _modify(session: Session, command: str, wanted: str, opposite: str) -> int:
    if not session.args:
        raise ClientError("error: one or more CSRs must be specified as <name> or -f <filename>")
    verb = wanted.lower()
    resource = session.resolve("certificatesigningrequests.certificates.k8s.io")
    for name in session.args:
        for attempt in range(CONFLICT_RETRIES + 1):
            csr = _targets.get(session, _targets.Target(resource, name))
            types = {c.get("type") for c in (csr.get("status") or {}).get("conditions") or ()}
            if opposite in types:
                raise ClientError(f'error: certificate signing request "{name}" is already {opposite}')
            if "Failed" in types:
                raise ClientError(f'error: certificate signing request "{name}" has failed')
            if wanted in types and not session.flag("force"):
                break
            csr.setdefault("status", {}).setdefault("conditions", []).append({
                "type": wanted, "status": "True", "reason": f"Kubectl{command.capitalize()}",
                "message": f"This CSR was {verb} by kubectl certificate {command}.",
                "lastUpdateTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
            try:
                session.client.update(resource, csr, subresource="approval")
            except APIError as err:
                if err.reason == "Conflict" and attempt < CONFLICT_RETRIES:
                    continue
                raise
            break
        print_object(session, csr, verb)
    return 0
