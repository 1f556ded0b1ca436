"""Kubernetes 1.32's built-in resources as its discovery lists them (order, verbs, short names,
categories, subresources)."""

from __future__ import annotations

from .registry import Resource, Subresource

_STATUS = ("get", "patch", "update")
_SCALE = Subresource("scale", "Scale", _STATUS, "autoscaling", "v1")

BUILTIN_RESOURCES: tuple[Resource, ...] = (
    Resource("", "v1", "ConfigMap", "configmaps", "configmap", True, short_names=("cm",),
             schema_name="io.k8s.api.core.v1.ConfigMap"),
    Resource("", "v1", "Namespace", "namespaces", "namespace", False,
             verbs=("create", "delete", "get", "list", "patch", "update", "watch"), short_names=("ns",),
             subresources=(Subresource("finalize", "Namespace", ("update",)), Subresource("status", "Namespace", _STATUS)),
             schema_name="io.k8s.api.core.v1.Namespace"),
    Resource("", "v1", "Pod", "pods", "pod", True, short_names=("po",), categories=("all",),
             subresources=(Subresource("binding", "Binding", ("create",)),
                           Subresource("eviction", "Eviction", ("create",), "policy", "v1"),
                           Subresource("log", "Pod", ("get",)), Subresource("status", "Pod", _STATUS)),
             schema_name="io.k8s.api.core.v1.Pod"),
    Resource("apps", "v1", "Deployment", "deployments", "deployment", True, short_names=("deploy",),
             categories=("all",), subresources=(_SCALE, Subresource("status", "Deployment", _STATUS)),
             schema_name="io.k8s.api.apps.v1.Deployment"),
)
