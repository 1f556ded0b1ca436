"""DefaultStorageClass: a PersistentVolumeClaim that names no storage class gets the cluster's default one.
Also the storage class a claim names, as the other plugins read it."""

from __future__ import annotations

from .attributes import CREATE, AdmissionAttributes, Object, Reader, read_all
from .default_class import newest_default

NAME = "DefaultStorageClass"
DEFAULT_ANNOTATIONS = ("storageclass.kubernetes.io/is-default-class",
                       "storageclass.beta.kubernetes.io/is-default-class")
BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class"


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation != CREATE or not attrs.is_core("persistentvolumeclaims") or attrs.subresource:
        return
    claim = attrs.obj or {}
    spec = claim.setdefault("spec", {})
    # An explicit storageClassName, even "" (no class at all), or the beta annotation is the user's choice.
    if "storageClassName" in spec or BETA_CLASS_ANNOTATION in ((claim.get("metadata") or {}).get("annotations") or {}):
        return
    default = newest_default(read_all(reader, "storageclasses", None, "storage.k8s.io"), DEFAULT_ANNOTATIONS)
    if default is not None:
        spec["storageClassName"] = default["metadata"]["name"]


def storage_class_of(claim: Object) -> str:
    """The claim's storage class: the beta annotation's, else spec.storageClassName ("" for none)."""
    annotations = (claim.get("metadata") or {}).get("annotations") or {}
    if BETA_CLASS_ANNOTATION in annotations:
        return annotations[BETA_CLASS_ANNOTATION]
    return (claim.get("spec") or {}).get("storageClassName") or ""
