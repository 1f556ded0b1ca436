"""Versions served from one stored form, converted both ways as the apiserver's conversion functions do:
events.k8s.io/v1 Events are stored as core/v1 Events (one internal type, renamed fields), autoscaling/v1
HorizontalPodAutoscalers as autoscaling/v2 ones (the CPU utilization target is a v2 Resource metric).

`stored_as(resource)` names the (group, version) a resource's objects are stored in when it is not its own;
`to_storage` and `from_storage` convert one object (new dicts, the input untouched)."""

from __future__ import annotations

from typing import Any

from .registry import Resource

Object = dict[str, Any]

_STORED_AS = {("events.k8s.io", "v1", "Event"): ("", "v1"),
              ("autoscaling", "v1", "HorizontalPodAutoscaler"): ("autoscaling", "v2")}
# events.k8s.io/v1 field -> core/v1 field
EVENT_FIELDS = {"regarding": "involvedObject", "note": "message", "deprecatedSource": "source",
                "deprecatedFirstTimestamp": "firstTimestamp", "deprecatedLastTimestamp": "lastTimestamp",
                "deprecatedCount": "count", "reportingController": "reportingComponent"}
_CORE_EVENT_FIELDS = {core: new for new, core in EVENT_FIELDS.items()}
_CPU = "cpu"


def stored_as(resource: Resource) -> tuple[str, str] | None:
    return _STORED_AS.get((resource.group, resource.version, resource.kind))


def to_storage(resource: Resource, obj: Object) -> Object:
    if (resource.group, resource.kind) == ("events.k8s.io", "Event"):
        return _renamed(obj, EVENT_FIELDS, "v1")
    if (resource.group, resource.version, resource.kind) == ("autoscaling", "v1", "HorizontalPodAutoscaler"):
        return hpa_v1_to_v2(obj)
    return obj


def from_storage(resource: Resource, obj: Object) -> Object:
    if (resource.group, resource.kind) == ("events.k8s.io", "Event"):
        return _renamed(obj, _CORE_EVENT_FIELDS, "events.k8s.io/v1")
    if (resource.group, resource.version, resource.kind) == ("autoscaling", "v1", "HorizontalPodAutoscaler"):
        return _hpa_v2_to_v1(obj)
    return obj


def event_in_core_fields(event: Object) -> Object:
    """An Event of either version with core/v1's field names (printers read one shape)."""
    return {EVENT_FIELDS.get(key, key): value for key, value in event.items()}


def _renamed(obj: Object, names: dict[str, str], api_version: str) -> Object:
    renamed = {names.get(key, key): value for key, value in obj.items()}
    renamed["apiVersion"] = api_version
    return renamed


def _cpu_utilization(metrics: list[Object], field: str) -> int | None:
    for metric in metrics or ():
        resource = metric.get("resource") or {}
        if metric.get("type") == "Resource" and resource.get("name") == _CPU:
            value = (resource.get(field) or {}).get("averageUtilization")
            if value is not None:
                return value
    return None


def hpa_v1_to_v2(obj: Object) -> Object:
    converted = {key: value for key, value in obj.items() if key not in ("spec", "status")}
    converted["apiVersion"] = "autoscaling/v2"
    spec = dict(obj.get("spec") or {})
    target = spec.pop("targetCPUUtilizationPercentage", None)
    if target is not None:
        spec["metrics"] = [{"type": "Resource", "resource": {"name": _CPU, "target": {
            "type": "Utilization", "averageUtilization": target}}}]
    converted["spec"] = spec
    if "status" in obj:
        status = dict(obj["status"] or {})
        current = status.pop("currentCPUUtilizationPercentage", None)
        if current is not None:
            status["currentMetrics"] = [{"type": "Resource", "resource": {"name": _CPU, "current": {
                "averageUtilization": current}}}]
        converted["status"] = status
    return converted


def _hpa_v2_to_v1(obj: Object) -> Object:
    converted = {key: value for key, value in obj.items() if key not in ("spec", "status")}
    converted["apiVersion"] = "autoscaling/v1"
    spec = {key: value for key, value in (obj.get("spec") or {}).items() if key not in ("metrics", "behavior")}
    target = _cpu_utilization((obj.get("spec") or {}).get("metrics"), "target")
    if target is not None:
        spec["targetCPUUtilizationPercentage"] = target
    converted["spec"] = spec
    if "status" in obj:
        status = {key: value for key, value in (obj["status"] or {}).items()
                  if key not in ("currentMetrics", "conditions")}
        current = _cpu_utilization((obj["status"] or {}).get("currentMetrics"), "current")
        if current is not None:
            status["currentCPUUtilizationPercentage"] = current
        converted["status"] = status
    return converted
