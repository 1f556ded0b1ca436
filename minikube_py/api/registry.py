"""The registry of served resources: what discovery lists, what the apiserver routes, what `mkctl` resolves.

A `Resource` is one group/version/plural with its kind, scope, verbs, short names, categories and
subresources. The built-in set (Kubernetes 1.32's, in discovery order) is in `builtin_resources`; the
apiserver adds and removes CustomResourceDefinitions at run time."""

from __future__ import annotations

from dataclasses import dataclass, field

ALL_VERBS = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")


@dataclass(frozen=True)
class Subresource:
    """`pods/status`, `deployments/scale` (kind Scale of autoscaling/v1), `pods/log` ..."""

    name: str
    kind: str
    verbs: tuple[str, ...]
    group: str | None = None    # None: the parent's group/version
    version: str | None = None


@dataclass(frozen=True)
class Resource:
    group: str
    version: str
    kind: str
    plural: str
    singular: str
    namespaced: bool
    verbs: tuple[str, ...] = ALL_VERBS
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    subresources: tuple[Subresource, ...] = ()
    schema_name: str | None = None   # its definition in `schemas` (None: a CRD, validated by its own schema)
    storage_version: str | None = None  # the version stored in etcd when several are served (None: this one)

    @property
    def group_version(self) -> str:
        """`v1`, `apps/v1`: the apiVersion of its objects."""
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def group_resource(self) -> str:
        """`pods`, `deployments.apps`: how Kubernetes names it in messages and RBAC."""
        return f"{self.plural}.{self.group}" if self.group else self.plural

    @property
    def list_kind(self) -> str:
        return self.kind + "List"

    @property
    def url_prefix(self) -> str:
        """`/api/v1`, `/apis/apps/v1`."""
        return f"/apis/{self.group}/{self.version}" if self.group else f"/api/{self.version}"

    def subresource(self, name: str) -> Subresource | None:
        return next((sub for sub in self.subresources if sub.name == name), None)


@dataclass
class Registry:
    """Resources by (group, version, plural) and by (group, version, kind), in discovery order."""

    resources: list[Resource] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_plural = {(r.group, r.version, r.plural): r for r in self.resources}
        self._by_kind = {(r.group, r.version, r.kind): r for r in self.resources}
        self._by_group_plural: dict[tuple[str, str], list[Resource]] = {}
        for resource in self.resources:
            self._by_group_plural.setdefault((resource.group, resource.plural), []).append(resource)

    def add(self, resource: Resource) -> None:
        self.remove(resource.group, resource.version, resource.plural)
        self.resources.append(resource)
        self._by_plural[(resource.group, resource.version, resource.plural)] = resource
        self._by_kind[(resource.group, resource.version, resource.kind)] = resource
        self._by_group_plural.setdefault((resource.group, resource.plural), []).append(resource)

    def remove(self, group: str, version: str, plural: str) -> None:
        resource = self._by_plural.pop((group, version, plural), None)
        if resource is not None:
            self.resources.remove(resource)
            self._by_kind.pop((group, version, resource.kind), None)
            self._by_group_plural[(group, plural)].remove(resource)

    def get(self, group: str, version: str, plural: str) -> Resource | None:
        return self._by_plural.get((group, version, plural))

    def served(self, group: str, plural: str) -> Resource | None:
        """The resource `plural` of `group` in its storage version (any served version when none is marked)."""
        found = [r for r in self._by_group_plural.get((group, plural), ()) if r.storage_version in (None, r.version)]
        return found[0] if found else next(iter(self._by_group_plural.get((group, plural), ())), None)

    def by_kind(self, group: str, version: str, kind: str) -> Resource | None:
        return self._by_kind.get((group, version, kind))

    def for_api_version(self, api_version: str, kind: str) -> Resource | None:
        group, _, version = api_version.rpartition("/")
        return self.by_kind(group, version, kind)

    def group_versions(self) -> list[tuple[str, str]]:
        """(group, version) pairs in discovery order, the core group first."""
        seen: dict[tuple[str, str], None] = {}
        for resource in self.resources:
            seen.setdefault((resource.group, resource.version), None)
        return list(seen)

    def in_group_version(self, group: str, version: str) -> list[Resource]:
        return [r for r in self.resources if r.group == group and r.version == version]


def builtin_registry() -> Registry:
    """A fresh registry of Kubernetes 1.32's built-in resources (a new list: CRDs may be added to it)."""
    from .builtin_resources import BUILTIN_RESOURCES

    return Registry(list(BUILTIN_RESOURCES))
