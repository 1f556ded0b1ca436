"""LimitRanger: the namespace's LimitRanges give containers their default requests and limits (the mutating
phase, recorded in the `kubernetes.io/limit-ranger` annotation) and bound what containers, pods and
PersistentVolumeClaims may ask for (the validating phase): min, max and maxLimitRequestRatio."""

from __future__ import annotations

from typing import Callable

from minikube_py.api.quantity import Quantity

from .attributes import CREATE, UPDATE, AdmissionAttributes, Object, Reader, aggregate, read_all
from .quantities import ResourceList, resource_list

NAME = "LimitRanger"
ANNOTATION = "kubernetes.io/limit-ranger"
MAX_MILLI_VALUE = (2 ** 63 - 1) // 1000   # the largest value whose millis fit in an int64
Check = Callable[[str, str, Quantity, ResourceList, ResourceList], str]


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    """Default each container's missing requests and limits from the Container items' defaultRequest/default."""
    if not _supported(attrs) or not attrs.is_core("pods"):
        return
    for limit_range in read_all(reader, "limitranges", attrs.namespace):
        _default_pod(limit_range, attrs.obj or {})


def validate(attrs: AdmissionAttributes, reader: Reader) -> None:
    if not _supported(attrs):
        return
    check = _validate_pod if attrs.is_core("pods") else _validate_claim
    for limit_range in read_all(reader, "limitranges", attrs.namespace):
        problems = check(limit_range, attrs.obj or {})
        if problems:
            raise attrs.forbidden(aggregate(problems))


def _supported(attrs: AdmissionAttributes) -> bool:
    """Pods on create (their containers cannot change later) and PVCs on create and update; never a
    subresource nor an object being deleted."""
    if attrs.subresource or attrs.obj is None or attrs.operation not in (CREATE, UPDATE):
        return False
    if ((attrs.old_obj or {}).get("metadata") or {}).get("deletionTimestamp"):
        return False
    return (attrs.is_core("pods") and attrs.operation == CREATE) or attrs.is_core("persistentvolumeclaims")


def _items(limit_range: Object, type_: str) -> list[Object]:
    return [item for item in (limit_range.get("spec") or {}).get("limits") or [] if item.get("type") == type_]


def _default_pod(limit_range: Object, pod: Object) -> None:
    requests: dict[str, str] = {}
    limits: dict[str, str] = {}
    for item in _items(limit_range, "Container"):
        requests.update({k: str(q) for k, q in resource_list(item.get("defaultRequest")).items()})
        limits.update({k: str(q) for k, q in resource_list(item.get("default")).items()})
    notes: list[str] = []
    spec = pod.get("spec") or {}
    for key, label in (("containers", "container"), ("initContainers", "init container")):
        for container in spec.get(key) or []:
            resources = container.setdefault("resources", {})
            added = {field: _fill(resources, field, defaults) for field, defaults in (("limits", limits),
                                                                                     ("requests", requests))}
            notes += [f"{', '.join(added[field])} {what} for {label} {container.get('name', '')}"
                      for field, what in (("requests", "request"), ("limits", "limit")) if added[field]]
    if notes:
        annotations = pod.setdefault("metadata", {}).setdefault("annotations", {})
        annotations[ANNOTATION] = "LimitRanger plugin set: " + "; ".join(notes)


def _fill(resources: Object, field: str, defaults: dict[str, str]) -> list[str]:
    """Add the defaults `resources[field]` lacks; the names added, sorted."""
    added = sorted(name for name in defaults if name not in (resources.get(field) or {}))
    if added:
        resources[field] = {**(resources.get(field) or {}), **{name: defaults[name] for name in added}}
    return added


def _validate_pod(limit_range: Object, pod: Object) -> list[str]:
    spec = pod.get("spec") or {}
    containers = [c for key in ("containers", "initContainers") for c in spec.get(key) or []]
    problems: list[str] = []
    for item in _items(limit_range, "Container"):
        for container in containers:
            resources = container.get("resources") or {}
            problems += _check_item(item, "Container", resource_list(resources.get("requests")),
                                    resource_list(resources.get("limits")))
    for item in _items(limit_range, "Pod"):
        requests, limits = (_pod_total(spec, field) for field in ("requests", "limits"))
        problems += _check_item(item, "Pod", requests, limits)
    return problems


def _pod_total(spec: Object, field: str) -> ResourceList:
    """What a pod asks for: the containers' sum (cpu in millicores, the rest in whole units; a resource some
    container leaves out is left out), raised to any init container's own value."""
    lists = [resource_list((c.get("resources") or {}).get(field)) for c in spec.get("containers") or []]
    total: ResourceList = {}
    for name in {name for resources in lists for name in resources}:
        if all(name in resources for resources in lists):
            if name == "cpu":
                total[name] = Quantity.from_milli(sum(r[name].milli_value() for r in lists))
            else:
                total[name] = Quantity(sum(r[name].value() for r in lists))
    for container in spec.get("initContainers") or []:
        for name, quantity in resource_list((container.get("resources") or {}).get(field)).items():
            if name not in total or quantity > total[name]:
                total[name] = quantity
    return total


def _validate_claim(limit_range: Object, claim: Object) -> list[str]:
    requests = resource_list(((claim.get("spec") or {}).get("resources") or {}).get("requests"))
    problems: list[str] = []
    for item in _items(limit_range, "PersistentVolumeClaim"):
        problems += [_min(name, "PersistentVolumeClaim", q, requests, {})
                     for name, q in resource_list(item.get("min")).items()]
        problems += [_max_request(name, "PersistentVolumeClaim", q, requests)
                     for name, q in resource_list(item.get("max")).items()]
    return [problem for problem in problems if problem]


def _check_item(item: Object, type_: str, requests: ResourceList, limits: ResourceList) -> list[str]:
    checks: list[tuple[str, Check]] = [("min", _min), ("max", _max), ("maxLimitRequestRatio", _ratio)]
    problems = [check(name, type_, enforced, requests, limits)
                for key, check in checks for name, enforced in resource_list(item.get(key)).items()]
    return [problem for problem in problems if problem]


def _compared(*quantities: Quantity | None) -> list[int]:
    """Kubernetes compares in millis when every value fits, else in whole units (both rounded up)."""
    values = [q.value() if q is not None else 0 for q in quantities]
    if all(value <= MAX_MILLI_VALUE for value in values):
        return [q.milli_value() if q is not None else 0 for q in quantities]
    return values


def _min(name: str, type_: str, enforced: Quantity, requests: ResourceList, limits: ResourceList) -> str:
    request, limit = requests.get(name), limits.get(name)
    observed_request, observed_limit, bound = _compared(request, limit, enforced)
    if request is None:
        return f"minimum {name} usage per {type_} is {enforced}.  No request is specified"
    if observed_request < bound:
        return f"minimum {name} usage per {type_} is {enforced}, but request is {request}"
    if limit is not None and observed_limit < bound:
        return f"minimum {name} usage per {type_} is {enforced}, but limit is {limit}"
    return ""


def _max(name: str, type_: str, enforced: Quantity, requests: ResourceList, limits: ResourceList) -> str:
    request, limit = requests.get(name), limits.get(name)
    observed_request, observed_limit, bound = _compared(request, limit, enforced)
    if limit is None:
        return f"maximum {name} usage per {type_} is {enforced}.  No limit is specified"
    if observed_limit > bound:
        return f"maximum {name} usage per {type_} is {enforced}, but limit is {limit}"
    if request is not None and observed_request > bound:
        return f"maximum {name} usage per {type_} is {enforced}, but request is {request}"
    return ""


def _max_request(name: str, type_: str, enforced: Quantity, requests: ResourceList) -> str:
    """A claim's max bounds its request (a claim has no limit)."""
    request = requests.get(name)
    observed_request, bound = _compared(request, enforced)
    if request is None:
        return f"maximum {name} usage per {type_} is {enforced}.  No request is specified"
    if observed_request > bound:
        return f"maximum {name} usage per {type_} is {enforced}, but request is {request}"
    return ""


def _ratio(name: str, type_: str, enforced: Quantity, requests: ResourceList, limits: ResourceList) -> str:
    request, limit = requests.get(name), limits.get(name)
    observed_request, observed_limit = _compared(request, limit, enforced)[:2]
    if not observed_request:
        return (f"{name} max limit to request ratio per {type_} is {enforced}, but no request is specified or "
                "request is 0")
    if not observed_limit:
        return (f"{name} max limit to request ratio per {type_} is {enforced}, but no limit is specified or "
                "limit is 0")
    ratio = observed_limit / observed_request
    if enforced.value() <= MAX_MILLI_VALUE:
        exceeded = ratio * 1000 > enforced.milli_value()
    else:
        exceeded = ratio > enforced.value()
    if exceeded:
        return f"{name} max limit to request ratio per {type_} is {enforced}, but provided ratio is {ratio:f}"
    return ""
