"""RuntimeClass: a pod naming a RuntimeClass must name one that exists; it gets the class's pod overhead and
its scheduling constraints (nodeSelector merged, tolerations added)."""

from __future__ import annotations

from .attributes import CREATE, AdmissionAttributes, Object, Reader, read
from .quantities import resource_list

NAME = "RuntimeClass"


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    runtime_class = _runtime_class(attrs, reader)
    if runtime_class is None:
        return
    spec = (attrs.obj or {}).setdefault("spec", {})
    overhead = (runtime_class.get("overhead") or {}).get("podFixed")
    if overhead is not None:
        if spec.get("overhead") and resource_list(spec["overhead"]) != resource_list(overhead):
            raise attrs.forbidden("pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead")
        spec["overhead"] = dict(overhead)
    scheduling = runtime_class.get("scheduling") or {}
    selector = dict(spec.get("nodeSelector") or {})
    for key, value in (scheduling.get("nodeSelector") or {}).items():
        if key in selector and selector[key] != value:
            raise attrs.forbidden(f"conflict: runtimeClass.scheduling.nodeSelector[{key}] = {value}; "
                                  f"pod.spec.nodeSelector[{key}] = {selector[key]}")
        selector[key] = value
    if selector:
        spec["nodeSelector"] = selector
    tolerations = list(spec.get("tolerations") or [])
    tolerations += [t for t in scheduling.get("tolerations") or [] if t not in tolerations]
    if tolerations:
        spec["tolerations"] = tolerations


def validate(attrs: AdmissionAttributes, reader: Reader) -> None:
    """The pod's overhead is its RuntimeClass's, and there is none without a RuntimeClass that defines one."""
    if _pod(attrs) is None:
        return
    runtime_class = _runtime_class(attrs, reader)
    overhead = ((runtime_class or {}).get("overhead") or {}).get("podFixed")
    pod_overhead = ((attrs.obj or {}).get("spec") or {}).get("overhead")
    if overhead is not None and resource_list(pod_overhead) != resource_list(overhead):
        raise attrs.forbidden("pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead")
    if overhead is None and pod_overhead is not None:
        raise attrs.forbidden("pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead")


def _pod(attrs: AdmissionAttributes) -> Object | None:
    if attrs.operation != CREATE or not attrs.is_core("pods") or attrs.subresource:
        return None
    return attrs.obj


def _runtime_class(attrs: AdmissionAttributes, reader: Reader) -> Object | None:
    name = ((_pod(attrs) or {}).get("spec") or {}).get("runtimeClassName")
    if name is None:
        return None
    runtime_class = read(reader, "runtimeclasses", "", name, "node.k8s.io")
    if runtime_class is None:
        raise attrs.forbidden(f'pod rejected: RuntimeClass "{name}" not found')
    return runtime_class
