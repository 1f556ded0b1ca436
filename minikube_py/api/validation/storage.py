"""Validation of PersistentVolumeClaims, PersistentVolumes and StorageClasses."""

from __future__ import annotations

from typing import Any

from .. import names
from ..errors import Cause
from . import field
from .resources import resource_list

Obj = dict[str, Any]
_ACCESS_MODES = ("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod")
_PV_SOURCES = ("gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "quobyte",
               "iscsi", "cinder", "cephfs", "fc", "flocker", "flexVolume", "azureFile", "vsphereVolume",
               "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "local", "storageos", "csi")


def _access_modes(modes: list[str], path: str) -> list[Cause]:
    causes: list[Cause] = []
    if not modes:
        causes.append(field.required(path, "at least 1 access mode is required"))
    for mode in modes:
        if mode not in _ACCESS_MODES:
            causes.append(field.not_supported(path, mode, _ACCESS_MODES))
    if "ReadWriteOncePod" in modes and len(modes) > 1:
        causes.append(field.forbidden(path, "may not use ReadWriteOncePod with other access modes"))
    return causes


def claim_spec(spec: Obj, path: str) -> list[Cause]:
    causes = _access_modes(spec.get("accessModes") or [], f"{path}.accessModes")
    requests = (spec.get("resources") or {}).get("requests") or {}
    if "storage" not in requests and not spec.get("dataSource") and not spec.get("dataSourceRef"):
        causes.append(field.required(f"{path}.resources[storage]"))
    causes += resource_list(requests, f"{path}.resources.requests")
    if spec.get("volumeMode") is not None:
        causes += field.one_of(f"{path}.volumeMode", spec["volumeMode"], ("Block", "Filesystem"))
    class_name = spec.get("storageClassName")
    if class_name:
        causes += field.each_message(f"{path}.storageClassName", class_name, names.is_dns1123_subdomain(class_name))
    return causes


def claim(obj: Obj) -> list[Cause]:
    return claim_spec(obj.get("spec") or {}, "spec")


def claim_update(new: Obj, old: Obj) -> list[Cause]:
    new_spec, old_spec = dict(new.get("spec") or {}), dict(old.get("spec") or {})
    for spec in (new_spec, old_spec):
        spec.pop("volumeAttributesClassName", None)
        spec["resources"] = {k: v for k, v in (spec.get("resources") or {}).items() if k != "requests"}
        if not old_spec.get("volumeName"):
            spec.pop("volumeName", None)
    if new_spec != old_spec:
        return [field.forbidden("spec", "spec is immutable after creation except resources.requests and "
                                "volumeAttributesClassName for bound claims")]
    return []


def volume(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes = _access_modes(spec.get("accessModes") or [], "spec.accessModes")
    capacity = spec.get("capacity") or {}
    if not capacity:
        causes.append(field.required("spec.capacity"))
    elif "storage" not in capacity or len(capacity) > 1:
        causes.append(field.not_supported("spec.capacity", sorted(capacity), ("storage",)))
    causes += resource_list(capacity, "spec.capacity")
    sources = [key for key in _PV_SOURCES if spec.get(key) is not None]
    if not sources:
        causes.append(field.required("spec", "must specify a volume type"))
    causes += [field.forbidden(f"spec.{key}", "may not specify more than 1 volume type") for key in sources[1:]]
    if spec.get("persistentVolumeReclaimPolicy") is not None:
        causes += field.one_of("spec.persistentVolumeReclaimPolicy", spec["persistentVolumeReclaimPolicy"],
                               ("Delete", "Recycle", "Retain"))
    host_path = spec.get("hostPath")
    if isinstance(host_path, dict) and not host_path.get("path"):
        causes.append(field.required("spec.hostPath.path"))
    return causes


def storage_class(obj: Obj) -> list[Cause]:
    causes: list[Cause] = []
    provisioner = obj.get("provisioner") or ""
    if not provisioner:
        causes.append(field.required("provisioner"))
    else:
        causes += field.each_message("provisioner", provisioner, names.is_qualified_name(provisioner.lower()))
    if obj.get("reclaimPolicy") is not None:
        causes += field.one_of("reclaimPolicy", obj["reclaimPolicy"], ("Delete", "Retain"))
    if obj.get("volumeBindingMode") is not None:
        causes += field.one_of("volumeBindingMode", obj["volumeBindingMode"], ("Immediate", "WaitForFirstConsumer"))
    return causes


def storage_class_update(new: Obj, old: Obj) -> list[Cause]:
    causes: list[Cause] = []
    for key in ("parameters", "provisioner", "reclaimPolicy", "volumeBindingMode"):
        if new.get(key) != old.get(key):
            causes.append(field.forbidden(key, "updates to " + key + " are forbidden."))
    return causes
