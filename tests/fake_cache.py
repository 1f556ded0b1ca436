"""A dict-backed stand-in for the apiserver's watch cache, for unit tests of what reads it (admission, RBAC,
tokens): get/list through the registry, and change events to its listeners as the cache publishes them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Callable

from minikube_py.api.registry import Registry, Resource, builtin_registry

Object = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """The part of the watch cache's Event listeners look at."""

    type: str
    prefix: bytes
    obj: Object


class FakeReader:
    """The cache's read interface over a dict, publishing changes to `listeners` as the cache does."""

    def __init__(self, *objects: Object) -> None:
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
