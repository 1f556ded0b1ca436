"""Dynamic resource allocation (resource.k8s.io): device classes, resource claims and their templates,
resource slices."""

from __future__ import annotations

from typing import Any

from .columns import AGE, NAME, Column, Doc, Printer, age, name, spec, status


def _claim_state(obj: dict[str, Any]) -> str:
    deleted = bool(obj.get("metadata", {}).get("deletionTimestamp"))
    states = ["deleted"] if deleted else []
    if status(obj).get("allocation") is None:
        if not deleted:
            states.append("pending")
    else:
        states.append("allocated")
        if status(obj).get("reservedFor"):
            states.append("reserved")
    return ",".join(states)


def _slice_row(obj: dict[str, Any], now: float) -> list[Any]:
    slice_spec = spec(obj)
    return [name(obj), slice_spec.get("nodeName", ""), slice_spec.get("driver", ""),
            (slice_spec.get("pool") or {}).get("name", ""), age(obj, now)]


_NAME_AGE = Printer((NAME, AGE), lambda obj, now: [name(obj), age(obj, now)])
_GROUP = "resource.k8s.io"

PRINTERS = {
    (_GROUP, "DeviceClass"): _NAME_AGE,
    (_GROUP, "ResourceClaimTemplate"): _NAME_AGE,
    (_GROUP, "ResourceClaim"): Printer((
        NAME,
        Column("State", "string", "A summary of the current state (allocated, pending, reserved, etc.)."),
        AGE,
    ), lambda obj, now: [name(obj), _claim_state(obj), age(obj, now)]),
    (_GROUP, "ResourceSlice"): Printer((
        NAME,
        Column("Node", "string", Doc("resource.v1beta1.ResourceSliceSpec", "nodeName")),
        Column("Driver", "string", Doc("resource.v1beta1.ResourceSliceSpec", "driver")),
        Column("Pool", "string", Doc("resource.v1beta1.ResourcePool", "name")),
        AGE,
    ), _slice_row),
}
