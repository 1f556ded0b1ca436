"""Validation of objects on create and update, as the apiserver runs it: the body decoded against the 1.32 schema
(`structural`: type errors and unknown fields, per fieldValidation), then the semantic rules of the kind
(`metadata`, `pods`, `services`, `workloads`, ...), whose problems are one 422 Invalid error listing every cause:
`Pod "web" is invalid: [spec.containers[0].image: Required value, ...]`.

Custom resources are validated against their CRD's openAPIV3Schema by `validate_custom` (module `custom`).
`load_json` parses a JSON body keeping note of its duplicate fields, which the validators report as Kubernetes'
strict decoder does."""

from __future__ import annotations

from typing import Any, Callable, Sequence

from .. import errors, names
from ..errors import Cause
from ..registry import Resource
from . import config, custom, metadata, networking, nodes, pods, policy, rbac, services, storage, workloads
from .duplicates import load_json
from .metadata import path_segment_name
from .structural import decode, strict_outcome

Obj = dict[str, Any]
NODE_PORT_RANGE = (30000, 32767)
_RBAC = "rbac.authorization.k8s.io"

_NAME_CHECKS: dict[tuple[str, str], metadata.NameCheck] = {
    ("", "Namespace"): names.name_is_dns_label,
    ("", "Service"): names.name_is_dns1035_label,
    (_RBAC, "Role"): path_segment_name,
    (_RBAC, "ClusterRole"): path_segment_name,
    (_RBAC, "RoleBinding"): path_segment_name,
    (_RBAC, "ClusterRoleBinding"): path_segment_name,
}

_CREATE: dict[tuple[str, str], Callable[[Obj], list[Cause]]] = {
    ("", "Pod"): pods.pod,
    ("", "PodTemplate"): workloads.pod_template_object,
    ("", "ReplicationController"): workloads.replication_controller,
    ("", "Endpoints"): services.endpoints,
    ("", "Node"): nodes.node,
    ("", "ConfigMap"): config.config_map,
    ("", "Secret"): config.secret,
    ("", "PersistentVolumeClaim"): storage.claim,
    ("", "PersistentVolume"): storage.volume,
    ("", "LimitRange"): policy.limit_range,
    ("", "ResourceQuota"): policy.resource_quota,
    ("apps", "Deployment"): workloads.deployment,
    ("apps", "ReplicaSet"): workloads.replica_set,
    ("apps", "StatefulSet"): workloads.stateful_set,
    ("apps", "DaemonSet"): workloads.daemon_set,
    ("batch", "Job"): workloads.job,
    ("batch", "CronJob"): workloads.cron_job,
    ("networking.k8s.io", "Ingress"): networking.ingress,
    ("networking.k8s.io", "IngressClass"): networking.ingress_class,
    ("networking.k8s.io", "NetworkPolicy"): networking.network_policy,
    (_RBAC, "Role"): lambda obj: rbac.role(obj, namespaced=True),
    (_RBAC, "ClusterRole"): lambda obj: rbac.role(obj, namespaced=False),
    (_RBAC, "RoleBinding"): lambda obj: rbac.binding(obj, namespaced=True),
    (_RBAC, "ClusterRoleBinding"): lambda obj: rbac.binding(obj, namespaced=False),
    ("policy", "PodDisruptionBudget"): policy.pod_disruption_budget,
    ("scheduling.k8s.io", "PriorityClass"): policy.priority_class,
    ("storage.k8s.io", "StorageClass"): storage.storage_class,
    ("autoscaling", "HorizontalPodAutoscaler"): policy.horizontal_pod_autoscaler,
    ("apiextensions.k8s.io", "CustomResourceDefinition"): custom.custom_resource_definition,
}

_UPDATE: dict[tuple[str, str], Callable[[Obj, Obj], list[Cause]]] = {
    ("", "Pod"): pods.pod_update,
    ("", "Service"): services.service_update,
    ("", "Node"): nodes.node_update,
    ("", "ConfigMap"): config.immutable_data_update,
    ("", "Secret"): config.secret_update,
    ("", "PersistentVolumeClaim"): storage.claim_update,
    (_RBAC, "RoleBinding"): rbac.binding_update,
    (_RBAC, "ClusterRoleBinding"): rbac.binding_update,
    ("scheduling.k8s.io", "PriorityClass"): policy.priority_class_update,
    ("storage.k8s.io", "StorageClass"): storage.storage_class_update,
    ("apiextensions.k8s.io", "CustomResourceDefinition"): custom.custom_resource_definition_update,
    **workloads.UPDATES,
}


def _semantic(resource: Resource, obj: Obj, node_port_range: tuple[int, int]) -> list[Cause]:
    key = (resource.group, resource.kind)
    meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    causes = metadata.object_meta(meta, resource.namespaced, _NAME_CHECKS.get(key, names.name_is_dns_subdomain))
    if key == ("", "Service"):
        return causes + services.service(obj, node_port_range)
    check = _CREATE.get(key)
    return causes + (check(obj) if check is not None else [])


# Where each kind keeps its pod spec, for the warnings of pods and templates.
_POD_SPECS: dict[tuple[str, str], tuple[str, ...]] = {
    ("", "Pod"): ("spec",), ("", "PodTemplate"): ("template", "spec"),
    ("", "ReplicationController"): ("spec", "template", "spec"),
    ("apps", "Deployment"): ("spec", "template", "spec"), ("apps", "ReplicaSet"): ("spec", "template", "spec"),
    ("apps", "StatefulSet"): ("spec", "template", "spec"), ("apps", "DaemonSet"): ("spec", "template", "spec"),
    ("batch", "Job"): ("spec", "template", "spec"),
    ("batch", "CronJob"): ("spec", "jobTemplate", "spec", "template", "spec"),
}


def _warnings(resource: Resource, obj: Obj) -> list[str]:
    keys = _POD_SPECS.get((resource.group, resource.kind))
    if keys is None:
        return []
    spec: Any = obj
    for key in keys:
        spec = spec.get(key) if isinstance(spec, dict) else None
    return pods.pod_spec_warnings(spec, ".".join(keys)) if isinstance(spec, dict) else []


def _raise(resource: Resource, obj: Obj, causes: list[Cause]) -> None:
    if causes:
        unique = list(dict.fromkeys(causes))
        name = (obj.get("metadata") or {}).get("name") or ""
        raise errors.invalid(resource.kind, name, unique, resource.group)


def _decode(resource: Resource, obj: Obj, field_validation: str, duplicate_fields: Sequence[str]) -> list[str]:
    if resource.schema_name is None:
        return strict_outcome(resource.kind, resource.version, (), duplicate_fields, field_validation)
    return decode(resource.schema_name, obj, resource.kind, resource.version, field_validation, duplicate_fields)


def validate_create(resource: Resource, obj: Obj, field_validation: str = "Strict",
                    node_port_range: tuple[int, int] = NODE_PORT_RANGE, decoded: bool = False,
                    duplicate_fields: Sequence[str] = ()) -> list[str]:
    """Decode-check, prune and validate a new built-in object (after defaulting); returns the warnings of
    fieldValidation=Warn. Raises StatusError: 400 for bodies Kubernetes cannot decode, 422 Invalid otherwise.
    `duplicate_fields`: the body's repeated keys (`duplicates.load_json`), reported as unknown fields are.
    `decoded`: the caller already ran the decode check (`structural.decode`) before defaulting."""
    warnings = [] if decoded else _decode(resource, obj, field_validation, duplicate_fields)
    _raise(resource, obj, _semantic(resource, obj, node_port_range))
    return warnings + _warnings(resource, obj)


def validate_update(resource: Resource, new: Obj, old: Obj, field_validation: str = "Strict",
                    node_port_range: tuple[int, int] = NODE_PORT_RANGE, decoded: bool = False,
                    duplicate_fields: Sequence[str] = ()) -> list[str]:
    """validate_create's checks on `new`, plus what may not change from `old` (metadata.name/namespace/uid, pod
    spec, selectors, job templates, cluster IPs, role refs, immutable data ...)."""
    warnings = [] if decoded else _decode(resource, new, field_validation, duplicate_fields)
    causes = metadata.object_meta_update(new.get("metadata") or {}, old.get("metadata") or {})
    causes += _semantic(resource, new, node_port_range)
    update = _UPDATE.get((resource.group, resource.kind))
    if update is not None:
        causes += update(new, old)
    _raise(resource, new, causes)
    return warnings + _warnings(resource, new)


def validate_custom(schema: dict[str, Any] | None, obj: Obj, kind: str, group: str = "", version: str = "v1",
                    field_validation: str = "Strict", namespaced: bool = True, old: Obj | None = None,
                    duplicate_fields: Sequence[str] = ()) -> list[str]:
    """A custom resource against its CRD version's openAPIV3Schema: unknown fields pruned (kept under
    x-kubernetes-preserve-unknown-fields), reported per fieldValidation, values checked; metadata as for built-ins.
    Raises StatusError like validate_create; returns the warnings."""
    warnings = custom.prune(schema, obj, kind, version, field_validation, duplicate_fields)
    causes = metadata.object_meta(obj.get("metadata") or {}, namespaced)
    if old is not None:
        causes = metadata.object_meta_update(obj.get("metadata") or {}, old.get("metadata") or {}) + causes
    causes += custom.schema_causes(schema, obj)
    if causes:
        name = (obj.get("metadata") or {}).get("name") or ""
        raise errors.invalid(kind, name, list(dict.fromkeys(causes)), group)
    return warnings
