"""The objects a new cluster starts with, written by the apiserver when it starts (kube-apiserver's bootstrap
controller and post-start hooks): the system namespaces, the `kubernetes` Service with the first ClusterIP
and its Endpoints/EndpointSlice pointing at this apiserver, the default RBAC roles and bindings, and the
system priority classes. Missing ones are created; ones a user changed are left alone."""

from __future__ import annotations

from typing import Any

from minikube_py.api import defaults, errors

from . import lifecycle
from .allocators import IPRange

Object = dict[str, Any]
NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")


def _kubernetes_service(first_ip: str, port: int) -> Object:
    return {"apiVersion": "v1", "kind": "Service",
            "metadata": {"name": "kubernetes", "namespace": "default",
                         "labels": {"component": "apiserver", "provider": "kubernetes"}},
            "spec": {"type": "ClusterIP", "clusterIP": first_ip, "clusterIPs": [first_ip],
                     "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": port}],
                     "sessionAffinity": "None"}}


def _kubernetes_endpoints(address: str, port: int) -> list[Object]:
    endpoints = {"apiVersion": "v1", "kind": "Endpoints",
                 "metadata": {"name": "kubernetes", "namespace": "default",
                              "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"}},
                 "subsets": [{"addresses": [{"ip": address}],
                              "ports": [{"name": "https", "port": port, "protocol": "TCP"}]}]}
    slice_ = {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
              "metadata": {"name": "kubernetes", "namespace": "default",
                           "labels": {"kubernetes.io/service-name": "kubernetes"}},
              "addressType": "IPv4",
              "endpoints": [{"addresses": [address], "conditions": {"ready": True}}],
              "ports": [{"name": "https", "port": port, "protocol": "TCP"}]}
    return [endpoints, slice_]


def _priority_classes() -> list[Object]:
    return [{"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": name},
             "value": value, "description": description, "preemptionPolicy": "PreemptLowerPriority"}
            for name, value, description in (
                ("system-node-critical", 2000001000, "Used for system critical pods that must not be moved from "
                 "their current node."),
                ("system-cluster-critical", 2000000000, "Used for system critical pods that must run in the "
                 "cluster, but can be moved to another node if necessary."))]


def bootstrap_objects(service_range: str, address: str, port: int) -> list[Object]:
    from .auth.default_roles import default_rbac_objects

    namespaces = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}} for name in NAMESPACES]
    first_ip = IPRange.parse(service_range).first
    return [*namespaces, _kubernetes_service(first_ip, port), *_kubernetes_endpoints(address, port),
            *default_rbac_objects(), *_priority_classes()]


async def ensure(server: Any) -> None:
    """Create each bootstrap object that does not exist yet."""
    config = server.config
    address = config.advertise_address or config.bind_address
    for obj in bootstrap_objects(config.service_cluster_ip_range, address, config.secure_port):
        resource = server.registry.for_api_version(obj["apiVersion"], obj["kind"])
        metadata = obj["metadata"]
        if server.cache.get(resource, metadata.get("namespace", ""), metadata["name"]) is not None:
            continue
        defaults.apply_defaults(resource, obj)
        lifecycle.prepare_create(resource, obj, metadata.get("namespace", ""))
        try:
            await server.storage.create(resource, obj)
        except errors.StatusError as err:
            if err.reason != "AlreadyExists":   # another apiserver on the same etcd was first
                raise
