"""TaintNodesByCondition: a Node joins with the `node.kubernetes.io/not-ready:NoSchedule` taint, so that
nothing is scheduled on it before the node lifecycle controller has seen it Ready (and removed the taint)."""

from __future__ import annotations

from .attributes import CREATE, AdmissionAttributes, Reader

NAME = "TaintNodesByCondition"
NOT_READY = {"key": "node.kubernetes.io/not-ready", "effect": "NoSchedule"}


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation != CREATE or not attrs.is_core("nodes") or attrs.subresource or attrs.obj is None:
        return
    spec = attrs.obj.setdefault("spec", {})
    taints = spec.get("taints") or []
    if not any(t.get("key") == NOT_READY["key"] and t.get("effect") == NOT_READY["effect"] for t in taints):
        spec["taints"] = [*taints, dict(NOT_READY)]
