"""Where objects live in etcd: `/registry/<resource>/<namespace>/<name>` (cluster-scoped: no namespace), with
the historical prefixes the real kube-apiserver uses (`services/specs`, `minions` for nodes, `ingress`), and
`/registry/<group>/<plural>` for custom resources, so that `etcdctl get /registry --prefix --keys-only`
shows what a Kubernetes user expects."""

from __future__ import annotations

import functools

from minikube_py.api.registry import Resource

ROOT = b"/registry/"

# group-resources whose prefix is not their plural (kube-apiserver's storage factory and registries)
_PREFIXES = {
    ("", "services"): "services/specs",
    ("", "endpoints"): "services/endpoints",
    ("", "nodes"): "minions",
    ("networking.k8s.io", "ingresses"): "ingress",
    ("events.k8s.io", "events"): "events",
    ("apiextensions.k8s.io", "customresourcedefinitions"): "apiextensions.k8s.io/customresourcedefinitions",
}


def resource_prefix(resource: Resource) -> bytes:
    """`/registry/pods/`: the prefix of every object of this resource, whichever version serves it."""
    return _prefix(resource.group, resource.plural, resource.schema_name is None)


@functools.lru_cache(maxsize=1024)
def _prefix(group: str, plural: str, custom: bool) -> bytes:
    path = _PREFIXES.get((group, plural)) or (f"{group}/{plural}" if custom else plural)
    return ROOT + path.encode() + b"/"


def namespace_prefix(resource: Resource, namespace: str | None) -> bytes:
    """The objects of one namespace (all of them when `namespace` is None or the resource is cluster-scoped)."""
    prefix = resource_prefix(resource)
    if namespace and resource.namespaced:
        return prefix + namespace.encode() + b"/"
    return prefix


def object_key(resource: Resource, namespace: str, name: str) -> bytes:
    if resource.namespaced:
        return resource_prefix(resource) + f"{namespace}/{name}".encode()
    return resource_prefix(resource) + name.encode()
