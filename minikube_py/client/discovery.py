"""What the server serves, as a `Registry` (minikube_py.api.registry), and how a typed resource name resolves.

Discovery is aggregated (`GET /api` and `/apis` with the APIGroupDiscoveryList Accept header, two requests), with
a fallback to the legacy documents (`/api`, `/api/v1`, `/apis`, one per group version). As kubectl, the answer is
cached on disk per server, `<cache-dir>/discovery/<host_port>/` (cache-dir `~/.kube/cache` unless `--cache-dir`
or `$KUBECACHEDIR`), here as our own `mkctl.json`, for six hours; a name that does not resolve from the cache
fetches discovery again once before `error: the server doesn't have a resource type "foo"`."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

from minikube_py.api.discovery import resolve as registry_resolve
from minikube_py.api.registry import Registry, Resource, Subresource

from .errors import APIError, ResourceTypeNotFound
from .rest import REST_HELPER, Client

AGGREGATED_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," \
                    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"
CACHE_TTL = 6 * 3600.0
CACHE_FILE = "mkctl.json"
_ILLEGAL_FILE_CHARACTERS = re.compile(r"[^(\w/.)]")


def default_cache_dir(env: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """kubectl's `--cache-dir` default: `$KUBECACHEDIR`, else `~/.kube/cache`."""
    if env.get("KUBECACHEDIR"):
        return Path(env["KUBECACHEDIR"])
    return Path(env.get("HOME") or Path.home()) / ".kube" / "cache"


def server_cache_dir(cache_dir: Path, server: str) -> Path:
    """`<cache-dir>/discovery/127.0.0.1_6443`: kubectl's per-server directory (scheme dropped, characters other
    than word characters, `/`, `.`, `(`, `)` replaced by `_`)."""
    host = server.split("://", 1)[-1]
    return cache_dir / "discovery" / _ILLEGAL_FILE_CHARACTERS.sub("_", host)


class Discovery:
    """The server's resources for one client, from the disk cache (`cache_dir`; None: no cache) or the server."""

    def __init__(self, client: Client, cache_dir: Path | None = None, *, ttl: float = CACHE_TTL) -> None:
        self.client = client
        self.cache_path = server_cache_dir(cache_dir, client.connection.server) / CACHE_FILE if cache_dir else None
        self.ttl = ttl
        self._registry: Registry | None = None
        self._fresh = False   # fetched from the server by this process

    def registry(self) -> Registry:
        """The served resources (cached on disk when fresh enough; fetched otherwise)."""
        if self._registry is None:
            cached = self._read_cache()
            self._registry = cached if cached is not None else self.refresh()
        return self._registry

    def refresh(self) -> Registry:
        """Fetch discovery from the server now and rewrite the cache (`api-resources --cached=false`)."""
        resources = fetch_resources(self.client)
        self._registry, self._fresh = Registry(resources), True
        self._write_cache(resources)
        return self._registry

    def invalidate(self) -> None:
        """Forget the cached discovery (memory and disk)."""
        self._registry, self._fresh = None, False
        if self.cache_path is not None:
            self.cache_path.unlink(missing_ok=True)

    def resolve_all(self, text: str) -> list[Resource]:
        """The resources `text` names (`po`, `deploy.apps`, `deployments.v1.apps`, `Pod`), the preferred one
        first; a miss from the cache fetches discovery again once; none raises `ResourceTypeNotFound`."""
        found = registry_resolve(self.registry(), text)
        if not found and not self._fresh:
            found = registry_resolve(self.refresh(), text)
        if not found:
            raise ResourceTypeNotFound(text.partition(".")[0])   # kubectl names the resource part only
        return found

    def resolve(self, text: str) -> Resource:
        """The resource kubectl would use for `text`."""
        return self.resolve_all(text)[0]

    def _read_cache(self) -> Registry | None:
        if self.cache_path is None:
            return None
        try:
            if time.time() - self.cache_path.stat().st_mtime > self.ttl:
                return None
            document = json.loads(self.cache_path.read_bytes())
            return Registry([_resource_from_cache(entry) for entry in document["resources"]])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_cache(self, resources: list[Resource]) -> None:
        if self.cache_path is None:
            return
        document = {"server": self.client.connection.server, "resources": [_resource_to_cache(r) for r in resources]}
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
            partial = self.cache_path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(document, separators=(",", ":")))
            partial.replace(self.cache_path)
        except OSError:
            pass   # kubectl also carries on without its cache


def fetch_resources(client: Client) -> list[Resource]:
    """The served resources in discovery order: aggregated discovery, else the legacy documents."""
    core = _get(client, "/api", AGGREGATED_ACCEPT)
    if core.get("kind") == "APIGroupDiscoveryList":
        groups = _get(client, "/apis", AGGREGATED_ACCEPT)
        return [*_from_aggregated(core), *_from_aggregated(groups)]
    group_versions = [(v.rpartition("/")[0], v.rpartition("/")[2], f"/api/{v}") for v in core.get("versions", ())]
    for group in _get(client, "/apis", REST_HELPER).get("groups") or ():
        group_versions += [(group["name"], v["version"], f"/apis/{v['groupVersion']}") for v in group["versions"]]
    resources: list[Resource] = []
    for group, version, path in group_versions:
        resources += _from_resource_list(group, version, _get(client, path, REST_HELPER))
    return resources


def _get(client: Client, path: str, accept: str) -> dict[str, Any]:
    response = client.request("GET", path, accept=accept)
    if response.status != 200:
        raise APIError.from_response(response.status, response.body, response.content_type)
    return json.loads(response.body)


def _from_aggregated(document: dict[str, Any]) -> list[Resource]:
    resources: list[Resource] = []
    for item in document.get("items") or ():
        group = (item.get("metadata") or {}).get("name", "")
        for entry in item.get("versions") or ():
            version = entry["version"]
            for r in entry.get("resources") or ():
                kind = (r.get("responseKind") or {}).get("kind", "")
                subresources = tuple(
                    Subresource(name=s["subresource"], kind=(s.get("responseKind") or {}).get("kind", ""),
                                verbs=tuple(s.get("verbs") or ()),
                                group=_other((s.get("responseKind") or {}).get("group"), group),
                                version=_other((s.get("responseKind") or {}).get("version"), version))
                    for s in r.get("subresources") or ())
                resources.append(Resource(
                    group=group, version=version, kind=kind, plural=r["resource"],
                    singular=r.get("singularResource") or kind.lower(), namespaced=r.get("scope") == "Namespaced",
                    verbs=tuple(r.get("verbs") or ()), short_names=tuple(r.get("shortNames") or ()),
                    categories=tuple(r.get("categories") or ()), subresources=subresources))
    return resources


def _other(value: str | None, parent: str) -> str | None:
    """A subresource's group or version when it differs from its parent's (None: the parent's)."""
    return None if value is None or value == parent else value


def _from_resource_list(group: str, version: str, document: dict[str, Any]) -> list[Resource]:
    entries = document.get("resources") or ()
    subresources: dict[str, list[Subresource]] = {}
    for entry in entries:
        parent, _, sub = entry["name"].partition("/")
        if sub:
            subresources.setdefault(parent, []).append(Subresource(
                name=sub, kind=entry.get("kind", ""), verbs=tuple(entry.get("verbs") or ()),
                group=_other(entry.get("group"), group), version=_other(entry.get("version"), version)))
    return [Resource(group=group, version=version, kind=e.get("kind", ""), plural=e["name"],
                     singular=e.get("singularName") or e.get("kind", "").lower(), namespaced=bool(e.get("namespaced")),
                     verbs=tuple(e.get("verbs") or ()), short_names=tuple(e.get("shortNames") or ()),
                     categories=tuple(e.get("categories") or ()), subresources=tuple(subresources.get(e["name"], ())))
            for e in entries if "/" not in e["name"]]


def _resource_to_cache(r: Resource) -> list[Any]:
    return [r.group, r.version, r.kind, r.plural, r.singular, r.namespaced, r.verbs, r.short_names, r.categories,
            [[s.name, s.kind, s.verbs, s.group, s.version] for s in r.subresources]]


def _resource_from_cache(entry: list[Any]) -> Resource:
    group, version, kind, plural, singular, namespaced, verbs, short_names, categories, subs = entry
    return Resource(group=group, version=version, kind=kind, plural=plural, singular=singular, namespaced=namespaced,
                    verbs=tuple(verbs), short_names=tuple(short_names), categories=tuple(categories),
                    subresources=tuple(Subresource(s[0], s[1], tuple(s[2]), s[3], s[4]) for s in subs))
