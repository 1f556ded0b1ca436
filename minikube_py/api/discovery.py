"""The discovery documents of the apiserver, built from a `Registry`, and how a typed resource name resolves.

Legacy discovery: `/api` (APIVersions), `/apis` (APIGroupList), `/apis/<group>` (APIGroup),
`/api/v1` and `/apis/<group>/<version>` (APIResourceList, subresources as `pods/status` entries).
Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) for `/api` and `/apis`.
Order as the apiserver's: the built-in groups in their priority order, then other (CRD) groups by name;
a group's versions by Kubernetes' version priority (v2 > v1 > v1beta1 > v1alpha1), resources by name.

`resolve` and `in_category` answer what kubectl's RESTMapper answers: which resources `po`, `pods`, `Pod`,
`deploy.apps`, `deployments.v1.apps` or the category `all` name, the preferred one first.

Everything here is a pure function of the registry, recomputed per call (the registry changes as CRDs come
and go; a full aggregated document takes well under a millisecond)."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from .builtin_resources import BUILTIN_RESOURCES
from .registry import Registry, Resource, Subresource

AGGREGATED_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

# Resources whose objects are stored as another group's kind (the storage version hash names that one).
_STORED_IN_GROUP = {("events.k8s.io", "Event"): ""}

_VERSION = re.compile(r"^v(\d+)(?:(alpha|beta)(\d+))?$")
_STABILITY = {None: 2, "beta": 1, "alpha": 0}


def version_sort_key(version: str) -> tuple[int, int, int, str]:
    """Kubernetes' version priority as an ascending sort key: GA before beta before alpha, then the higher
    major and minor numbers (`v2`, `v1`, `v1beta2`, `v1beta1`, `v1alpha1`); other forms last, by name."""
    match = _VERSION.match(version)
    if match is None:
        return (1, 0, 0, version)
    major, stability, minor = match.groups()
    return (-_STABILITY[stability], -int(major), -int(minor or 0), "")


def group_versions(registry: Registry) -> dict[str, list[str]]:
    """Every served group with its versions, in discovery order, the preferred version first."""
    builtin_order = {r.group: index for index, r in enumerate(BUILTIN_RESOURCES)}
    versions: dict[str, list[str]] = {}
    for group, version in registry.group_versions():
        versions.setdefault(group, []).append(version)
    ordered = sorted(versions, key=lambda g: (g not in builtin_order, builtin_order.get(g, 0), g))
    return {group: sorted(versions[group], key=version_sort_key) for group in ordered}


def ordered_resources(registry: Registry) -> list[Resource]:
    """The registry's resources in discovery order (group, then version priority, then plural)."""
    return [resource for group, versions in group_versions(registry).items() for version in versions
            for resource in sorted(registry.in_group_version(group, version), key=lambda r: r.plural)]


def storage_version_hash(resource: Resource) -> str:
    """The apiserver's opaque `storageVersionHash`: the first 8 bytes of sha256("group/version/kind") of the
    version its objects are stored as, in base64."""
    group = _STORED_IN_GROUP.get((resource.group, resource.kind), resource.group)
    stored = f"{group}/{resource.storage_version or resource.version}/{resource.kind}"
    return base64.b64encode(hashlib.sha256(stored.encode()).digest()[:8]).decode()


def _has_storage(resource: Resource) -> bool:
    # Resources kept in etcd are the watchable ones; bindings, componentstatuses and reviews are not.
    return "watch" in resource.verbs


def _group_version_entry(group: str, version: str) -> dict[str, str]:
    return {"groupVersion": f"{group}/{version}" if group else version, "version": version}


def api_versions(server_address: str) -> dict[str, Any]:
    """`/api`: the legacy APIVersions document (`server_address` as `host:port`)."""
    return {"kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}]}


def _api_group(group: str, versions: list[str]) -> dict[str, Any]:
    entries = [_group_version_entry(group, version) for version in versions]
    return {"name": group, "versions": entries, "preferredVersion": entries[0]}


def group_list(registry: Registry) -> dict[str, Any]:
    """`/apis`: the legacy APIGroupList of every group but the core one."""
    groups = [_api_group(group, versions) for group, versions in group_versions(registry).items() if group]
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def api_group(registry: Registry, group: str) -> dict[str, Any] | None:
    """`/apis/<group>`: one APIGroup, None when the group is not served."""
    versions = group_versions(registry).get(group) if group else None
    if not versions:
        return None
    return {"kind": "APIGroup", "apiVersion": "v1", **_api_group(group, versions)}


def _subresource_entry(resource: Resource, sub: Subresource) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": f"{resource.plural}/{sub.name}", "singularName": "",
                             "namespaced": resource.namespaced}
    group = resource.group if sub.group is None else sub.group
    version = sub.version or resource.version
    if (group, version) != (resource.group, resource.version):
        entry.update(group=group, version=version)
    entry.update(kind=sub.kind, verbs=list(sub.verbs))
    return entry


def _resource_entry(resource: Resource) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": resource.plural, "singularName": resource.singular,
                             "namespaced": resource.namespaced, "kind": resource.kind,
                             "verbs": list(resource.verbs)}
    if resource.short_names:
        entry["shortNames"] = list(resource.short_names)
    if resource.categories:
        entry["categories"] = list(resource.categories)
    if _has_storage(resource):
        entry["storageVersionHash"] = storage_version_hash(resource)
    return entry


def resource_list(registry: Registry, group: str, version: str) -> dict[str, Any] | None:
    """`/api/v1`, `/apis/<group>/<version>`: the APIResourceList, None when that group version is not served.
    As the apiserver, the core group's list has no apiVersion."""
    resources = sorted(registry.in_group_version(group, version), key=lambda r: r.plural)
    if not resources:
        return None
    entries: list[dict[str, Any]] = []
    for resource in resources:
        entries.append(_resource_entry(resource))
        entries.extend(_subresource_entry(resource, sub) for sub in sorted(resource.subresources,
                                                                            key=lambda s: s.name))
    document: dict[str, Any] = {"kind": "APIResourceList"}
    if group:
        document["apiVersion"] = "v1"
    document.update(groupVersion=_group_version_entry(group, version)["groupVersion"], resources=entries)
    return document


def _response_kind(group: str, version: str, kind: str) -> dict[str, str]:
    return {"group": group, "version": version, "kind": kind}


def _aggregated_resource(resource: Resource) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "resource": resource.plural,
        "responseKind": _response_kind(resource.group, resource.version, resource.kind),
        "scope": "Namespaced" if resource.namespaced else "Cluster",
        "singularResource": resource.singular,
        "verbs": list(resource.verbs),
    }
    if resource.short_names:
        entry["shortNames"] = list(resource.short_names)
    if resource.categories:
        entry["categories"] = list(resource.categories)
    if resource.subresources:
        entry["subresources"] = [
            {"subresource": sub.name,
             "responseKind": _response_kind(resource.group if sub.group is None else sub.group,
                                            sub.version or resource.version, sub.kind),
             "verbs": list(sub.verbs)}
            for sub in sorted(resource.subresources, key=lambda s: s.name)]
    return entry


def aggregated(registry: Registry, core: bool) -> dict[str, Any]:
    """The aggregated discovery document (`Content-Type: AGGREGATED_CONTENT_TYPE`): the core group alone for
    `/api` (core=True), every other group for `/apis`."""
    items = []
    for group, versions in group_versions(registry).items():
        if (group == "") != core:
            continue
        items.append({
            "metadata": {"name": group, "creationTimestamp": None},
            "versions": [{"version": version,
                          "resources": [_aggregated_resource(r) for r in sorted(
                              registry.in_group_version(group, version), key=lambda r: r.plural)],
                          "freshness": "Current"}
                         for version in versions],
        })
    return {"kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": {},
            "items": items}


def _names(resource: Resource) -> set[str]:
    return {resource.plural, resource.singular, resource.kind.lower(), *resource.short_names}


def resolve(registry: Registry, text: str) -> list[Resource]:
    """The resources a typed name means, the one kubectl would use first: a plural, singular, short name or
    kind (any case), optionally qualified as `name.group` or `name.version.group` (`deploy.apps`,
    `deployments.v1.apps`, `hpa.v1.autoscaling`). An unqualified name matches in every group; within a group
    the preferred version comes first. Empty when nothing matches."""
    name, _, qualifier = text.lower().partition(".")
    resources = [r for r in ordered_resources(registry) if name in _names(r)]
    if not qualifier:
        return resources
    version, _, group = qualifier.partition(".")
    exact = [r for r in resources if r.version == version and r.group == group]
    return exact or [r for r in resources if r.group == qualifier]


def in_category(registry: Registry, category: str) -> list[Resource]:
    """The resources of a category (`all`, `api-extensions`) as `kubectl get <category>` lists them: in
    discovery order, each group resource once, in its preferred version."""
    found: dict[tuple[str, str], Resource] = {}
    for resource in ordered_resources(registry):
        if category in resource.categories:
            found.setdefault((resource.group, resource.plural), resource)
    return list(found.values())
