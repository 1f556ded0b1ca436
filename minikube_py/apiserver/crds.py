"""CustomResourceDefinitions served as resources: each stored CRD's served versions enter the registry (and
the cache) when it is created and leave when it is deleted; its openAPIV3Schema validates its objects and
goes into the /openapi documents."""

from __future__ import annotations

from typing import Any

from minikube_py.api.registry import ALL_VERBS, Registry, Resource, Subresource

from .cache import Event, WatchCache

Object = dict[str, Any]
_STATUS_VERBS = ("get", "patch", "update")


def resources_of(crd: Object) -> list[Resource]:
    spec = crd.get("spec") or {}
    names = spec.get("names") or {}
    group = spec.get("group", "")
    found = []
    for version in spec.get("versions") or ():
        if not version.get("served"):
            continue
        subresources = []
        declared = version.get("subresources") or {}
        if "status" in declared:
            subresources.append(Subresource("status", names.get("kind", ""), _STATUS_VERBS))
        if "scale" in declared:
            subresources.append(Subresource("scale", "Scale", _STATUS_VERBS, "autoscaling", "v1"))
        found.append(Resource(group, version["name"], names.get("kind", ""), names.get("plural", ""),
                              names.get("singular") or names.get("kind", "").lower(),
                              spec.get("scope") == "Namespaced", ALL_VERBS, tuple(names.get("shortNames") or ()),
                              tuple(names.get("categories") or ()), tuple(subresources)))
    return found


def _established(crd: Object) -> bool:
    return not crd["metadata"].get("deletionTimestamp")


class CustomResources:
    """Keeps the registry and the schemas in step with the stored CRDs."""

    def __init__(self, registry: Registry, cache: WatchCache) -> None:
        self.registry = registry
        self.cache = cache
        self.schemas: dict[tuple[str, str, str], Object] = {}
        self.definitions: dict[tuple[str, str], Object] = {}     # (group, plural) -> CRD
        self._served: dict[str, list[Resource]] = {}            # CRD name -> its resources

    def load(self) -> None:
        crds = self.registry.get("apiextensions.k8s.io", "v1", "customresourcedefinitions")
        for crd in self.cache.list(crds):
            self.changed(crd, deleted=False)
        self.cache.listeners.append(self._on_event)

    def _on_event(self, event: Event) -> None:
        if event.prefix.endswith(b"/customresourcedefinitions/"):
            self.changed(event.obj, deleted=event.type == "DELETED")

    def changed(self, crd: Object, deleted: bool) -> None:
        name = crd["metadata"]["name"]
        for resource in self._served.pop(name, ()):
            self.registry.remove(resource.group, resource.version, resource.plural)
            self.schemas.pop((resource.group, resource.version, resource.kind), None)
        spec = crd.get("spec") or {}
        self.definitions.pop((spec.get("group", ""), (spec.get("names") or {}).get("plural", "")), None)
        if deleted or not _established(crd):
            return
        served = resources_of(crd)
        versions = {v["name"]: v for v in spec.get("versions") or ()}
        for resource in served:
            self.registry.add(resource)
            self.cache.register(resource)
            schema = (versions[resource.version].get("schema") or {}).get("openAPIV3Schema")
            if schema is not None:
                self.schemas[(resource.group, resource.version, resource.kind)] = schema
        self._served[name] = served
        self.definitions[(spec.get("group", ""), (spec.get("names") or {}).get("plural", ""))] = crd

    def schema(self, resource: Resource) -> Object | None:
        return self.schemas.get((resource.group, resource.version, resource.kind))

    def printer_columns(self, resource: Resource) -> list[Object] | None:
        """The `additionalPrinterColumns` of the CRD version serving `resource` (None: the default table)."""
        crd = self.definitions.get((resource.group, resource.plural))
        for version in ((crd or {}).get("spec") or {}).get("versions") or ():
            if version["name"] == resource.version:
                return version.get("additionalPrinterColumns")
        return None


def establish(operation: str, ctx: Any, obj: Object, old: Object | None) -> None:
    """A CRD write's status as apiextensions' controllers leave it: names accepted, Established, stored
    versions (a hook of the write pipeline, so the first read already sees it)."""
    if ctx.resource.plural != "customresourcedefinitions" or operation not in ("CREATE", "UPDATE"):
        return
    from .lifecycle import now_rfc3339

    spec = obj.get("spec") or {}
    names = dict(spec.get("names") or {})
    names.setdefault("singular", names.get("kind", "").lower())
    names.setdefault("listKind", names.get("kind", "") + "List")
    now = now_rfc3339()
    storage = [v["name"] for v in spec.get("versions") or () if v.get("storage")]
    previous = ((old or {}).get("status") or {}).get("storedVersions") or []
    obj["status"] = {
        "acceptedNames": names,
        "conditions": [
            {"type": "NamesAccepted", "status": "True", "lastTransitionTime": now, "reason": "NoConflicts",
             "message": "no conflicts found"},
            {"type": "Established", "status": "True", "lastTransitionTime": now, "reason": "InitialNamesAccepted",
             "message": "the initial names have been accepted"}],
        "storedVersions": previous + [v for v in storage if v not in previous]}
