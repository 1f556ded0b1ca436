"""`kubectl describe` of the core kinds that are neither pods, workloads nor services: namespaces (with their
quotas and limit ranges), configmaps, secrets, serviceaccounts, nodes (with their pods' requests and their
lease), resourcequotas, limitranges, persistentvolumes and persistentvolumeclaims."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from minikube_py.api.printers.columns import since

from .common import (
    Obj,
    PrefixWriter,
    Writer,
    annotations,
    events,
    go_bool,
    go_list,
    labels,
    meta,
    multiline,
    name_and_namespace,
    rfc1123z,
    taints,
)
from .workloads import claim_class

SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token"
NODE_ROLE_PREFIX = "node-role.kubernetes.io/"
NODE_ROLE_LABEL = "kubernetes.io/role"
STANDARD_RESOURCES = frozenset(("cpu", "memory", "ephemeral-storage", "storage", "pods"))
QUOTA_SCOPE_HELP = {
    "Terminating": "Matches all pods that have an active deadline. These pods have a limited lifespan on a node "
                   "before being actively terminated by the system.",
    "NotTerminating": "Matches all pods that do not have an active deadline. These pods usually include long "
                      "running pods whose container command is not expected to terminate.",
    "BestEffort": "Matches all pods that do not have resource requirements set. These pods have a best effort "
                  "quality of service.",
    "NotBestEffort": "Matches all pods that have at least one resource requirement set. These pods have a "
                     "burstable or guaranteed quality of service.",
}
LIMIT_HEADER = "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n"
LIMIT_RULE = "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n"


def describe_namespace(namespace: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                       now: float) -> str:
    metadata, status = meta(namespace), namespace.get("status") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Status:\t{status.get('phase', '')}\n")
    if status.get("conditions"):
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t------------------\t------\t-------\n")
        for c in status["conditions"]:
            w.write(1, f"{c.get('type', '')}\t{c.get('status', '')}\t{rfc1123z(c.get('lastTransitionTime'))}\t"
                       f"{c.get('reason', '')}\t{c.get('message', '')}\n")
    if "resourcequotas" in related:
        w.write(0, "\n")
        _quotas(w, related["resourcequotas"])
    if "limitranges" in related:
        w.write(0, "\n")
        if not related["limitranges"]:
            w.write(0, "No LimitRange resource.\n")
        else:
            w.write(0, "Resource Limits\n " + LIMIT_HEADER)
            w.write(0, " " + LIMIT_RULE)
            for limit_range in related["limitranges"]:
                _limit_range_items(w, limit_range, " ")
    return w.render()


def _quotas(w: Writer, quotas: list[Obj]) -> None:
    """`DescribeResourceQuotas`: each quota by name, its scopes, then Resource/Used/Hard."""
    if not quotas:
        w.write(0, "No resource quota.\n")
        return
    w.write(0, "Resource Quotas\n")
    for quota in sorted(quotas, key=lambda q: meta(q).get("name", "")):
        w.write(1, f"Name:\t{meta(quota).get('name', '')}\n")
        scopes = sorted((quota.get("spec") or {}).get("scopes") or [])
        if scopes:
            w.write(1, f"Scopes:\t{', '.join(scopes)}\n")
            for scope in scopes:
                if scope in QUOTA_SCOPE_HELP:
                    w.write(1, f"* {QUOTA_SCOPE_HELP[scope]}\n")
        w.write(1, "Resource\tUsed\tHard\n")
        w.write(1, "--------\t---\t---\n")
        status = quota.get("status") or {}
        hard, used = status.get("hard") or {}, status.get("used") or {}
        for name in sorted(hard):
            w.write(1, f"{name}\t{used.get(name, '0')}\t{hard[name]}\n")


def describe_resource_quota(quota: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                            now: float) -> str:
    w = PrefixWriter()
    name_and_namespace(w, quota)
    scopes = sorted((quota.get("spec") or {}).get("scopes") or [])
    if scopes:
        w.write(0, f"Scopes:\t{', '.join(scopes)}\n")
        for scope in scopes:
            if scope in QUOTA_SCOPE_HELP:
                w.write(0, f" * {QUOTA_SCOPE_HELP[scope]}\n")
    w.write(0, "Resource\tUsed\tHard\n")
    w.write(0, "--------\t----\t----\n")
    status = quota.get("status") or {}
    hard, used = status.get("hard") or {}, status.get("used") or {}
    for name in sorted(hard):
        w.write(0, f"{name}\t{_used_as_hard(used.get(name), hard[name])}\t{hard[name]}\n")
    return w.render()


def _used_as_hard(used: Any, hard: Any) -> str:
    """describeQuota re-expresses `used` in the format of `hard` when their formats differ."""
    from minikube_py.api.quantity import Quantity, QuantityError, parse_quantity

    try:
        used_quantity, hard_quantity = parse_quantity(str(used or "0")), parse_quantity(str(hard))
    except QuantityError:
        return str(used or "0")
    if used is not None and used_quantity.format == hard_quantity.format:
        return str(used)
    return str(Quantity(used_quantity.value(), hard_quantity.format))


def _limit_range_items(w: Writer, limit_range: Obj, prefix: str) -> None:
    """`describeLimitRangeSpec`: a row per limit and resource (`-` where a value is not set); kubectl walks a Go
    map here, so the order of resources within a limit is by name."""
    for item in (limit_range.get("spec") or {}).get("limits") or ():
        columns = [item.get(key) or {} for key in ("min", "max", "defaultRequest", "default", "maxLimitRequestRatio")]
        for resource in sorted({name for column in columns for name in column}):
            values = "\t".join(str(column.get(resource, "-")) for column in columns)
            w.write(0, f"{prefix}{item.get('type', '')}\t{resource}\t{values}\n")


def describe_limit_range(limit_range: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                         now: float) -> str:
    w = PrefixWriter()
    name_and_namespace(w, limit_range)
    w.write(0, LIMIT_HEADER)
    w.write(0, LIMIT_RULE)
    _limit_range_items(w, limit_range, "")
    return w.render()


def describe_config_map(config_map: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                        now: float) -> str:
    metadata = meta(config_map)
    w = PrefixWriter()
    name_and_namespace(w, config_map)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, "\nData\n====\n")
    data = config_map.get("data") or {}
    for key in sorted(data):
        w.write(0, f"{key}:\n----\n")
        w.write(0, f"{data[key]}\n")
        w.write(0, "\n")
    w.write(0, "\nBinaryData\n====\n")
    binary = config_map.get("binaryData") or {}
    for key in sorted(binary):
        w.write(0, f"{key}: {len(_decoded(binary[key]))} bytes\n")
    w.write(0, "\n")
    events(w, object_events, now)
    return w.render()


def _decoded(value: str) -> bytes:
    try:
        return base64.b64decode(value or "")
    except (binascii.Error, ValueError):
        return (value or "").encode()


def describe_secret(secret: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                    now: float) -> str:
    metadata = meta(secret)
    w = PrefixWriter()
    name_and_namespace(w, secret)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"\nType:\t{secret.get('type', '')}\n")
    w.write(0, "\nData\n====\n")
    data = secret.get("data") or {}
    for key in sorted(data):
        value = _decoded(data[key])
        if key == "token" and secret.get("type") == SERVICE_ACCOUNT_TOKEN:
            w.write(0, f"{key}:\t{value.decode(errors='replace')}\n")
        else:
            w.write(0, f"{key}:\t{len(value)} bytes\n")
    return w.render()


def describe_service_account(account: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                             now: float) -> str:
    metadata = meta(account)
    secrets = related.get("secrets")
    existing = {meta(s).get("name") for s in secrets or ()}
    tokens = [meta(s).get("name", "") for s in secrets or ()
              if s.get("type") == SERVICE_ACCOUNT_TOKEN
              and (meta(s).get("annotations") or {}).get("kubernetes.io/service-account.name") == metadata.get("name")
              and (meta(s).get("annotations") or {}).get("kubernetes.io/service-account.uid") == metadata.get("uid")]
    w = PrefixWriter()
    name_and_namespace(w, account)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    sections = {
        "Image pull secrets:": [ref.get("name", "") for ref in account.get("imagePullSecrets") or ()],
        "Mountable secrets: ": [ref.get("name", "") for ref in account.get("secrets") or ()],
        "Tokens:            ": tokens,
    }
    for header in sorted(sections):
        names = sections[header]
        if not names:
            w.write(0, f"{header}\t<none>\n")
        for index, name in enumerate(names):
            missing = secrets is not None and name not in existing
            w.write(0, f"{header if index == 0 else ' ' * 19}\t{name}{' (not found)' if missing else ''}\n")
    events(w, object_events, now)
    return w.render()


def node_roles(node: Obj) -> list[str]:
    roles = set()
    for key, value in (meta(node).get("labels") or {}).items():
        if key.startswith(NODE_ROLE_PREFIX) and key[len(NODE_ROLE_PREFIX):]:
            roles.add(key[len(NODE_ROLE_PREFIX):])
        elif key == NODE_ROLE_LABEL and value:
            roles.add(value)
    return sorted(roles)


def describe_node(node: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]], now: float) -> str:
    metadata, spec, status = meta(node), node.get("spec") or {}, node.get("status") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    w.write(0, f"Roles:\t{','.join(node_roles(node)) or '<none>'}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(metadata.get('creationTimestamp'))}\n")
    taints(w, "Taints", spec.get("taints"))
    w.write(0, f"Unschedulable:\t{go_bool(spec.get('unschedulable'))}\n")
    leases = related.get("leases")
    if leases is not None:
        lease = next((item for item in leases if meta(item).get("name") == metadata.get("name")), None)
        if lease is None:
            w.write(0, f"Lease:\tFailed to get lease: leases.coordination.k8s.io \"{metadata.get('name', '')}\" "
                       "not found\n")
        else:
            lease_spec = lease.get("spec") or {}
            w.write(0, "Lease:\n")
            w.write(1, f"HolderIdentity:\t{lease_spec.get('holderIdentity') or '<unset>'}\n")
            for key, title in (("acquireTime", "AcquireTime"), ("renewTime", "RenewTime")):
                value = lease_spec.get(key)
                w.write(1, f"{title}:\t{rfc1123z(value) if value else '<unset>'}\n")
    if status.get("conditions"):
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in status["conditions"]:
            w.write(1, f"{c.get('type', '')} \t{c.get('status', '')} \t{rfc1123z(c.get('lastHeartbeatTime'))} \t"
                       f"{rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason', '')} \t{c.get('message', '')}\n")
    w.write(0, "Addresses:\n")
    for address in status.get("addresses") or ():
        w.write(1, f"{address.get('type', '')}:\t{address.get('address', '')}\n")
    for key, title in (("capacity", "Capacity"), ("allocatable", "Allocatable")):
        values = status.get(key) or {}
        if values:
            w.write(0, f"{title}:\n")
            for name in sorted(values):
                w.write(0, f"  {name}:\t{values[name]}\n")
    info = status.get("nodeInfo") or {}
    w.write(0, "System Info:\n")
    for key, title in (("machineID", "Machine ID"), ("systemUUID", "System UUID"), ("bootID", "Boot ID"),
                       ("kernelVersion", "Kernel Version"), ("osImage", "OS Image"),
                       ("operatingSystem", "Operating System"), ("architecture", "Architecture"),
                       ("containerRuntimeVersion", "Container Runtime Version"),
                       ("kubeletVersion", "Kubelet Version"), ("kubeProxyVersion", "Kube-Proxy Version")):
        w.write(0, f"  {title}:\t{info.get(key, '')}\n")
    if spec.get("podCIDR"):
        w.write(0, f"PodCIDR:\t{spec['podCIDR']}\n")
    if spec.get("podCIDRs"):
        w.write(0, f"PodCIDRs:\t{','.join(spec['podCIDRs'])}\n")
    if spec.get("providerID"):
        w.write(0, f"ProviderID:\t{spec['providerID']}\n")
    if related.get("pods") is None:
        w.write(0, "Pods:\tnot authorized\n")
    else:
        _node_resources(w, node, related["pods"], now)
    if object_events is not None:
        events(w, object_events, now)
    return w.render()


def _node_resources(w: Writer, node: Obj, pods: list[Obj], now: float) -> None:
    """`describeNodeResource`: each non-terminated pod's cpu/memory requests and limits as a share of the
    node's allocatable, then the totals (and extended resources)."""
    from minikube_py.api.quantity import Quantity

    status = node.get("status") or {}
    allocatable = _quantities(status.get("allocatable") or status.get("capacity") or {})
    zero = Quantity(0)
    w.write(0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
    total_requests: dict[str, Quantity] = {}
    total_limits: dict[str, Quantity] = {}
    for pod in pods:
        requests, limits = pod_requests_and_limits(pod)
        for totals, values in ((total_requests, requests), (total_limits, limits)):
            for name, value in values.items():
                totals[name] = totals[name] + value if name in totals else value
        cells = [f"{values.get(resource, zero)} "
                 f"({_percent(values.get(resource), allocatable.get(resource), resource, per_pod=True)}%)"
                 for values, resource in ((requests, "cpu"), (limits, "cpu"), (requests, "memory"), (limits, "memory"))]
        w.write(1, f"{meta(pod).get('namespace', '')}\t{meta(pod).get('name', '')}\t\t{chr(9).join(cells)}\t"
                   f"{since(meta(pod).get('creationTimestamp'), now)}\n")
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
    w.write(1, "Resource\tRequests\tLimits\n")
    w.write(1, "--------\t--------\t------\n")
    for resource in ("cpu", "memory", "ephemeral-storage"):
        request, limit = total_requests.get(resource), total_limits.get(resource)
        w.write(1, f"{resource}\t{request or zero} ({_percent(request, allocatable.get(resource), resource)}%)\t"
                   f"{limit or zero} ({_percent(limit, allocatable.get(resource), resource)}%)\n")
    huge_pages = sorted(name for name in allocatable if name.startswith("hugepages-"))
    extended = sorted(name for name in allocatable
                      if not name.startswith("hugepages-") and "/" in name and not name.startswith("kubernetes.io/")
                      and not name.startswith("requests.") and name not in STANDARD_RESOURCES)
    for resource in huge_pages:
        request, limit = total_requests.get(resource), total_limits.get(resource)
        w.write(1, f"{resource}\t{request or zero} ({_percent(request, allocatable.get(resource), resource)}%)\t"
                   f"{limit or zero} ({_percent(limit, allocatable.get(resource), resource)}%)\n")
    for resource in extended:
        w.write(1, f"{resource}\t{total_requests.get(resource, zero)}\t{total_limits.get(resource, zero)}\n")


def _percent(value: Any, allocatable: Any, resource: str, per_pod: bool = False) -> int:
    """The integer share of `allocatable` (Go's float division truncated; 0 of nothing allocatable, except in
    the per-pod cells where Go divides by zero anyway: NaN or Inf print as a huge negative number)."""
    total = 0 if allocatable is None else (allocatable.milli_value() if resource == "cpu" else allocatable.value())
    amount = 0 if value is None else (value.milli_value() if resource == "cpu" else value.value())
    if total == 0:
        return -9223372036854775808 if per_pod else 0
    return int(amount / total * 100)


def _quantities(values: dict[str, Any]) -> dict[str, Any]:
    from minikube_py.api.quantity import QuantityError, parse_quantity

    parsed = {}
    for name, value in values.items():
        try:
            parsed[name] = parse_quantity(str(value))
        except QuantityError:
            continue
    return parsed


def pod_requests_and_limits(pod: Obj) -> tuple[dict[str, Any], dict[str, Any]]:
    """`resourcehelper.PodRequestsAndLimits`: the containers' sum, at least each init container's (sidecars
    added), plus the pod overhead."""
    spec = pod.get("spec") or {}
    totals: list[dict[str, Any]] = []
    for key in ("requests", "limits"):
        summed: dict[str, Any] = {}
        for container in spec.get("containers") or ():
            _add(summed, _quantities(((container.get("resources") or {}).get(key)) or {}))
        sidecars: dict[str, Any] = {}
        floor: dict[str, Any] = {}
        for container in spec.get("initContainers") or ():
            values = _quantities(((container.get("resources") or {}).get(key)) or {})
            if container.get("restartPolicy") == "Always":
                _add(sidecars, values)
                _add(summed, values)
                continue
            candidate = dict(sidecars)
            _add(candidate, values)
            for name, value in candidate.items():
                if name not in floor or value > floor[name]:
                    floor[name] = value
        for name, value in floor.items():
            if name not in summed or value > summed[name]:
                summed[name] = value
        _add(summed, _quantities(spec.get("overhead") or {}))
        totals.append(summed)
    return totals[0], totals[1]


def _add(into: dict[str, Any], values: dict[str, Any]) -> None:
    for name, value in values.items():
        into[name] = into[name] + value if name in into else value


def _access_modes(modes: list[str] | None) -> str:
    """`GetAccessModesAsString`: RWO, ROX, RWX, RWOP in that order."""
    modes = modes or []
    return ",".join(short for mode, short in (("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"),
                                              ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP"))
                    if mode in modes)


def describe_persistent_volume(pv: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                               now: float) -> str:
    from .pods import volume_source

    metadata, spec, status = meta(pv), pv.get("spec") or {}, pv.get("status") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Finalizers:\t{go_list(metadata.get('finalizers'))}\n")
    w.write(0, f"StorageClass:\t{claim_class(pv)}\n")
    if metadata.get("deletionTimestamp"):
        w.write(0, f"Status:\tTerminating (lasts {since(metadata['deletionTimestamp'], now)})\n")
    else:
        w.write(0, f"Status:\t{status.get('phase', '')}\n")
    claim = spec.get("claimRef")
    w.write(0, f"Claim:\t{'' if claim is None else claim.get('namespace', '') + '/' + claim.get('name', '')}\n")
    w.write(0, f"Reclaim Policy:\t{spec.get('persistentVolumeReclaimPolicy', '')}\n")
    w.write(0, f"Access Modes:\t{_access_modes(spec.get('accessModes'))}\n")
    if spec.get("volumeMode") is not None:
        w.write(0, f"VolumeMode:\t{spec['volumeMode']}\n")
    w.write(0, f"Capacity:\t{(spec.get('capacity') or {}).get('storage', '0')}\n")
    _node_affinity(w, spec.get("nodeAffinity"))
    w.write(0, f"Message:\t{status.get('message', '')}\n")
    w.write(0, "Source:\n")
    volume_source(w, spec, persistent=True)
    events(w, object_events, now)
    return w.render()


def _node_affinity(w: Writer, affinity: Obj | None) -> None:
    w.write(0, "Node Affinity:\t")
    if affinity is None or affinity.get("required") is None:
        w.line("<none>")
        return
    w.line("")
    terms = affinity["required"].get("nodeSelectorTerms") or []
    w.write(1, "Required Terms:\t")
    if not terms:
        w.line("<none>")
        return
    w.line("")
    for index, term in enumerate(terms):
        expressions = []
        for requirement in term.get("matchExpressions") or ():
            text = f"{requirement.get('key', '')} {str(requirement.get('operator', '')).lower()}"
            if requirement.get("values"):
                text += f" [{', '.join(requirement['values'])}]"
            expressions.append(text)
        w.write(2, f"Term {index}:\t")
        if not expressions:
            w.line("<none>")
        for number, text in enumerate(expressions):
            if number:
                w.write(2, "\t")
            w.write(0, text + "\n")


def describe_persistent_volume_claim(pvc: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                                     now: float) -> str:
    status = pvc.get("status") or {}
    w = PrefixWriter()
    claim_fields(w, pvc, full=True, now=now)
    multiline(w, "Used By", sorted(meta(pod).get("name", "") for pod in _pods_using(pvc, related.get("pods") or [])))
    if status.get("conditions"):
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in status["conditions"]:
            w.write(1, f"{c.get('type', '')} \t{c.get('status', '')} \t{rfc1123z(c.get('lastProbeTime'))} \t"
                       f"{rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason', '')} \t{c.get('message', '')}\n")
    events(w, object_events, now)
    return w.render()


def claim_fields(w: Writer, pvc: Obj, *, full: bool, now: float = 0.0) -> None:
    """`printPersistentVolumeClaim`: a claim's fields; `full` for a claim object (name, namespace, status,
    finalizers), not for an ephemeral volume's claim template."""
    metadata, spec, status = meta(pvc), pvc.get("spec") or {}, pvc.get("status") or {}
    if full:
        name_and_namespace(w, pvc)
    w.write(0, f"StorageClass:\t{claim_class(pvc)}\n")
    if full:
        if metadata.get("deletionTimestamp"):
            w.write(0, f"Status:\tTerminating (lasts {since(metadata['deletionTimestamp'], now)})\n")
        else:
            w.write(0, f"Status:\t{status.get('phase', '')}\n")
    w.write(0, f"Volume:\t{spec.get('volumeName', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    if full:
        w.write(0, f"Finalizers:\t{go_list(metadata.get('finalizers'))}\n")
    capacity, modes = "", ""
    if spec.get("volumeName"):
        modes = _access_modes(status.get("accessModes"))
        capacity = str((status.get("capacity") or {}).get("storage", "0"))
    w.write(0, f"Capacity:\t{capacity}\n")
    w.write(0, f"Access Modes:\t{modes}\n")
    if spec.get("volumeMode") is not None:
        w.write(0, f"VolumeMode:\t{spec['volumeMode']}\n")
    if spec.get("dataSource") is not None:
        source = spec["dataSource"]
        w.write(0, "DataSource:\n")
        if source.get("apiGroup") is not None:
            w.write(1, f"APIGroup:\t{source['apiGroup']}\n")
        w.write(1, f"Kind:\t{source.get('kind', '')}\n")
        w.write(1, f"Name:\t{source.get('name', '')}\n")


def _pods_using(pvc: Obj, pods: list[Obj]) -> list[Obj]:
    """`getPodsForPVC`: pods mounting the claim, then owner pods not already listed."""
    name = meta(pvc).get("name")
    using = [pod for pod in pods for volume in (pod.get("spec") or {}).get("volumes") or ()
             if (volume.get("persistentVolumeClaim") or {}).get("claimName") == name]
    for ref in meta(pvc).get("ownerReferences") or ():
        owner = next((pod for pod in pods if ref.get("kind") == "Pod" and meta(pod).get("uid") == ref.get("uid")),
                     None)
        if owner is not None and all(meta(p).get("uid") != meta(owner).get("uid") for p in using):
            using.append(owner)
    return using
