"""The admission chain: which plugins the flags enable, kube-apiserver's errors for bad flags, and a pod
going through the default chain."""

from __future__ import annotations

import pytest
from test_admission_support import FakeReader, namespace, node_user, pod, request, service_account

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.admission import AdmissionChain, enabled_plugins


def test_default_plugins_in_running_order():
    assert enabled_plugins() == [
        "NamespaceLifecycle", "LimitRanger", "ServiceAccount", "TaintNodesByCondition", "PodSecurity", "Priority",
        "DefaultTolerationSeconds", "DefaultStorageClass", "StorageObjectInUseProtection",
        "PersistentVolumeClaimResize", "RuntimeClass", "CertificateApproval", "CertificateSigning",
        "ClusterTrustBundleAttest", "CertificateSubjectRestriction", "DefaultIngressClass", "MutatingAdmissionPolicy",
        "MutatingAdmissionWebhook", "ValidatingAdmissionPolicy", "ValidatingAdmissionWebhook", "ResourceQuota"]


def test_enable_and_disable():
    plugins = enabled_plugins(["NodeRestriction"], ["ResourceQuota", "LimitRanger"])
    assert plugins.index("NodeRestriction") == plugins.index("ServiceAccount") + 1
    assert "ResourceQuota" not in plugins and "LimitRanger" not in plugins


def test_unknown_and_overlapping_plugins_as_kube_apiserver_says():
    with pytest.raises(ValueError, match='^enable-admission-plugins plugin "Foo" is unknown$'):
        enabled_plugins(["Foo"])
    with pytest.raises(ValueError) as error:
        enabled_plugins(["Foo", "NodeRestriction"], ["Bar", "NodeRestriction"])
    assert str(error.value) == ('[enable-admission-plugins plugin "Foo" is unknown, disable-admission-plugins plugin '
                                '"Bar" is unknown, [NodeRestriction] in enable-admission-plugins and '
                                "disable-admission-plugins overlapped]")
    with pytest.raises(ValueError, match='enable-admission-plugins plugin "Foo" is unknown'):
        AdmissionChain(["NamespaceLifecycle", "Foo"], FakeReader())


def test_a_pod_through_the_default_chain():
    reader = FakeReader(namespace("default"), service_account(),
                        {"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": "l", "namespace": "default"},
                         "spec": {"limits": [{"type": "Container", "default": {"cpu": "1"},
                                              "defaultRequest": {"cpu": "100m"}}]}},
                        {"apiVersion": "v1", "kind": "ResourceQuota",
                         "metadata": {"name": "q", "namespace": "default"}, "spec": {"hard": {"limits.cpu": "1"}}})
    chain = AdmissionChain.from_flags([], [], reader)
    obj = pod()
    attrs = request("CREATE", "pods", obj)
    chain.admit(attrs)
    spec = obj["spec"]
    assert spec["serviceAccountName"] == "default"
    assert spec["containers"][0]["resources"] == {"limits": {"cpu": "1"}, "requests": {"cpu": "100m"}}
    assert [t["key"] for t in spec["tolerations"]] == ["node.kubernetes.io/not-ready",
                                                       "node.kubernetes.io/unreachable"]
    assert spec["volumes"][0]["name"].startswith("kube-api-access-")
    chain.validate(attrs)
    reader.add(obj)
    second = request("CREATE", "pods", pod("second"))
    chain.admit(second)
    with pytest.raises(StatusError, match='pods "second" is forbidden: exceeded quota: q, requested: limits.cpu=1, '
                                          "used: limits.cpu=1, limited: limits.cpu=1"):
        chain.validate(second)


def test_namespace_lifecycle_runs_first():
    chain = AdmissionChain.from_flags([], [], FakeReader())
    with pytest.raises(StatusError, match='namespaces "default" not found'):
        chain.admit(request("CREATE", "pods", pod()))


def test_node_restriction_only_when_enabled():
    reader = FakeReader(namespace("default"))
    update = request("UPDATE", "nodes", {"metadata": {"name": "node02"}}, old={"metadata": {"name": "node02"}},
                     user=node_user("node01"))
    AdmissionChain.from_flags([], [], reader).admit(update)
    with pytest.raises(StatusError, match='node "node01" is not allowed to modify node "node02"'):
        AdmissionChain.from_flags(["NodeRestriction"], [], reader).admit(update)


def test_toleration_seconds_options():
    reader = FakeReader(namespace("default"), service_account())
    obj = pod()
    AdmissionChain(["DefaultTolerationSeconds"], reader, not_ready_toleration_seconds=10,
                   unreachable_toleration_seconds=20).admit(request("CREATE", "pods", obj))
    assert [t["tolerationSeconds"] for t in obj["spec"]["tolerations"]] == [10, 20]
