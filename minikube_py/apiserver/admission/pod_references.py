"""The names of the Secrets and ConfigMaps a pod refers to (Kubernetes' `podutil.VisitPodSecretNames` and
`VisitPodConfigmapNames`), for the plugins that restrict what a pod may reference."""

from __future__ import annotations

from typing import Any, Iterator

Object = dict[str, Any]

CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")
# Volume sources that name a Secret through `secretRef`.
SECRET_REF_VOLUMES = ("cephfs", "cinder", "flexVolume", "rbd", "scaleIO", "iscsi", "storageos")


def containers(pod: Object) -> Iterator[Object]:
    spec = pod.get("spec") or {}
    for key in CONTAINER_LISTS:
        yield from spec.get(key) or []


def secret_names(pod: Object) -> Iterator[str]:
    spec = pod.get("spec") or {}
    yield from (ref.get("name", "") for ref in spec.get("imagePullSecrets") or [])
    yield from _container_refs(pod, "secretRef", "secretKeyRef")
    for volume in spec.get("volumes") or []:
        if "secret" in volume:
            yield volume["secret"].get("secretName", "")
        if "azureFile" in volume:
            yield volume["azureFile"].get("secretName", "")
        if "csi" in volume and volume["csi"].get("nodePublishSecretRef"):
            yield volume["csi"]["nodePublishSecretRef"].get("name", "")
        for key in SECRET_REF_VOLUMES:
            if volume.get(key, {}).get("secretRef"):
                yield volume[key]["secretRef"].get("name", "")
        yield from _projected(volume, "secret")


def configmap_names(pod: Object) -> Iterator[str]:
    yield from _container_refs(pod, "configMapRef", "configMapKeyRef")
    for volume in (pod.get("spec") or {}).get("volumes") or []:
        if "configMap" in volume:
            yield volume["configMap"].get("name", "")
        yield from _projected(volume, "configMap")


def _container_refs(pod: Object, env_from_key: str, value_from_key: str) -> Iterator[str]:
    for container in containers(pod):
        for source in container.get("envFrom") or []:
            if source.get(env_from_key):
                yield source[env_from_key].get("name", "")
        for env in container.get("env") or []:
            ref = (env.get("valueFrom") or {}).get(value_from_key)
            if ref:
                yield ref.get("name", "")


def _projected(volume: Object, kind: str) -> Iterator[str]:
    for source in (volume.get("projected") or {}).get("sources") or []:
        if source.get(kind):
            yield source[kind].get("name", "")
