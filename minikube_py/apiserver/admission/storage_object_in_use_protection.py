"""StorageObjectInUseProtection: new PersistentVolumes and PersistentVolumeClaims carry the protection
finalizer, so that one in use by a pod (or bound claim) is not removed until it is released."""

from __future__ import annotations

from .attributes import CREATE, AdmissionAttributes, Reader

NAME = "StorageObjectInUseProtection"
FINALIZERS = {"persistentvolumes": "kubernetes.io/pv-protection",
              "persistentvolumeclaims": "kubernetes.io/pvc-protection"}


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation != CREATE or attrs.resource.group or attrs.subresource or attrs.obj is None:
        return
    finalizer = FINALIZERS.get(attrs.resource.plural)
    if finalizer is None:
        return
    metadata = attrs.obj.setdefault("metadata", {})
    if finalizer not in (metadata.get("finalizers") or []):
        metadata["finalizers"] = [*(metadata.get("finalizers") or []), finalizer]
