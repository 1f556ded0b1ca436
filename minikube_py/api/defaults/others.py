"""Defaults of the smaller kinds: namespaces, PVs and PVCs, secrets, limit ranges, network policies and ingress,
RBAC bindings, HPAs, storage and priority classes (Kubernetes 1.32's SetDefaults_* and PrepareForCreate)."""

from __future__ import annotations

import base64
from typing import Any

Obj = dict[str, Any]
_RBAC_GROUP = "rbac.authorization.k8s.io"


def default_namespace(obj: Obj) -> None:
    name = (obj.get("metadata") or {}).get("name")
    if name:
        obj["metadata"].setdefault("labels", {})["kubernetes.io/metadata.name"] = name


def prepare_namespace_for_create(obj: Obj) -> None:
    spec = obj.setdefault("spec", {})
    if isinstance(spec, dict) and "kubernetes" not in (spec.get("finalizers") or []):
        spec["finalizers"] = list(spec.get("finalizers") or []) + ["kubernetes"]
    obj["status"] = {"phase": "Active"}


def default_persistent_volume_claim(obj: Obj) -> None:
    spec = obj.setdefault("spec", {})
    if isinstance(spec, dict):
        spec.setdefault("volumeMode", "Filesystem")


def prepare_claim_for_create(obj: Obj) -> None:
    obj["status"] = {"phase": "Pending"}


def default_persistent_volume(obj: Obj) -> None:
    spec = obj.setdefault("spec", {})
    if isinstance(spec, dict):
        spec.setdefault("persistentVolumeReclaimPolicy", "Retain")
        spec.setdefault("volumeMode", "Filesystem")


def prepare_volume_for_create(obj: Obj) -> None:
    obj["status"] = {"phase": "Pending"}


def default_node(obj: Obj) -> None:
    """A node's allocatable resources default to its capacity."""
    status = obj.get("status")
    if isinstance(status, dict) and status.get("capacity") and not status.get("allocatable"):
        status["allocatable"] = dict(status["capacity"])


def default_secret(obj: Obj) -> None:
    """Type Opaque; `stringData` merged into `data` (base64, overriding) and dropped, as the conversion does."""
    if not obj.get("type"):
        obj["type"] = "Opaque"
    string_data = obj.pop("stringData", None)
    if isinstance(string_data, dict) and string_data:
        data = obj.get("data") if isinstance(obj.get("data"), dict) else {}
        for key, value in string_data.items():
            data[key] = base64.b64encode(str(value).encode()).decode()
        obj["data"] = data


def default_limit_range(obj: Obj) -> None:
    """Container limits: `default` from `max`, `defaultRequest` from `default` then `min`."""
    for item in (obj.get("spec") or {}).get("limits") or ():
        if item.get("type") != "Container":
            continue
        default = item.get("default") or {}
        for name, value in (item.get("max") or {}).items():
            default.setdefault(name, value)
        request = item.get("defaultRequest") or {}
        for source in (default, item.get("min") or {}):
            for name, value in source.items():
                request.setdefault(name, value)
        if default:
            item["default"] = default
        if request:
            item["defaultRequest"] = request


def default_network_policy(obj: Obj) -> None:
    spec = obj.setdefault("spec", {})
    if not isinstance(spec, dict):
        return
    if not spec.get("policyTypes"):
        spec["policyTypes"] = ["Ingress"] + (["Egress"] if spec.get("egress") else [])
    for rule in list(spec.get("ingress") or ()) + list(spec.get("egress") or ()):
        for port in rule.get("ports") or ():
            port.setdefault("protocol", "TCP")


def default_binding(obj: Obj) -> None:
    """RoleBinding / ClusterRoleBinding: roleRef and User/Group subjects in the RBAC group."""
    role_ref = obj.get("roleRef")
    if isinstance(role_ref, dict):
        role_ref.setdefault("apiGroup", _RBAC_GROUP)
    for subject in obj.get("subjects") or ():
        if not subject.get("apiGroup") and subject.get("kind") in ("User", "Group"):
            subject["apiGroup"] = _RBAC_GROUP


def default_hpa_v2(obj: Obj) -> None:
    spec = obj.setdefault("spec", {})
    if not isinstance(spec, dict):
        return
    spec.setdefault("minReplicas", 1)
    if not spec.get("metrics"):
        spec["metrics"] = [{"type": "Resource", "resource": {"name": "cpu", "target": {
            "type": "Utilization", "averageUtilization": 80}}}]
    behavior = spec.get("behavior")
    if isinstance(behavior, dict):
        up = behavior.setdefault("scaleUp", {})
        up.setdefault("stabilizationWindowSeconds", 0)
        up.setdefault("selectPolicy", "Max")
        up.setdefault("policies", [{"type": "Pods", "value": 4, "periodSeconds": 15},
                                   {"type": "Percent", "value": 100, "periodSeconds": 15}])
        down = behavior.setdefault("scaleDown", {})
        down.setdefault("stabilizationWindowSeconds", 300)
        down.setdefault("selectPolicy", "Max")
        down.setdefault("policies", [{"type": "Percent", "value": 100, "periodSeconds": 15}])


def default_hpa_v1(obj: Obj) -> None:
    spec = obj.setdefault("spec", {})
    if isinstance(spec, dict):
        spec.setdefault("minReplicas", 1)


def default_storage_class(obj: Obj) -> None:
    obj.setdefault("reclaimPolicy", "Delete")
    obj.setdefault("volumeBindingMode", "Immediate")


def default_priority_class(obj: Obj) -> None:
    obj.setdefault("preemptionPolicy", "PreemptLowerPriority")


def default_custom_resource_definition(obj: Obj) -> None:
    spec = obj.setdefault("spec", {})
    if not isinstance(spec, dict):
        return
    crd_names = spec.get("names")
    if isinstance(crd_names, dict) and crd_names.get("kind"):
        crd_names.setdefault("singular", crd_names["kind"].lower())
        crd_names.setdefault("listKind", crd_names["kind"] + "List")
    spec.setdefault("conversion", {"strategy": "None"})


def prepare_custom_resource_definition_for_create(obj: Obj) -> None:
    versions = (obj.get("spec") or {}).get("versions") or []
    stored = [v.get("name") for v in versions if isinstance(v, dict) and v.get("storage")]
    obj["status"] = {"acceptedNames": {"kind": "", "plural": ""}, "conditions": [], "storedVersions": stored}
