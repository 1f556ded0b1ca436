"""Validation of Nodes: taints (what `kubectl taint` writes), the pod CIDRs and the unschedulable flag."""

from __future__ import annotations

import ipaddress
from typing import Any

from .. import names
from ..errors import Cause
from . import field

Obj = dict[str, Any]
_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


def _go_taint(taint: Obj) -> str:
    quoted = (field.go_quote(taint.get(key) or "") for key in ("key", "value", "effect"))
    return "core.Taint{{Key:{}, Value:{}, Effect:{}, TimeAdded:<nil>}}".format(*quoted)


def node(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes: list[Cause] = []
    seen: set[tuple[str, str]] = set()
    for index, taint in enumerate(spec.get("taints") or []):
        path = f"spec.taints[{index}]"
        key, value, effect = taint.get("key") or "", taint.get("value") or "", taint.get("effect") or ""
        causes += field.each_message(f"{path}.key", key, names.is_qualified_name(key))
        problems = names.is_valid_label_value(value)
        if problems:
            causes.append(field.invalid(f"{path}.value", value, ";".join(problems)))
        causes += field.one_of(f"{path}.effect", effect, _EFFECTS)
        if (key, effect) in seen:
            causes.append(Cause(path, "FieldValueDuplicate", f"Duplicate value: {_go_taint(taint)}: taints must be "
                                "unique by key and effect pair"))
        seen.add((key, effect))
    for index, cidr in enumerate(spec.get("podCIDRs") or []):
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            causes.append(field.invalid(f"spec.podCIDRs[{index}]", cidr, "must be a valid CIDR value, (e.g. "
                                        "10.9.8.0/24 or 2001:db8::/64)"))
    return causes


def node_update(new: Obj, old: Obj) -> list[Cause]:
    """Once set, the pod CIDRs and the provider ID do not change."""
    causes: list[Cause] = []
    new_spec, old_spec = new.get("spec") or {}, old.get("spec") or {}
    if old_spec.get("podCIDRs") and new_spec.get("podCIDRs") != old_spec.get("podCIDRs"):
        causes.append(field.forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to "
                                      "valid"))
    if old_spec.get("providerID") and new_spec.get("providerID") != old_spec.get("providerID"):
        causes.append(field.forbidden("spec.providerID", "node updates may not change providerID except from \"\" "
                                      "to valid"))
    return causes
