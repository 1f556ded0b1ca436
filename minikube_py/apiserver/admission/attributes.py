"""What an admission plugin is told about a request (`admission.Attributes`), what it reads (the apiserver's
watch cache, as `Reader`), the Forbidden error every plugin answers with (`admission.NewForbidden`) and Go's
way of listing several errors in one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, Sequence

from minikube_py.api import errors
from minikube_py.api.registry import Registry, Resource

Object = dict[str, Any]

CREATE, UPDATE, DELETE, CONNECT = "CREATE", "UPDATE", "DELETE", "CONNECT"


class User(Protocol):
    """The requesting user (`apiserver.auth.user.UserInfo` fits)."""

    @property
    def name(self) -> str: ...

    @property
    def groups(self) -> Sequence[str]: ...


class Reader(Protocol):
    """The apiserver's in-memory cache, read synchronously. Objects it returns are shared: never mutate them."""

    registry: Registry

    def get(self, resource: Resource, namespace: str, name: str) -> Object | None: ...

    def list(self, resource: Resource, namespace: str | None) -> list[Object]: ...


@dataclass
class AdmissionAttributes:
    """One request as the admission chain sees it. `obj` is the incoming object (mutating plugins change it in
    place); `old_obj` the stored one on UPDATE (and DELETE, when the server has it). On CREATE an empty `name`
    is taken from the object (still empty for a generateName)."""

    operation: str             # CREATE | UPDATE | DELETE | CONNECT
    resource: Resource
    subresource: str
    namespace: str
    name: str
    obj: Object | None
    old_obj: Object | None
    user: User
    dry_run: bool = False

    def __post_init__(self) -> None:
        # As the apiserver's create handler does: a create names the object it creates.
        if not self.name and self.operation == CREATE and self.obj is not None:
            self.name = (self.obj.get("metadata") or {}).get("name") or ""

    def is_core(self, plural: str) -> bool:
        """Whether the request is on the core-group resource `plural` (any version)."""
        return self.resource.group == "" and self.resource.plural == plural

    def forbidden(self, reason: str) -> errors.StatusError:
        """403 `<resource> "<name>" is forbidden: <reason>`, the name as Kubernetes picks it: the request's, else
        the object's name or generateName, else `Unknown`."""
        name = self.name
        if not name:
            metadata = (self.obj or {}).get("metadata") or {}
            name = metadata.get("name") or metadata.get("generateName") or "Unknown"
        qualified = errors.qualified(self.resource.plural, self.resource.group)
        return errors.forbidden(f'{qualified} "{name}" is forbidden: {reason}', self.resource.plural, name,
                                self.resource.group)


def aggregate(messages: list[str]) -> str:
    """Several errors as Go's error aggregate prints them: each text once, `[a, b]` when more than one."""
    unique = list(dict.fromkeys(messages))
    return unique[0] if len(unique) == 1 else "[" + ", ".join(unique) + "]"


def find_resource(registry: Registry, group: str, plural: str) -> Resource | None:
    """The served resource `plural` of `group`, whatever its version (the storage version's entry first)."""
    return registry.served(group, plural)


def read(reader: Reader, plural: str, namespace: str, name: str, group: str = "") -> Object | None:
    """One object from the cache, None when it (or its resource) does not exist."""
    resource = find_resource(reader.registry, group, plural)
    return reader.get(resource, namespace, name) if resource else None


def read_all(reader: Reader, plural: str, namespace: str | None, group: str = "") -> list[Object]:
    """A resource's objects in `namespace` (None: all namespaces); [] when the resource is not served."""
    resource = find_resource(reader.registry, group, plural)
    return reader.list(resource, namespace) if resource else []
