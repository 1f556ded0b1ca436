"""The admission chain: the plugins `--enable-admission-plugins`/`--disable-admission-plugins` select, run in
Kubernetes 1.32's order. The server calls `admit` (the mutating phase) before it validates an object and
`validate` (the validating phase) after, on CREATE, UPDATE, DELETE and CONNECT requests.

Every plugin name kube-apiserver 1.32 knows is accepted; the ones not in IMPLEMENTED (webhooks, policies,
PodSecurity, Priority, storage and certificate plugins ...) admit everything for now."""

from __future__ import annotations

import functools
from types import ModuleType
from typing import Callable, Iterable

from . import (
    always_deny,
    always_pull_images,
    default_ingress_class,
    default_storage_class,
    default_toleration_seconds,
    deny_service_external_ips,
    limit_ranger,
    namespace_exists,
    namespace_lifecycle,
    node_restriction,
    persistent_volume_claim_resize,
    resource_quota,
    runtime_class,
    service_account,
    storage_object_in_use_protection,
    taint_nodes_by_condition,
)
from .attributes import AdmissionAttributes, Reader, aggregate

# kube-apiserver 1.32's AllOrderedPlugins: the order plugins run in, whatever order the flag names them in.
ORDERED_PLUGINS = (
    "AlwaysAdmit", "NamespaceAutoProvision", "NamespaceLifecycle", "NamespaceExists",
    "LimitPodHardAntiAffinityTopology", "LimitRanger", "ServiceAccount", "NodeRestriction", "TaintNodesByCondition",
    "AlwaysPullImages", "ImagePolicyWebhook", "PodSecurity", "PodNodeSelector", "Priority",
    "DefaultTolerationSeconds", "PodTolerationRestriction", "EventRateLimit", "ExtendedResourceToleration",
    "DefaultStorageClass", "StorageObjectInUseProtection", "OwnerReferencesPermissionEnforcement",
    "PersistentVolumeClaimResize", "RuntimeClass", "CertificateApproval", "CertificateSigning",
    "ClusterTrustBundleAttest", "CertificateSubjectRestriction", "DefaultIngressClass", "DenyServiceExternalIPs",
    "MutatingAdmissionPolicy", "MutatingAdmissionWebhook", "ValidatingAdmissionPolicy",
    "ValidatingAdmissionWebhook", "ResourceQuota", "AlwaysDeny",
)
# The plugins on when the flags say nothing (kube-apiserver 1.32's --enable-admission-plugins help text).
DEFAULT_ON = frozenset({
    "NamespaceLifecycle", "LimitRanger", "ServiceAccount", "TaintNodesByCondition", "PodSecurity", "Priority",
    "DefaultTolerationSeconds", "DefaultStorageClass", "StorageObjectInUseProtection", "PersistentVolumeClaimResize",
    "RuntimeClass", "CertificateApproval", "CertificateSigning", "ClusterTrustBundleAttest",
    "CertificateSubjectRestriction", "DefaultIngressClass", "MutatingAdmissionPolicy", "MutatingAdmissionWebhook",
    "ValidatingAdmissionPolicy", "ValidatingAdmissionWebhook", "ResourceQuota",
})
IMPLEMENTED: dict[str, ModuleType] = {module.NAME: module for module in (
    always_deny, always_pull_images, default_ingress_class, default_storage_class, default_toleration_seconds,
    deny_service_external_ips, limit_ranger, namespace_exists, namespace_lifecycle, node_restriction,
    persistent_volume_claim_resize, resource_quota, runtime_class, service_account, storage_object_in_use_protection,
    taint_nodes_by_condition)}

Phase = Callable[[AdmissionAttributes, Reader], None]


def flag_errors(enable: Iterable[str], disable: Iterable[str]) -> list[str]:
    """kube-apiserver's complaints about the two flags (it prints them after `Error: `, several as `[a, b]`)."""
    enable, disable = list(enable), list(disable)
    known = set(ORDERED_PLUGINS)
    problems = [f'enable-admission-plugins plugin "{name}" is unknown' for name in enable if name not in known]
    problems += [f'disable-admission-plugins plugin "{name}" is unknown' for name in disable if name not in known]
    both = sorted(set(enable) & set(disable))
    if both:
        problems.append(f"[{' '.join(both)}] in enable-admission-plugins and disable-admission-plugins overlapped")
    return problems


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ValueError(aggregate(problems))


def enabled_plugins(enable: Iterable[str] = (), disable: Iterable[str] = ()) -> list[str]:
    """The plugins the flags turn on, in running order; ValueError with kube-apiserver's message when wrong."""
    enable, disable = list(enable), list(disable)
    _refuse(flag_errors(enable, disable))
    chosen = (DEFAULT_ON | set(enable)) - set(disable)
    return [name for name in ORDERED_PLUGINS if name in chosen]


class AdmissionChain:
    """The enabled plugins over the apiserver's cache. `admit` may change `attrs.obj`; both raise the
    StatusError (403 Forbidden, 404 NotFound, 500) the request fails with."""

    def __init__(self, plugins: Iterable[str], reader: Reader, *, not_ready_toleration_seconds: int = 300,
                 unreachable_toleration_seconds: int = 300) -> None:
        plugins = list(plugins)
        _refuse(flag_errors(plugins, ()))
        self.plugins = [name for name in ORDERED_PLUGINS if name in plugins]
        self.reader = reader
        options = {default_toleration_seconds.NAME: {"not_ready_seconds": not_ready_toleration_seconds,
                                                     "unreachable_seconds": unreachable_toleration_seconds}}
        self._admit = self._phase("admit", options)
        self._validate = self._phase("validate", {})

    @classmethod
    def from_flags(cls, enable: Iterable[str], disable: Iterable[str], reader: Reader, **options: int
                   ) -> AdmissionChain:
        return cls(enabled_plugins(enable, disable), reader, **options)

    def _phase(self, phase: str, options: dict[str, dict[str, int]]) -> list[Phase]:
        steps = []
        for name in self.plugins:
            step = getattr(IMPLEMENTED.get(name), phase, None)
            if step is not None:
                steps.append(functools.partial(step, **options.get(name, {})))
        return steps

    def admit(self, attrs: AdmissionAttributes) -> None:
        for step in self._admit:
            step(attrs, self.reader)

    def validate(self, attrs: AdmissionAttributes) -> None:
        for step in self._validate:
            step(attrs, self.reader)
