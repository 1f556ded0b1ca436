"""NamespaceLifecycle: no content in a namespace that does not exist or is being terminated, and the
system namespaces (default, kube-system, kube-public) may not be deleted."""

from __future__ import annotations

from minikube_py.api import errors

from .attributes import CREATE, DELETE, UPDATE, AdmissionAttributes, Reader, read

NAME = "NamespaceLifecycle"
IMMORTAL = frozenset({"default", "kube-system", "kube-public"})
# Creating these must not tell whether a namespace exists (it would leak the names of namespaces).
ACCESS_REVIEWS = frozenset({("authorization.k8s.io", "localsubjectaccessreviews")})


def admit(attrs: AdmissionAttributes, reader: Reader) -> None:
    if attrs.operation not in (CREATE, UPDATE, DELETE):
        return
    is_namespace = attrs.is_core("namespaces")
    if is_namespace:
        if attrs.operation == DELETE and attrs.name in IMMORTAL:
            raise attrs.forbidden("this namespace may not be deleted")
        return
    if not attrs.namespace or attrs.operation == DELETE:
        return
    if (attrs.resource.group, attrs.resource.plural) in ACCESS_REVIEWS:
        return
    namespace = read(reader, "namespaces", "", attrs.namespace)
    if namespace is None:
        raise errors.not_found("namespaces", attrs.namespace)
    if attrs.operation == CREATE and (namespace.get("status") or {}).get("phase") == "Terminating":
        error = attrs.forbidden(f"unable to create new content in namespace {attrs.namespace} "
                                "because it is being terminated")
        assert error.details is not None
        error.details["causes"] = [{"reason": "NamespaceTerminating", "field": "metadata.namespace",
                                    "message": f"namespace {attrs.namespace} is being terminated"}]
        raise error
