"""AlwaysPullImages: every container of a new pod, or of an update that brings a new image, pulls its image
(`imagePullPolicy: Always`), so that a pod can only use the images its credentials can pull."""

from __future__ import annotations

from . import pod_references
from .attributes import CREATE, UPDATE, AdmissionAttributes, Reader

NAME = "AlwaysPullImages"


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation not in (CREATE, UPDATE) or not attrs.is_core("pods") or attrs.obj is None:
        return
    if attrs.subresource not in ("", "ephemeralcontainers"):
        return
    containers = list(pod_references.containers(attrs.obj))
    if attrs.operation == UPDATE:
        old_images = {c.get("image") for c in pod_references.containers(attrs.old_obj or {})}
        if all(container.get("image") in old_images for container in containers):
            return
    for container in containers:
        container["imagePullPolicy"] = "Always"
