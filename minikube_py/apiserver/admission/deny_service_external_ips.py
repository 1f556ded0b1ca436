"""DenyServiceExternalIPs: no Service may gain `spec.externalIPs` (ones it already has may be kept)."""

from __future__ import annotations

from .attributes import CREATE, UPDATE, AdmissionAttributes, Reader

NAME = "DenyServiceExternalIPs"


def validate(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation not in (CREATE, UPDATE) or not attrs.is_core("services") or attrs.subresource:
        return
    wanted = set(((attrs.obj or {}).get("spec") or {}).get("externalIPs") or [])
    had = set(((attrs.old_obj or {}).get("spec") or {}).get("externalIPs") or [])
    if not wanted <= had:
        raise attrs.forbidden("use of external IPs is denied by admission control")
