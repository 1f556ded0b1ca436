"""DefaultIngressClass: an Ingress that names no class (neither `spec.ingressClassName` nor the
`kubernetes.io/ingress.class` annotation) gets the cluster's default IngressClass."""

from __future__ import annotations

from .attributes import CREATE, AdmissionAttributes, Reader, read_all
from .default_class import newest_default

NAME = "DefaultIngressClass"
DEFAULT_ANNOTATION = "ingressclass.kubernetes.io/is-default-class"
CLASS_ANNOTATION = "kubernetes.io/ingress.class"


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation != CREATE or attrs.subresource:
        return
    if (attrs.resource.group, attrs.resource.plural) != ("networking.k8s.io", "ingresses"):
        return
    ingress = attrs.obj or {}
    spec = ingress.setdefault("spec", {})
    if "ingressClassName" in spec or CLASS_ANNOTATION in ((ingress.get("metadata") or {}).get("annotations") or {}):
        return
    default = newest_default(read_all(reader, "ingressclasses", None, "networking.k8s.io"), (DEFAULT_ANNOTATION,))
    if default is not None:
        spec["ingressClassName"] = default["metadata"]["name"]
