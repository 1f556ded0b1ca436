"""PersistentVolumeClaimResize: a claim may only grow when it is bound and its StorageClass (unchanged) has
`allowVolumeExpansion: true`."""

from __future__ import annotations

from .attributes import UPDATE, AdmissionAttributes, Reader, read
from .default_storage_class import storage_class_of
from .quantities import resource_list

NAME = "PersistentVolumeClaimResize"


def validate(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation != UPDATE or not attrs.is_core("persistentvolumeclaims") or attrs.subresource:
        return
    new, old = attrs.obj or {}, attrs.old_obj or {}
    sizes = [resource_list(((claim.get("spec") or {}).get("resources") or {}).get("requests")).get("storage")
             for claim in (new, old)]
    if sizes[0] is None or (sizes[1] is not None and not sizes[0] > sizes[1]):
        return
    if (old.get("status") or {}).get("phase") != "Bound":
        raise attrs.forbidden("Only bound persistent volume claims can be expanded")
    storage_class = storage_class_of(new)
    stored = read(reader, "storageclasses", "", storage_class, "storage.k8s.io") if storage_class else None
    if storage_class != storage_class_of(old) or stored is None or stored.get("allowVolumeExpansion") is not True:
        raise attrs.forbidden("only dynamically provisioned pvc can be resized and the storageclass that provisions "
                              "the pvc must support resize")
