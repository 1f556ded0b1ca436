"""What the auth tests share: a dict-backed stand-in for the apiserver's watch cache (get/list through the
registry, change events to its listeners as the cache publishes them), and builders of the RBAC objects a
user would apply. The tests at the bottom check the stand-in itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Callable

from minikube_py.api.registry import Registry, Resource, builtin_registry

Object = dict[str, Any]
RBAC = "rbac.authorization.k8s.io/v1"


@dataclass(frozen=True)
class Change:
    """The part of the watch cache's Event listeners look at."""

    type: str
    prefix: bytes
    obj: Object


class FakeReader:
    def __init__(self, objects: list[Object] = ()) -> None:
        self.registry: Registry = builtin_registry()
        self.listeners: list[Callable[[Change], None]] = []
        self._objects: dict[tuple[str, str, str, str], Object] = {}
        for obj in objects:
            self.add(obj)

    def _resource(self, obj: Object) -> Resource:
        resource = self.registry.for_api_version(obj["apiVersion"], obj["kind"])
        assert resource is not None, obj["kind"]
        return resource

    def _key(self, resource: Resource, namespace: str, name: str) -> tuple[str, str, str, str]:
        return resource.group, resource.plural, namespace if resource.namespaced else "", name

    def add(self, obj: Object) -> Object:
        """Create or replace `obj` (a uid is given when it has none)."""
        obj["metadata"].setdefault("uid", str(uuid.uuid4()))
        resource = self._resource(obj)
        self._objects[self._key(resource, obj["metadata"].get("namespace", ""), obj["metadata"]["name"])] = obj
        self._publish("ADDED", resource, obj)
        return obj

    def delete(self, obj: Object) -> None:
        resource = self._resource(obj)
        del self._objects[self._key(resource, obj["metadata"].get("namespace", ""), obj["metadata"]["name"])]
        self._publish("DELETED", resource, obj)

    def _publish(self, kind: str, resource: Resource, obj: Object) -> None:
        for listener in self.listeners:
            listener(Change(kind, f"/registry/{resource.plural}/".encode(), obj))

    def get(self, resource: Resource, namespace: str, name: str) -> Object | None:
        return self._objects.get(self._key(resource, namespace, name))

    def list(self, resource: Resource, namespace: str | None = None) -> list[Object]:
        return [obj for (group, plural, ns, _), obj in sorted(self._objects.items())
                if (group, plural) == (resource.group, resource.plural) and namespace in (None, ns)]


def role(name: str, namespace: str, *rules: Object) -> Object:
    return {"apiVersion": RBAC, "kind": "Role", "metadata": {"name": name, "namespace": namespace},
            "rules": list(rules)}


def cluster_role(name: str, *rules: Object, labels: dict[str, str] | None = None,
                 aggregate_to: str = "") -> Object:
    role: Object = {"apiVersion": RBAC, "kind": "ClusterRole", "metadata": {"name": name, "labels": labels or {}},
                    "rules": list(rules)}
    if aggregate_to:
        role["aggregationRule"] = {"clusterRoleSelectors": [{"matchLabels": {aggregate_to: "true"}}]}
    return role


def subject(kind: str, name: str, namespace: str = "") -> Object:
    if kind == "ServiceAccount":
        return {"kind": kind, "name": name, **({"namespace": namespace} if namespace else {})}
    return {"apiGroup": "rbac.authorization.k8s.io", "kind": kind, "name": name}


def role_binding(name: str, namespace: str, role_kind: str, role_name: str, *subjects: Object) -> Object:
    return {"apiVersion": RBAC, "kind": "RoleBinding", "metadata": {"name": name, "namespace": namespace},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role_name},
            "subjects": list(subjects)}


def cluster_role_binding(name: str, role_name: str, *subjects: Object) -> Object:
    return {"apiVersion": RBAC, "kind": "ClusterRoleBinding", "metadata": {"name": name},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role_name},
            "subjects": list(subjects)}


def rule(verbs: list[str], groups: list[str] | None = None, resources: list[str] | None = None,
         names: list[str] | None = None, urls: list[str] | None = None) -> Object:
    built: Object = {"verbs": verbs}
    for key, value in (("apiGroups", groups), ("resources", resources), ("resourceNames", names),
                       ("nonResourceURLs", urls)):
        if value is not None:
            built[key] = value
    return built


def service_account(namespace: str, name: str) -> Object:
    return {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": namespace}}


def test_reader_lists_by_namespace_and_publishes_changes() -> None:
    reader = FakeReader()
    seen: list[Change] = []
    reader.listeners.append(seen.append)
    pods = reader.registry.get("", "v1", "pods")
    first = reader.add({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "x"}})
    reader.add({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b", "namespace": "y"}})
    assert [obj["metadata"]["name"] for obj in reader.list(pods, "x")] == ["a"]
    assert len(reader.list(pods)) == 2
    assert reader.get(pods, "x", "a") is first and first["metadata"]["uid"]
    reader.delete(first)
    assert reader.get(pods, "x", "a") is None
    assert [(change.type, change.prefix) for change in seen] == [("ADDED", b"/registry/pods/")] * 2 + [
        ("DELETED", b"/registry/pods/")]
