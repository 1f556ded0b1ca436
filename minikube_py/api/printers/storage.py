"""Storage: persistent volumes and claims, storage and volume attributes classes, volume attachments, CSI
drivers and CSI nodes. (CSIStorageCapacity's store uses the default table: Name, Created At.)"""

from __future__ import annotations

from typing import Any

from .columns import AGE, NAME, Column, Doc, Printer, age, annotations, name, quantity, spec, status

_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class"
_DEFAULT_CLASS_ANNOTATIONS = ("storageclass.kubernetes.io/is-default-class",
                              "storageclass.beta.kubernetes.io/is-default-class")
_DEFAULT_ATTRIBUTES_CLASS_ANNOTATION = "volumeattributesclass.alpha.kubernetes.io/is-default-class"
_ACCESS_MODES = (("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"),
                 ("ReadWriteOncePod", "RWOP"))


def _access_modes(modes: list[str] | None) -> str:
    """`GetAccessModesAsString`: `RWO,ROX,RWX,RWOP` in that order, each once."""
    present = set(modes or [])
    return ",".join(short for mode, short in _ACCESS_MODES if mode in present)


def _storage_class(obj: dict[str, Any]) -> str:
    """The beta annotation first, then `spec.storageClassName`."""
    shown = annotations(obj).get(_CLASS_ANNOTATION)
    return shown if shown is not None else spec(obj).get("storageClassName") or ""


def _phase(obj: dict[str, Any]) -> str:
    return "Terminating" if obj.get("metadata", {}).get("deletionTimestamp") else status(obj).get("phase", "")


def _unset(value: str | None) -> str:
    return "<unset>" if value is None else value


def _persistent_volume_row(obj: dict[str, Any], now: float) -> list[Any]:
    volume = spec(obj)
    claim = volume.get("claimRef")
    claimed = f"{claim.get('namespace', '')}/{claim.get('name', '')}" if claim is not None else ""
    capacity = quantity((volume.get("capacity") or {}).get("storage"))
    return [name(obj), capacity, _access_modes(volume.get("accessModes")),
            volume.get("persistentVolumeReclaimPolicy", ""), _phase(obj), claimed, _storage_class(obj),
            _unset(volume.get("volumeAttributesClassName")), status(obj).get("reason", ""), age(obj, now),
            _unset(volume.get("volumeMode"))]


def _persistent_volume_claim_row(obj: dict[str, Any], now: float) -> list[Any]:
    claim = spec(obj)
    capacity = modes = ""
    if claim.get("volumeName"):
        modes = _access_modes(status(obj).get("accessModes"))
        capacity = quantity((status(obj).get("capacity") or {}).get("storage"))
    return [name(obj), _phase(obj), claim.get("volumeName", ""), capacity, modes, _storage_class(obj),
            _unset(claim.get("volumeAttributesClassName")), age(obj, now), _unset(claim.get("volumeMode"))]


def _storage_class_row(obj: dict[str, Any], now: float) -> list[Any]:
    default = any(annotations(obj).get(key) == "true" for key in _DEFAULT_CLASS_ANNOTATIONS)
    return [name(obj) + (" (default)" if default else ""), obj.get("provisioner", ""),
            obj.get("reclaimPolicy") or "Delete", obj.get("volumeBindingMode") or "Immediate",
            bool(obj.get("allowVolumeExpansion")), age(obj, now)]


def _volume_attributes_class_row(obj: dict[str, Any], now: float) -> list[Any]:
    default = annotations(obj).get(_DEFAULT_ATTRIBUTES_CLASS_ANNOTATION) == "true"
    return [name(obj) + (" (default)" if default else ""), obj.get("driverName", ""), age(obj, now)]


def _volume_attachment_row(obj: dict[str, Any], now: float) -> list[Any]:
    attachment = spec(obj)
    volume = (attachment.get("source") or {}).get("persistentVolumeName") or ""
    return [name(obj), attachment.get("attacher", ""), volume,
            attachment.get("nodeName", ""), bool(status(obj).get("attached")), age(obj, now)]


def _csi_driver_row(obj: dict[str, Any], now: float) -> list[Any]:
    driver = spec(obj)
    requests = driver.get("tokenRequests")
    audiences = "<unset>" if requests is None else ",".join(r.get("audience", "") for r in requests)
    attach = driver.get("attachRequired")
    return [name(obj), True if attach is None else attach, bool(driver.get("podInfoOnMount")),
            bool(driver.get("storageCapacity")), audiences, bool(driver.get("requiresRepublish")),
            ",".join(driver.get("volumeLifecycleModes") or []) or "<none>", age(obj, now)]


def _doc(field: str) -> Doc:
    return Doc("storage.v1.CSIDriverSpec", field)


PRINTERS = {
    ("", "PersistentVolume"): Printer((
        NAME,
        Column("Capacity", "string", Doc("core.v1.PersistentVolumeSpec", "capacity")),
        Column("Access Modes", "string", Doc("core.v1.PersistentVolumeSpec", "accessModes")),
        Column("Reclaim Policy", "string", Doc("core.v1.PersistentVolumeSpec", "persistentVolumeReclaimPolicy")),
        Column("Status", "string", Doc("core.v1.PersistentVolumeStatus", "phase")),
        Column("Claim", "string", Doc("core.v1.PersistentVolumeSpec", "claimRef")),
        Column("StorageClass", "string", "StorageClass of the pv"),
        Column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
        Column("Reason", "string", Doc("core.v1.PersistentVolumeStatus", "reason")),
        AGE,
        Column("VolumeMode", "string", Doc("core.v1.PersistentVolumeSpec", "volumeMode"), priority=1),
    ), _persistent_volume_row),
    ("", "PersistentVolumeClaim"): Printer((
        NAME,
        Column("Status", "string", Doc("core.v1.PersistentVolumeClaimStatus", "phase")),
        Column("Volume", "string", Doc("core.v1.PersistentVolumeClaimSpec", "volumeName")),
        Column("Capacity", "string", Doc("core.v1.PersistentVolumeClaimStatus", "capacity")),
        Column("Access Modes", "string", Doc("core.v1.PersistentVolumeClaimStatus", "accessModes")),
        Column("StorageClass", "string", "StorageClass of the pvc"),
        Column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
        AGE,
        Column("VolumeMode", "string", Doc("core.v1.PersistentVolumeClaimSpec", "volumeMode"), priority=1),
    ), _persistent_volume_claim_row),
    ("storage.k8s.io", "StorageClass"): Printer((
        NAME,
        Column("Provisioner", "string", Doc("storage.v1.StorageClass", "provisioner")),
        Column("ReclaimPolicy", "string", Doc("storage.v1.StorageClass", "reclaimPolicy")),
        Column("VolumeBindingMode", "string", Doc("storage.v1.StorageClass", "volumeBindingMode")),
        Column("AllowVolumeExpansion", "string", Doc("storage.v1.StorageClass", "allowVolumeExpansion")),
        AGE,
    ), _storage_class_row),
    ("storage.k8s.io", "VolumeAttributesClass"): Printer((
        NAME,
        Column("DriverName", "string", Doc("storage.v1beta1.VolumeAttributesClass", "driverName")),
        AGE,
    ), _volume_attributes_class_row),
    ("storage.k8s.io", "VolumeAttachment"): Printer((
        NAME,
        Column("Attacher", "string", Doc("storage.v1.VolumeAttachmentSpec", "attacher"), format="name"),
        Column("PV", "string", Doc("storage.v1.VolumeAttachmentSource", "persistentVolumeName")),
        Column("Node", "string", Doc("storage.v1.VolumeAttachmentSpec", "nodeName")),
        Column("Attached", "boolean", Doc("storage.v1.VolumeAttachmentStatus", "attached")),
        AGE,
    ), _volume_attachment_row),
    ("storage.k8s.io", "CSIDriver"): Printer((
        NAME,
        Column("AttachRequired", "boolean", _doc("attachRequired")),
        Column("PodInfoOnMount", "boolean", _doc("podInfoOnMount")),
        Column("StorageCapacity", "boolean", _doc("storageCapacity")),
        Column("TokenRequests", "string", _doc("tokenRequests")),
        Column("RequiresRepublish", "boolean", _doc("requiresRepublish")),
        Column("Modes", "string", _doc("volumeLifecycleModes")),
        AGE,
    ), _csi_driver_row),
    ("storage.k8s.io", "CSINode"): Printer((
        NAME,
        Column("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"),
        AGE,
    ), lambda obj, now: [name(obj), len(spec(obj).get("drivers") or []), age(obj, now)]),
}
