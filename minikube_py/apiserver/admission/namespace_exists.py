"""NamespaceExists: content may only be created, changed or deleted in a namespace that exists (the part of
NamespaceLifecycle that does not look at the namespace's phase)."""

from __future__ import annotations

from minikube_py.api import errors

from .attributes import CREATE, DELETE, UPDATE, AdmissionAttributes, Reader, read

NAME = "NamespaceExists"


def validate(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation not in (CREATE, UPDATE, DELETE) or not attrs.namespace or attrs.is_core("namespaces"):
        return
    if read(reader, "namespaces", "", attrs.namespace) is None:
        raise errors.not_found("namespaces", attrs.namespace)
