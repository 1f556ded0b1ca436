"""Nodes and the cluster-wide kinds around them: nodes, runtime classes, priority classes, leases and lease
candidates."""

from __future__ import annotations

from typing import Any

from .columns import AGE, META, NAME, Column, Doc, Printer, age, name, spec, status

_ROLE_PREFIX = "node-role.kubernetes.io/"
_ROLE_LABEL = "kubernetes.io/role"


def _node_status(node: dict[str, Any]) -> str:
    ready = None
    for condition in status(node).get("conditions") or []:
        if condition.get("type") == "Ready":
            ready = condition
    shown = ["Unknown" if ready is None else "Ready" if ready.get("status") == "True" else "NotReady"]
    if spec(node).get("unschedulable"):
        shown.append("SchedulingDisabled")
    return ",".join(shown)


def _node_roles(node: dict[str, Any]) -> str:
    roles = set()
    for key, value in (node.get("metadata", {}).get("labels") or {}).items():
        if key.startswith(_ROLE_PREFIX) and len(key) > len(_ROLE_PREFIX):
            roles.add(key[len(_ROLE_PREFIX):])
        elif key == _ROLE_LABEL and value:
            roles.add(value)
    return ",".join(sorted(roles)) or "<none>"


def _node_address(node: dict[str, Any], kind: str) -> str:
    addresses = status(node).get("addresses") or []
    return next((a.get("address", "") for a in addresses if a.get("type") == kind), "<none>")


def _node_row(node: dict[str, Any], now: float) -> list[Any]:
    info = status(node).get("nodeInfo") or {}
    return [name(node), _node_status(node), _node_roles(node), age(node, now), info.get("kubeletVersion", ""),
            _node_address(node, "InternalIP"), _node_address(node, "ExternalIP"),
            info.get("osImage") or "<unknown>", info.get("kernelVersion") or "<unknown>",
            info.get("containerRuntimeVersion") or "<unknown>"]


def _priority_class_row(obj: dict[str, Any], now: float) -> list[Any]:
    return [name(obj), obj.get("value", 0), obj.get("globalDefault", False), age(obj, now),
            obj.get("preemptionPolicy", "")]


def _lease_row(obj: dict[str, Any], now: float) -> list[Any]:
    return [name(obj), spec(obj).get("holderIdentity") or "", age(obj, now)]


def _lease_candidate_row(obj: dict[str, Any], now: float) -> list[Any]:
    candidate = spec(obj)
    return [name(obj), candidate.get("leaseName", ""), candidate.get("binaryVersion", ""),
            candidate.get("emulationVersion", ""), age(obj, now)]


PRINTERS = {
    ("", "Node"): Printer((
        NAME,
        Column("Status", "string", "The status of the node"),
        Column("Roles", "string", "The roles of the node"),
        AGE,
        Column("Version", "string", Doc("core.v1.NodeSystemInfo", "kubeletVersion")),
        Column("Internal-IP", "string", Doc("core.v1.NodeStatus", "addresses"), priority=1),
        Column("External-IP", "string", Doc("core.v1.NodeStatus", "addresses"), priority=1),
        Column("OS-Image", "string", Doc("core.v1.NodeSystemInfo", "osImage"), priority=1),
        Column("Kernel-Version", "string", Doc("core.v1.NodeSystemInfo", "kernelVersion"), priority=1),
        Column("Container-Runtime", "string", Doc("core.v1.NodeSystemInfo", "containerRuntimeVersion"), priority=1),
    ), _node_row),
    ("node.k8s.io", "RuntimeClass"): Printer((
        NAME,
        Column("Handler", "string", Doc(META, "handler")),  # Kubernetes cites ObjectMeta's (absent) "handler" doc
        AGE,
    ), lambda obj, now: [name(obj), obj.get("handler", ""), age(obj, now)]),
    ("scheduling.k8s.io", "PriorityClass"): Printer((
        NAME,
        Column("Value", "integer", Doc("scheduling.v1.PriorityClass", "value")),
        Column("Global-Default", "boolean", Doc("scheduling.v1.PriorityClass", "globalDefault")),
        AGE,
        Column("PreemptionPolicy", "string", Doc("scheduling.v1.PriorityClass", "preemptionPolicy")),
    ), _priority_class_row),
    ("coordination.k8s.io", "Lease"): Printer((
        NAME,
        Column("Holder", "string", Doc("coordination.v1.LeaseSpec", "holderIdentity")),
        AGE,
    ), _lease_row),
    ("coordination.k8s.io", "LeaseCandidate"): Printer((
        NAME,
        Column("LeaseName", "string", Doc("coordination.v1alpha2.LeaseCandidateSpec", "leaseName")),
        Column("BinaryVersion", "string", Doc(META, "binaryVersion")),
        Column("EmulationVersion", "string", Doc(META, "emulationVersion")),
        AGE,
    ), _lease_candidate_row),
}
