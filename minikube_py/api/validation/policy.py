"""Validation of the policy-like kinds: PodDisruptionBudgets, PriorityClasses, LimitRanges, ResourceQuotas and
HorizontalPodAutoscalers."""

from __future__ import annotations

from typing import Any

from ..errors import Cause
from . import field, metadata
from .resources import quantity, resource_list

Obj = dict[str, Any]
_LIMIT_TYPES = ("Container", "PersistentVolumeClaim", "Pod")
_HIGHEST_USER_PRIORITY = 1_000_000_000


def _int_or_percent(value: Any, path: str) -> list[Cause]:
    if isinstance(value, str):
        number = value.removesuffix("%")
        if not value.endswith("%") or not number.isdigit():
            return [field.invalid(path, value, "a valid percent string must be a numeric string followed by an "
                                  "ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")]
        if int(number) > 100:
            return [field.invalid(path, value, "must not be greater than 100%")]
        return []
    return field.non_negative(path, value)


def pod_disruption_budget(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes: list[Cause] = []
    if spec.get("minAvailable") is not None and spec.get("maxUnavailable") is not None:
        causes.append(field.invalid("spec", "", "minAvailable and maxUnavailable cannot be both set"))
    for key in ("minAvailable", "maxUnavailable"):
        if spec.get(key) is not None:
            causes += _int_or_percent(spec[key], f"spec.{key}")
    causes += metadata.label_selector(spec.get("selector"), "spec.selector")
    if spec.get("unhealthyPodEvictionPolicy") is not None:
        causes += field.one_of("spec.unhealthyPodEvictionPolicy", spec["unhealthyPodEvictionPolicy"],
                               ("AlwaysAllow", "IfHealthyBudget"))
    return causes


def priority_class(obj: Obj) -> list[Cause]:
    name = (obj.get("metadata") or {}).get("name") or ""
    causes: list[Cause] = []
    value = obj.get("value")
    if name.startswith("system-") and name not in ("system-cluster-critical", "system-node-critical"):
        causes.append(field.forbidden("metadata.name", "priority class names with 'system-' prefix are reserved"))
    elif isinstance(value, int) and value > _HIGHEST_USER_PRIORITY:
        causes.append(field.forbidden("value", f"maximum allowed value of a user defined priority is "
                                      f"{_HIGHEST_USER_PRIORITY}"))
    if obj.get("preemptionPolicy") is not None:
        causes += field.one_of("preemptionPolicy", obj["preemptionPolicy"], ("Never", "PreemptLowerPriority"))
    return causes


def priority_class_update(new: Obj, old: Obj) -> list[Cause]:
    causes: list[Cause] = []
    if new.get("value") != old.get("value"):
        causes.append(field.forbidden("value", "may not be changed in an update."))
    if new.get("preemptionPolicy") != old.get("preemptionPolicy"):
        causes.append(field.immutable("preemptionPolicy", new.get("preemptionPolicy")))
    return causes


def limit_range(obj: Obj) -> list[Cause]:
    causes: list[Cause] = []
    for index, item in enumerate((obj.get("spec") or {}).get("limits") or []):
        path = f"spec.limits[{index}]"
        causes += field.one_of(f"{path}.type", item.get("type"), _LIMIT_TYPES)
        for key in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio"):
            causes += resource_list(item.get(key), f"{path}.{key}")
        if item.get("type") == "Pod":
            for key in ("default", "defaultRequest"):
                if item.get(key):
                    causes.append(field.forbidden(f"{path}.{key}", "may not be specified when `type` is 'Pod'"))
        causes += _limit_order(item, path)
    return causes


def _limit_order(item: Obj, path: str) -> list[Cause]:
    """min <= defaultRequest <= default <= max, per resource (ValidateLimitRange's messages)."""
    causes: list[Cause] = []
    values = {key: {name: quantity(text) for name, text in (item.get(key) or {}).items()}
              for key in ("max", "min", "default", "defaultRequest")}
    maximum, minimum, default, request = (values[key] for key in ("max", "min", "default", "defaultRequest"))
    for name in dict.fromkeys([*minimum, *maximum, *default, *request]):
        low, high, limit, value = minimum.get(name), maximum.get(name), default.get(name), request.get(name)
        if low is not None and high is not None and low > high:
            causes.append(field.invalid(f"{path}.min[{name}]", str(low),
                                        f"min value {low} is greater than max value {high}"))
        if value is not None:
            if low is not None and value < low:
                causes.append(field.invalid(f"{path}.defaultRequest[{name}]", str(value),
                                            f"min value {low} is greater than default request value {value}"))
            if high is not None and value > high:
                causes.append(field.invalid(f"{path}.defaultRequest[{name}]", str(value),
                                            f"default request value {value} is greater than max value {high}"))
        if limit is not None:
            if value is not None and value > limit:
                causes.append(field.invalid(f"{path}.defaultRequest[{name}]", str(value), f"default request value "
                                            f"{value} is greater than default limit value {limit}"))
            if low is not None and limit < low:
                causes.append(field.invalid(f"{path}.default[{name}]", str(limit),
                                            f"min value {low} is greater than default value {limit}"))
            if high is not None and limit > high:
                causes.append(field.invalid(f"{path}.default[{name}]", str(limit),
                                            f"default value {limit} is greater than max value {high}"))
    return causes


def resource_quota(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes = resource_list(spec.get("hard"), "spec.hard")
    for index, scope in enumerate(spec.get("scopes") or []):
        causes += field.one_of(f"spec.scopes[{index}]", scope, ("BestEffort", "CrossNamespacePodAffinity",
                                                                "NotBestEffort", "NotTerminating", "PriorityClass",
                                                                "Terminating"))
    return causes


def horizontal_pod_autoscaler(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes: list[Cause] = []
    target = spec.get("scaleTargetRef") or {}
    if not target.get("kind"):
        causes.append(field.required("spec.scaleTargetRef.kind"))
    if not target.get("name"):
        causes.append(field.required("spec.scaleTargetRef.name"))
    minimum, maximum = spec.get("minReplicas"), spec.get("maxReplicas")
    if minimum is not None and minimum < 1:
        causes.append(field.invalid("spec.minReplicas", minimum, "must be greater than or equal to 1"))
    if not isinstance(maximum, int) or maximum < 1:
        causes.append(field.invalid("spec.maxReplicas", maximum or 0, "must be greater than 0"))
    elif minimum is not None and maximum < minimum:
        causes.append(field.invalid("spec.maxReplicas", maximum, "must be greater than or equal to `minReplicas`"))
    utilization = spec.get("targetCPUUtilizationPercentage")
    if utilization is not None and utilization < 1:
        causes.append(field.invalid("spec.targetCPUUtilizationPercentage", utilization, "must be greater than 0"))
    return causes
