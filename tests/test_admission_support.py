"""What the admission tests share: a dict-backed stand-in for the apiserver's cache and a request builder."""

from __future__ import annotations

from dataclasses import dataclass

from fake_cache import FakeReader

from minikube_py.apiserver.admission import AdmissionAttributes

Object = dict


@dataclass(frozen=True)
class User:
    name: str
    groups: tuple[str, ...] = ()


ADMIN = User("kubernetes-admin", ("kubeadm:cluster-admins", "system:authenticated"))


def node_user(node: str) -> User:
    return User(f"system:node:{node}", ("system:nodes", "system:authenticated"))


def namespace(name: str, phase: str = "Active") -> Object:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}, "status": {"phase": phase}}


def service_account(name: str = "default", ns: str = "default", **fields) -> Object:
    return {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": ns}, **fields}


def pod(name: str = "nginx", ns: str = "default", containers: list[Object] | None = None, **spec) -> Object:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": ns},
            "spec": {"containers": containers if containers is not None else [{"name": name, "image": "nginx"}],
                     **spec}}


def request(operation: str, plural: str, obj: Object | None = None, *, old: Object | None = None,
            ns: str = "default", name: str | None = None, subresource: str = "", user: User = ADMIN,
            group: str = "", reader: FakeReader | None = None) -> AdmissionAttributes:
    """Attributes of a request, the resource looked up in the built-in registry."""
    resource = next(r for r in (reader or FakeReader()).registry.resources if r.group == group and r.plural == plural)
    if name is None:
        name = ((obj or old or {}).get("metadata") or {}).get("name", "")
    return AdmissionAttributes(operation, resource, subresource, ns if resource.namespaced else "", name, obj, old,
                               user)
