"""`kubectl describe node`: roles, taints, lease, conditions, addresses, capacity, system info, then each
non-terminated pod's cpu and memory requests and limits as shares of the node's allocatable, and the totals."""

from __future__ import annotations

from typing import Any

from minikube_py.api.printers.columns import since

from .common import Obj, PrefixWriter, Writer, annotations, events, go_bool, labels, meta, rfc1123z, taints

NODE_ROLE_PREFIX = "node-role.kubernetes.io/"
NODE_ROLE_LABEL = "kubernetes.io/role"
STANDARD_RESOURCES = frozenset(("cpu", "memory", "ephemeral-storage", "storage", "pods"))


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
