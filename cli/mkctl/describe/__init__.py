"""`kubectl describe`'s text as pure functions: (object, related objects, events) -> the text kubectl 1.32
prints. No I/O here: `requests(kind, obj)` says which lists the describer of a kind needs (its events, a
deployment's ReplicaSets, a namespace's quotas and limit ranges, a service's EndpointSlices, ...); the
`describe` command fetches them and passes them to `describe(kind, obj, events=..., related=...)`.

A kind is `(group, Kind)`: `("", "Pod")`, `("apps", "Deployment")`. Kinds without a describer of their own
(custom resources, events, leases, ...) get kubectl's generic describer."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import certificates, cluster, core, generic, nodes, pods, rbac, services, storage, workloads
from .common import Obj, meta

Describer = Callable[[Obj, "list[Obj] | None", dict[str, list[Obj]], float], str]
Kind = tuple[str, str]
MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror"

__all__ = ["ListRequest", "describe", "describer_for", "kind_of", "requests", "shows_events"]


@dataclass(frozen=True)
class ListRequest:
    """A list the describer needs: GET `path` with these selectors; the items go to `related[key]` (several
    requests with one key are concatenated; `key == "events"` ones are the `events` argument).

    Where kubectl does without a list, leave it out of `related`: quotas or limit ranges answering NotFound
    (their sections are omitted), a node's pods answering Forbidden (`Pods: not authorized`), events,
    ReplicaSets or EndpointSlices failing in any way. Other failures fail the describe, as in kubectl."""

    key: str
    path: str
    label_selector: str = ""
    field_selector: str = ""


# kind -> (describer, shows events, the related lists by key)
_DESCRIBERS: dict[Kind, tuple[Describer, bool, tuple[str, ...]]] = {
    ("", "Pod"): (pods.describe_pod, True, ()),
    ("", "Namespace"): (core.describe_namespace, False, ("resourcequotas", "limitranges")),
    ("", "ConfigMap"): (core.describe_config_map, True, ()),
    ("", "Secret"): (core.describe_secret, False, ()),
    ("", "ServiceAccount"): (core.describe_service_account, True, ("secrets",)),
    ("", "Node"): (nodes.describe_node, True, ("pods", "leases")),
    ("", "ResourceQuota"): (core.describe_resource_quota, False, ()),
    ("", "LimitRange"): (core.describe_limit_range, False, ()),
    ("", "PersistentVolume"): (storage.describe_persistent_volume, True, ()),
    ("", "PersistentVolumeClaim"): (storage.describe_persistent_volume_claim, True, ("pods",)),
    ("", "Service"): (services.describe_service, True, ("endpointslices",)),
    ("", "Endpoints"): (services.describe_endpoints, True, ()),
    ("", "ReplicationController"): (workloads.describe_replication_controller, True, ("pods",)),
    ("discovery.k8s.io", "EndpointSlice"): (services.describe_endpoint_slice, True, ()),
    ("networking.k8s.io", "Ingress"): (services.describe_ingress, True, ("services", "endpointslices")),
    ("apps", "Deployment"): (workloads.describe_deployment, True, ("replicasets",)),
    ("apps", "ReplicaSet"): (workloads.describe_replica_set, True, ("pods",)),
    ("apps", "StatefulSet"): (workloads.describe_stateful_set, True, ("pods",)),
    ("apps", "DaemonSet"): (workloads.describe_daemon_set, True, ("pods",)),
    ("batch", "Job"): (workloads.describe_job, True, ()),
    ("batch", "CronJob"): (workloads.describe_cron_job, True, ()),
    ("certificates.k8s.io", "CertificateSigningRequest"): (certificates.describe_certificate_signing_request, True, ()),
    ("networking.k8s.io", "IngressClass"): (cluster.describe_ingress_class, True, ()),
    ("networking.k8s.io", "NetworkPolicy"): (cluster.describe_network_policy, False, ()),
    ("scheduling.k8s.io", "PriorityClass"): (cluster.describe_priority_class, True, ()),
    ("storage.k8s.io", "StorageClass"): (cluster.describe_storage_class, True, ()),
    ("storage.k8s.io", "CSINode"): (cluster.describe_csi_node, True, ()),
    ("storage.k8s.io", "VolumeAttributesClass"): (cluster.describe_volume_attributes_class, True, ()),
    ("networking.k8s.io", "ServiceCIDR"): (cluster.describe_service_cidr, True, ()),
    ("networking.k8s.io", "IPAddress"): (cluster.describe_ip_address, True, ()),
    ("policy", "PodDisruptionBudget"): (cluster.describe_pod_disruption_budget, True, ()),
    ("autoscaling", "HorizontalPodAutoscaler"): (cluster.describe_horizontal_pod_autoscaler, True, ()),
    ("rbac.authorization.k8s.io", "Role"): (rbac.describe_role, False, ()),
    ("rbac.authorization.k8s.io", "ClusterRole"): (rbac.describe_role, False, ()),
    ("rbac.authorization.k8s.io", "RoleBinding"): (rbac.describe_binding, False, ()),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): (rbac.describe_binding, False, ()),
}
_GENERIC: tuple[Describer, bool, tuple[str, ...]] = (generic.describe_generic, True, ())


def kind_of(obj: Obj) -> Kind:
    """The (group, Kind) of an object from its `apiVersion` and `kind`: `("apps", "Deployment")`."""
    api_version = str(obj.get("apiVersion") or "")
    return (api_version.rpartition("/")[0], str(obj.get("kind") or ""))


def describer_for(kind: Kind) -> Describer:
    return _DESCRIBERS.get(kind, _GENERIC)[0]


def shows_events(kind: Kind) -> bool:
    """Whether kubectl's describer of this kind ends with an Events section."""
    return _DESCRIBERS.get(kind, _GENERIC)[1]


def describe(kind: Kind, obj: Obj, *, events: Sequence[Obj] | None = (),
             related: dict[str, list[Obj]] | None = None, now: float | None = None) -> str:
    """The text of `kubectl describe` for `obj`: `events` are the events about it (None: as
    `--show-events=false`), `related` the lists `requests` asked for, `now` the time ages are counted to."""
    wanted = list(events) if events is not None and shows_events(kind) else None
    return describer_for(kind)(obj, wanted, dict(related or {}), time.time() if now is None else now)


def requests(kind: Kind, obj: Obj, *, show_events: bool = True) -> list[ListRequest]:
    """The lists to fetch before calling `describe` for this object, as kubectl's describer fetches them."""
    metadata = meta(obj)
    namespace, name = metadata.get("namespace", ""), metadata.get("name", "")
    wanted = [_related(key, kind, obj) for key in _DESCRIBERS.get(kind, _GENERIC)[2]]
    if show_events and shows_events(kind):
        wanted += _event_requests(kind, obj, namespace, name)
    return wanted


def _related(key: str, kind: Kind, obj: Obj) -> ListRequest:
    from minikube_py.api.printers.columns import format_labels, selector_string

    metadata, spec = meta(obj), obj.get("spec") or {}
    namespace, name = metadata.get("namespace", ""), metadata.get("name", "")
    if kind == ("", "Namespace"):
        return ListRequest(key, f"/api/v1/namespaces/{name}/{key}")
    if kind == ("", "Node"):
        if key == "leases":
            return ListRequest(key, "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                               field_selector=f"metadata.name={name}")
        return ListRequest(key, "/api/v1/pods",
                           field_selector=f"spec.nodeName={name},status.phase!=Succeeded,status.phase!=Failed")
    if key == "endpointslices":
        selector = f"{services.SERVICE_NAME_LABEL}={name}" if kind == ("", "Service") else ""
        return ListRequest(key, f"/apis/discovery.k8s.io/v1/namespaces/{namespace}/endpointslices", selector)
    if key == "replicasets":
        return ListRequest(key, f"/apis/apps/v1/namespaces/{namespace}/replicasets",
                           selector_string(spec.get("selector")))
    if key == "pods" and kind == ("", "ReplicationController"):
        selector = spec.get("selector")
        return ListRequest(key, f"/api/v1/namespaces/{namespace}/pods", format_labels(selector) if selector else "")
    if key == "pods" and kind != ("", "PersistentVolumeClaim"):
        return ListRequest(key, f"/api/v1/namespaces/{namespace}/pods", selector_string(spec.get("selector")))
    return ListRequest(key, f"/api/v1/namespaces/{namespace}/{key}")


def _event_requests(kind: Kind, obj: Obj, namespace: str, name: str) -> list[ListRequest]:
    """`searchEvents`: events whose involvedObject is this object (a pod's without its kind; a node's under its
    uid and under its name, as kubelet reports them)."""
    uid = meta(obj).get("uid", "")
    if kind == ("", "Pod"):
        uid = (meta(obj).get("annotations") or {}).get(MIRROR_POD_ANNOTATION, uid)
    path = f"/api/v1/namespaces/{namespace}/events" if namespace else "/api/v1/events"
    kind_term = "" if kind == ("", "Pod") else f",involvedObject.kind={obj.get('kind') or kind[1]}"
    base = f"involvedObject.name={name},involvedObject.namespace={namespace}{kind_term}"
    uids = [uid, name] if kind == ("", "Node") else [uid]
    return [ListRequest("events", path, field_selector=f"{base},involvedObject.uid={value}") for value in uids]
