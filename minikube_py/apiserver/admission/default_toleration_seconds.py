"""DefaultTolerationSeconds: every pod tolerates the not-ready and unreachable NoExecute taints for 300 seconds
(`--default-not-ready-toleration-seconds`, `--default-unreachable-toleration-seconds`) unless it already
tolerates them."""

from __future__ import annotations

from .attributes import CREATE, UPDATE, AdmissionAttributes, Reader

NAME = "DefaultTolerationSeconds"
NOT_READY = "node.kubernetes.io/not-ready"
UNREACHABLE = "node.kubernetes.io/unreachable"
DEFAULT_SECONDS = 300


def admit(attrs: AdmissionAttributes, reader: Reader, not_ready_seconds: int = DEFAULT_SECONDS,
          unreachable_seconds: int = DEFAULT_SECONDS) -> None:
    if attrs.operation not in (CREATE, UPDATE) or not attrs.is_core("pods") or attrs.subresource:
        return
    spec = (attrs.obj or {}).setdefault("spec", {})
    tolerations = spec.get("tolerations") or []
    added = [{"key": key, "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": seconds}
             for key, seconds in ((NOT_READY, not_ready_seconds), (UNREACHABLE, unreachable_seconds))
             if not any(_tolerates(toleration, key) for toleration in tolerations)]
    if added:
        spec["tolerations"] = tolerations + added


def _tolerates(toleration: dict, key: str) -> bool:
    """Whether `toleration` already covers the NoExecute taint `key` (an empty key or effect matches all)."""
    return toleration.get("key", "") in ("", key) and toleration.get("effect", "") in ("", "NoExecute")
