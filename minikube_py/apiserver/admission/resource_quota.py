"""ResourceQuota: a create (or an update that grows usage) that would take a namespace past one of its
quotas is refused with Kubernetes' `exceeded quota: ...` message, and a pod missing the cpu/memory requests
or limits a quota tracks with `failed quota: ... must specify ...`.

Usage is measured as Kubernetes' quota evaluators measure it (`pkg/quota/v1/evaluator/core`): pods (compute
resources, `pods`, scopes Terminating/NotTerminating/BestEffort/NotBestEffort/PriorityClass/
CrossNamespacePodAffinity), services (`services`, `services.nodeports`, `services.loadbalancers`),
persistentvolumeclaims (`requests.storage`, per storage class), the legacy object counts (configmaps, secrets,
replicationcontrollers, resourcequotas) and `count/<resource>.<group>` for anything else.

Kubernetes compares against the quota's `status.used`, which the admission plugin itself increments and the
quota controller recomputes. Here `used` is computed from the apiserver's cache at each request
(`quota_usage`, the same function the quota controller uses for `status.used`), and `hard` is `spec.hard`;
two concurrent creates may therefore both fit where only one should (until the next one is refused)."""

from __future__ import annotations

import datetime
from typing import Callable, Iterable

from minikube_py.api.quantity import Quantity

from .attributes import CREATE, UPDATE, AdmissionAttributes, Object, Reader, find_resource, read_all
from .default_storage_class import storage_class_of
from .quantities import ResourceList, resource_list

NAME = "ResourceQuota"
Usage = ResourceList
ListObjects = Callable[[str], list[Object]]   # group-resource ("pods", "deployments.apps") -> its objects

IGNORED = frozenset({"events"})      # the plugin's default ignoredResources
POD_RESOURCES = frozenset({"count/pods", "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
                           "requests.ephemeral-storage", "limits.cpu", "limits.memory",
                           "limits.ephemeral-storage", "pods"})
# Resources a quota can only track on pods that name them in every container (a compatibility rule).
POD_REQUIRED = frozenset({"cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"})
SERVICE_RESOURCES = frozenset({"count/services", "services", "services.nodeports", "services.loadbalancers"})
CLAIM_RESOURCES = ("persistentvolumeclaims", "requests.storage")
STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/"
# Object counts that have a name of their own besides count/<resource>.
LEGACY_COUNTS = {"configmaps": "configmaps", "secrets": "secrets", "replicationcontrollers": "replicationcontrollers",
                 "resourcequotas": "resourcequotas"}
QOS_RESOURCES = ("cpu", "memory")


def _zero() -> Quantity:
    return Quantity(0)


def _one() -> Quantity:
    return Quantity(1)


def count_name(group_resource: str) -> str:
    """`count/pods`, `count/deployments.apps`: the object-count quota name of a group-resource."""
    return f"count/{group_resource}"


# measuring: what one object uses --------------------------------------------------------------------------


def _is_native(name: str) -> bool:
    return "/" not in name or "kubernetes.io/" in name


def matching_resources(group_resource: str, names: Iterable[str]) -> list[str]:
    """The quota resource names among `names` that objects of `group_resource` use."""
    def matches(name: str) -> bool:
        if group_resource == "pods":
            return (name in POD_RESOURCES or name.startswith(("hugepages-", "requests.hugepages-"))
                    or (not _is_native(name) and name.startswith("requests.")))
        if group_resource == "services":
            return name in SERVICE_RESOURCES
        if group_resource == "persistentvolumeclaims":
            return name == count_name(group_resource) or name in CLAIM_RESOURCES or any(
                name.endswith(STORAGE_CLASS_SUFFIX + resource) for resource in CLAIM_RESOURCES)
        return name in (count_name(group_resource), LEGACY_COUNTS.get(group_resource))
    return [name for name in names if matches(name)]


def usage(group_resource: str, obj: Object, now: float) -> Usage:
    """What one object of `group_resource` counts against quota (`now`, seconds since the epoch, decides
    whether a terminating pod's grace period is over)."""
    if group_resource == "pods":
        return _pod_usage(obj, now)
    if group_resource == "services":
        return _service_usage(obj)
    if group_resource == "persistentvolumeclaims":
        return _claim_usage(obj)
    result = {count_name(group_resource): _one()}
    if group_resource in LEGACY_COUNTS:
        result[LEGACY_COUNTS[group_resource]] = _one()
    return result



def _add(a: Usage, b: Usage) -> Usage:
    return {name: a[name] + b[name] if name in a and name in b else a.get(name, b.get(name))
            for name in a.keys() | b.keys()}


def _max(a: Usage, b: Usage) -> Usage:
    return {name: b[name] if name in b and (name not in a or b[name] > a[name]) else a[name]
            for name in a.keys() | b.keys()}


def _pod_resources(spec: Object, field: str) -> Usage:
    """A pod's requests or limits as the scheduler sees them: the containers' sum plus restartable init
    containers (sidecars), raised to any init container's need while it runs, plus the pod overhead."""
    total: Usage = {}
    for container in spec.get("containers") or []:
        total = _add(total, resource_list((container.get("resources") or {}).get(field)))
    sidecars: Usage = {}
    init_peak: Usage = {}
    for container in spec.get("initContainers") or []:
        own = resource_list((container.get("resources") or {}).get(field))
        if container.get("restartPolicy") == "Always":
            total = _add(total, own)
            sidecars = _add(sidecars, own)
            running = dict(sidecars)
        else:
            running = _add(own, sidecars)
        init_peak = _max(init_peak, running)
    total = _max(total, init_peak)
    return _add(total, resource_list(spec.get("overhead")))


def _compute_usage(requests: Usage, limits: Usage) -> Usage:
    """Kubernetes' podComputeUsageHelper: `pods` and the compute resources under their quota names."""
    result: Usage = {"pods": _one()}
    for resource in ("cpu", "memory", "ephemeral-storage"):
        if resource in requests:
            result[resource] = result[f"requests.{resource}"] = requests[resource]
        if resource in limits:
            result[f"limits.{resource}"] = limits[resource]
    for name, quantity in requests.items():
        if name.startswith("hugepages-"):
            result[name] = result[f"requests.{name}"] = quantity
        elif not _is_native(name) and not name.startswith("requests."):
            result[f"requests.{name}"] = quantity
    return result


def _counts_compute(pod: Object, now: float) -> bool:
    """Terminal pods, and pods whose deletion grace period is over, use no compute quota."""
    if (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed"):
        return False
    metadata = pod.get("metadata") or {}
    deleted, grace = metadata.get("deletionTimestamp"), metadata.get("deletionGracePeriodSeconds")
    if deleted and grace is not None:
        deadline = datetime.datetime.fromisoformat(deleted.replace("Z", "+00:00")).timestamp() + grace
        return now <= deadline
    return True


def _pod_usage(pod: Object, now: float) -> Usage:
    result = {count_name("pods"): _one()}
    if _counts_compute(pod, now):
        spec = pod.get("spec") or {}
        result.update(_compute_usage(_pod_resources(spec, "requests"), _pod_resources(spec, "limits")))
    return result


def _service_usage(service: Object) -> Usage:
    spec = service.get("spec") or {}
    ports = spec.get("ports") or []
    node_ports, load_balancers = 0, 0
    if spec.get("type") == "NodePort":
        node_ports = len(ports)
    elif spec.get("type") == "LoadBalancer":
        load_balancers = 1
        node_ports = len(ports) if spec.get("allocateLoadBalancerNodePorts") is not False else \
            sum(1 for port in ports if port.get("nodePort"))
    return {count_name("services"): _one(), "services": _one(),
            "services.nodeports": Quantity(node_ports), "services.loadbalancers": Quantity(load_balancers)}


def _claim_usage(claim: Object) -> Usage:
    spec, status = claim.get("spec") or {}, claim.get("status") or {}
    result = {"persistentvolumeclaims": _one(), count_name("persistentvolumeclaims"): _one()}
    storage_class = storage_class_of(claim)
    if storage_class:
        result[f"{storage_class}{STORAGE_CLASS_SUFFIX}persistentvolumeclaims"] = _one()
    requested = resource_list((spec.get("resources") or {}).get("requests")).get("storage")
    allocated = resource_list(status.get("allocatedResources")).get("storage")
    if requested is not None and allocated is not None and allocated > requested:
        requested = allocated
    if requested is not None:
        if requested.amount != requested.value():   # whole bytes, as quota validation wants them
            requested = Quantity(requested.value(), requested.format)
        result["requests.storage"] = requested
        if storage_class:
            result[f"{storage_class}{STORAGE_CLASS_SUFFIX}requests.storage"] = requested
    return result


# scopes ---------------------------------------------------------------------------------------------------


def scope_selectors(quota: Object) -> list[Object]:
    """spec.scopes (each as an Exists requirement) then spec.scopeSelector.matchExpressions."""
    spec = quota.get("spec") or {}
    selectors = [{"scopeName": scope, "operator": "Exists"} for scope in spec.get("scopes") or []]
    return selectors + list((spec.get("scopeSelector") or {}).get("matchExpressions") or [])


def _best_effort(pod: Object) -> bool:
    spec = pod.get("spec") or {}
    for container in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        resources = container.get("resources") or {}
        for field in ("requests", "limits"):
            quantities = resource_list(resources.get(field))
            if any(name in quantities and quantities[name].sign() > 0 for name in QOS_RESOURCES):
                return False
    return True


def _cross_namespace_affinity(pod: Object) -> bool:
    affinity = (pod.get("spec") or {}).get("affinity") or {}
    for kind in ("podAffinity", "podAntiAffinity"):
        terms = affinity.get(kind) or {}
        required = terms.get("requiredDuringSchedulingIgnoredDuringExecution") or []
        weighted = terms.get("preferredDuringSchedulingIgnoredDuringExecution") or []
        preferred = [t.get("podAffinityTerm") or {} for t in weighted]
        if any(term.get("namespaces") or term.get("namespaceSelector") is not None for term in required + preferred):
            return True
    return False


def _pod_in_scope(selector: Object, pod: Object) -> bool:
    spec = pod.get("spec") or {}
    scope = selector.get("scopeName")
    if scope in ("Terminating", "NotTerminating"):
        deadline = spec.get("activeDeadlineSeconds")
        terminating = deadline is not None and deadline >= 0
        return terminating == (scope == "Terminating")
    if scope in ("BestEffort", "NotBestEffort"):
        return _best_effort(pod) == (scope == "BestEffort")
    if scope == "PriorityClass":
        priority_class = spec.get("priorityClassName") or ""
        operator, values = selector.get("operator"), selector.get("values") or []
        if operator == "Exists":
            return bool(priority_class)
        if operator == "DoesNotExist":
            return not priority_class
        if operator == "In":
            return bool(priority_class) and priority_class in values
        if operator == "NotIn":
            return not priority_class or priority_class not in values
        return False
    if scope == "CrossNamespacePodAffinity":
        return _cross_namespace_affinity(pod)
    return False


def in_scope(group_resource: str, selectors: list[Object], obj: Object) -> bool:
    """Whether `obj` is within every scope selector (only pods have scopes: a scoped quota counts no other
    resource)."""
    return all(group_resource == "pods" and _pod_in_scope(selector, obj) for selector in selectors)


# the quota's usage: what the controller writes to status.used ---------------------------------------------


def _evaluated(names: Iterable[str]) -> dict[str, list[str]]:
    """The quota names grouped by the group-resource whose objects use them."""
    groups: dict[str, list[str]] = {}
    for name in names:
        for group_resource in ("pods", "services", "persistentvolumeclaims", *LEGACY_COUNTS):
            if matching_resources(group_resource, [name]):
                groups.setdefault(group_resource, []).append(name)
                break
        else:
            if name.startswith("count/"):
                groups.setdefault(name[len("count/"):], []).append(name)
    return groups


def used(quota: Object, list_objects: ListObjects, now: float) -> Usage:
    """The quota's usage as Quantities: every resource of `spec.hard`, 0 when nothing uses it."""
    hard = (quota.get("spec") or {}).get("hard") or {}
    selectors = scope_selectors(quota)
    result = {name: _zero() for name in hard}
    for group_resource, names in _evaluated(hard).items():
        for obj in list_objects(group_resource):
            if in_scope(group_resource, selectors, obj):
                measured = usage(group_resource, obj, now)
                result.update({name: result[name] + measured[name] for name in names if name in measured})
    return result


def quota_usage(quota: Object, list_objects: ListObjects, now: float) -> dict[str, str]:
    """`status.used` of a ResourceQuota: {resource name: quantity} for each resource in spec.hard, measured
    over the objects `list_objects(group_resource)` returns for the quota's namespace."""
    return {name: str(quantity) for name, quantity in used(quota, list_objects, now).items()}


def cache_lister(reader: Reader, namespace: str) -> ListObjects:
    """`list_objects` over the apiserver's cache, for one namespace."""
    def list_objects(group_resource: str) -> list[Object]:
        plural, _, group = group_resource.partition(".")
        resource = find_resource(reader.registry, group, plural)
        return reader.list(resource, namespace) if resource else []
    return list_objects


# admission -------------------------------------------------------------------------------------------------


def _handles(attrs: AdmissionAttributes, group_resource: str) -> bool:
    if group_resource in ("services", "persistentvolumeclaims"):
        return attrs.subresource == "" and attrs.operation in (CREATE, UPDATE)
    return attrs.subresource == "" and attrs.operation == CREATE


def _constraints(required: list[str], pod: Object) -> str:
    """Which containers lack a cpu/memory request or limit that a quota tracks ("" when none does)."""
    required_set = set(required) & POD_REQUIRED
    missing: dict[str, set[str]] = {}
    spec = pod.get("spec") or {}
    for container in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        resources = container.get("resources") or {}
        present = _compute_usage(resource_list(resources.get("requests")), resource_list(resources.get("limits")))
        for name in required_set - present.keys():
            missing.setdefault(name, set()).add(container.get("name", ""))
    if not missing:
        return ""
    return "must specify " + "; ".join(f"{name} for: {','.join(sorted(missing[name]))}" for name in sorted(missing))


def _pretty(quantities: Usage, names: Iterable[str]) -> str:
    return ",".join(f"{name}={quantities[name]}" for name in sorted(names) if name in quantities)


def validate(attrs: AdmissionAttributes, reader: Reader, now: float | None = None) -> None:
    if attrs.operation not in (CREATE, UPDATE) or not attrs.namespace or attrs.obj is None:
        return
    group_resource = attrs.resource.group_resource
    if group_resource in IGNORED or not _handles(attrs, group_resource):
        return
    quotas = read_all(reader, "resourcequotas", attrs.namespace)
    if not quotas:
        return
    now = datetime.datetime.now(datetime.timezone.utc).timestamp() if now is None else now
    obj = attrs.obj
    interesting = []
    for quota in quotas:
        hard = (quota.get("spec") or {}).get("hard") or {}
        restricted = matching_resources(group_resource, hard)
        if not restricted or not in_scope(group_resource, scope_selectors(quota), obj):
            continue
        problem = _constraints(restricted, obj) if group_resource == "pods" else ""
        if problem:
            raise attrs.forbidden(f"failed quota: {(quota.get('metadata') or {}).get('name', '')}: {problem}")
        interesting.append(quota)
    delta = usage(group_resource, obj, now)
    negative = sorted(name for name, quantity in delta.items() if quantity.sign() < 0)
    if negative:
        raise attrs.forbidden(f"quota usage is negative for resource(s): {','.join(negative)}")
    if attrs.operation == UPDATE and ((attrs.old_obj or {}).get("metadata") or {}).get("resourceVersion"):
        before = usage(group_resource, attrs.old_obj or {}, now)
        delta = {name: max(q - before[name], _zero()) if name in before else q for name, q in delta.items()}
    delta = {name: quantity for name, quantity in delta.items() if not quantity.is_zero()}
    if not delta:
        return
    lister = cache_lister(reader, attrs.namespace)
    for quota in interesting:
        hard = resource_list((quota.get("spec") or {}).get("hard"))
        requested = {name: quantity for name, quantity in delta.items() if name in hard}
        current = used(quota, lister, now)
        exceeded = sorted(name for name, quantity in requested.items() if current[name] + quantity > hard[name])
        if exceeded:
            name = (quota.get("metadata") or {}).get("name", "")
            raise attrs.forbidden(f"exceeded quota: {name}, requested: {_pretty(requested, exceeded)}, "
                                  f"used: {_pretty(current, exceeded)}, limited: {_pretty(hard, exceeded)}")

