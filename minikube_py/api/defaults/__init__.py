"""Defaulting of objects as the apiserver does it on create and update: Kubernetes 1.32's SetDefaults_* functions
(`apply_defaults`) and the registry strategies' PrepareForCreate / PrepareForUpdate (`prepare_for_create`,
`prepare_for_update`: status reset on create, status kept on update, generation, allocated values kept), and
for custom resources the `default`s of their CRD schema (`apply_custom_defaults`).

Objects are JSON-shaped dicts changed in place; a kind with no defaults is left as it is."""

from __future__ import annotations

import copy
from typing import Any, Callable

from ..registry import Resource
from . import others, pods, services, workloads
from .custom import apply_custom_defaults

Obj = dict[str, Any]

_DEFAULTS: dict[tuple[str, str], Callable[[Obj], None]] = {
    ("", "Pod"): pods.default_pod,
    ("", "PodTemplate"): workloads.default_pod_template,
    ("", "ReplicationController"): workloads.default_replication_controller,
    ("", "Service"): services.default_service,
    ("", "Endpoints"): services.default_endpoints,
    ("", "Namespace"): others.default_namespace,
    ("", "PersistentVolumeClaim"): others.default_persistent_volume_claim,
    ("", "PersistentVolume"): others.default_persistent_volume,
    ("", "Secret"): others.default_secret,
    ("", "Node"): others.default_node,
    ("", "LimitRange"): others.default_limit_range,
    ("apps", "Deployment"): workloads.default_deployment,
    ("apps", "ReplicaSet"): workloads.default_replica_set,
    ("apps", "StatefulSet"): workloads.default_stateful_set,
    ("apps", "DaemonSet"): workloads.default_daemon_set,
    ("batch", "Job"): workloads.default_job,
    ("batch", "CronJob"): workloads.default_cron_job,
    ("networking.k8s.io", "NetworkPolicy"): others.default_network_policy,
    ("rbac.authorization.k8s.io", "RoleBinding"): others.default_binding,
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): others.default_binding,
    ("storage.k8s.io", "StorageClass"): others.default_storage_class,
    ("scheduling.k8s.io", "PriorityClass"): others.default_priority_class,
    ("apiextensions.k8s.io", "CustomResourceDefinition"): others.default_custom_resource_definition,
}

_CREATE: dict[tuple[str, str], Callable[[Obj], None]] = {
    ("", "Pod"): pods.prepare_pod_for_create,
    ("", "Namespace"): others.prepare_namespace_for_create,
    ("", "PersistentVolumeClaim"): others.prepare_claim_for_create,
    ("", "PersistentVolume"): others.prepare_volume_for_create,
    ("apiextensions.k8s.io", "CustomResourceDefinition"): others.prepare_custom_resource_definition_for_create,
}

# Kinds whose status the strategies clear on create (to what Go writes back for an empty status: its fields
# without omitempty) and keep from the stored object on update.
_EMPTY_STATUS: dict[tuple[str, str], dict[str, Any]] = {
    ("", "ReplicationController"): {"replicas": 0}, ("", "Service"): {"loadBalancer": {}},
    ("", "ResourceQuota"): {}, ("apps", "Deployment"): {}, ("apps", "ReplicaSet"): {"replicas": 0},
    ("apps", "StatefulSet"): {"availableReplicas": 0, "replicas": 0},
    ("apps", "DaemonSet"): {"currentNumberScheduled": 0, "desiredNumberScheduled": 0, "numberMisscheduled": 0,
                            "numberReady": 0},
    ("batch", "Job"): {}, ("batch", "CronJob"): {}, ("networking.k8s.io", "Ingress"): {"loadBalancer": {}},
    ("policy", "PodDisruptionBudget"): {"currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0,
                                        "expectedPods": 0},
    ("autoscaling", "HorizontalPodAutoscaler"): {"desiredReplicas": 0},
}
# Kinds whose status only its own subresource changes: an update of the object keeps the stored status.
_STATUS_KEPT = set(_EMPTY_STATUS) | {("", "Node"), ("", "Namespace"), ("", "PersistentVolume"),
                                     ("", "PersistentVolumeClaim"), ("", "Pod"),
                                     ("apiextensions.k8s.io", "CustomResourceDefinition")}
# Kinds whose metadata.generation starts at 1 and grows with each change of spec.
_GENERATION_KINDS = {("", "ReplicationController"), ("apps", "Deployment"), ("apps", "ReplicaSet"),
                     ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("batch", "Job"), ("batch", "CronJob"),
                     ("networking.k8s.io", "Ingress"), ("networking.k8s.io", "NetworkPolicy"),
                     ("policy", "PodDisruptionBudget"), ("apiextensions.k8s.io", "CustomResourceDefinition")}


def _key(resource: Resource) -> tuple[str, str]:
    return (resource.group, resource.kind)


def apply_defaults(resource: Resource, obj: Obj) -> None:
    """Fill in the defaults Kubernetes 1.32 sets when it decodes `obj` (a `resource` object), in place.

    A body with values of the wrong JSON type is left partly defaulted: validation refuses it anyway (the 400 of
    the decoder Kubernetes runs before defaulting)."""
    if resource.group == "autoscaling" and resource.kind == "HorizontalPodAutoscaler":
        default = others.default_hpa_v2 if resource.version == "v2" else others.default_hpa_v1
    else:
        default = _DEFAULTS.get(_key(resource))
    if default is not None and isinstance(obj, dict):
        try:
            default(obj)
        except (AttributeError, TypeError):
            pass


def prepare_for_create(resource: Resource, obj: Obj) -> None:
    """What the registry strategy's PrepareForCreate does: status reset, generation 1, kind-specific fields."""
    key = _key(resource)
    if key in _EMPTY_STATUS:
        obj["status"] = copy.deepcopy(_EMPTY_STATUS[key])
    if key in _GENERATION_KINDS:
        obj.setdefault("metadata", {})["generation"] = 1
    prepare = _CREATE.get(key)
    if prepare is not None:
        prepare(obj)


def prepare_for_update(resource: Resource, new: Obj, old: Obj) -> None:
    """rest.BeforeUpdate and the strategy's PrepareForUpdate: the uid (when left out), creationTimestamp and
    generation of the stored object kept, generation bumped when spec changed, the stored status kept, and the
    allocated service IPs and node ports kept when the update leaves them out."""
    key = _key(resource)
    new_meta, old_meta = new.setdefault("metadata", {}), old.get("metadata") or {}
    if not new_meta.get("uid") and old_meta.get("uid"):
        new_meta["uid"] = old_meta["uid"]
    for field_name in ("creationTimestamp", "generation"):
        if old_meta.get(field_name) is not None:
            new_meta[field_name] = old_meta[field_name]
        else:
            new_meta.pop(field_name, None)
    if key in _STATUS_KEPT:
        if "status" in old:
            new["status"] = old["status"]
        else:
            new.pop("status", None)
    if key == ("", "Service"):
        services.prepare_service_for_update(new, old)
    if key == ("", "Namespace") and isinstance(new.get("spec"), dict):
        new["spec"]["finalizers"] = list((old.get("spec") or {}).get("finalizers") or [])
    if key in _GENERATION_KINDS:
        generation = (old.get("metadata") or {}).get("generation") or 1
        changed = new.get("spec") != old.get("spec")
        if key == ("apps", "Deployment"):  # annotations are copied to the replica sets: they bump it too
            changed = changed or (new.get("metadata") or {}).get("annotations") != (old.get("metadata") or {}).get(
                "annotations")
        new_meta["generation"] = generation + 1 if changed else generation
