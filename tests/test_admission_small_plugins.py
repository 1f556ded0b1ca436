"""The small plugins `--enable-admission-plugins` may add: AlwaysPullImages, NamespaceExists,
DenyServiceExternalIPs and AlwaysDeny."""

from __future__ import annotations

import pytest
from test_admission_support import FakeReader, namespace, pod, request

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.admission import AdmissionChain


def chain(*plugins: str, reader: FakeReader | None = None) -> AdmissionChain:
    return AdmissionChain(plugins, reader or FakeReader(namespace("default")))


def test_always_pull_images_on_create_and_on_new_images():
    obj = pod(containers=[{"name": "a", "image": "nginx", "imagePullPolicy": "IfNotPresent"}],
              initContainers=[{"name": "i", "image": "busybox"}])
    chain("AlwaysPullImages").admit(request("CREATE", "pods", obj))
    assert [c["imagePullPolicy"] for c in obj["spec"]["containers"] + obj["spec"]["initContainers"]] == ["Always"] * 2
    old = pod(containers=[{"name": "a", "image": "nginx", "imagePullPolicy": "IfNotPresent"}])
    same = pod(containers=[{"name": "a", "image": "nginx", "imagePullPolicy": "IfNotPresent"}])
    chain("AlwaysPullImages").admit(request("UPDATE", "pods", same, old=old))
    assert same["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent"
    newer = pod(containers=[{"name": "a", "image": "nginx:1.27", "imagePullPolicy": "IfNotPresent"}])
    chain("AlwaysPullImages").admit(request("UPDATE", "pods", newer, old=old))
    assert newer["spec"]["containers"][0]["imagePullPolicy"] == "Always"


def test_namespace_exists():
    with pytest.raises(StatusError) as error:
        chain("NamespaceExists").validate(request("CREATE", "pods", pod(ns="nope"), ns="nope"))
    assert error.value.code == 404 and str(error.value) == 'namespaces "nope" not found'
    chain("NamespaceExists").validate(request("CREATE", "pods", pod()))


def test_deny_service_external_ips():
    def service(*ips: str) -> dict:
        return {"metadata": {"name": "web", "namespace": "default"},
                "spec": {"ports": [{"port": 80}], "externalIPs": list(ips)}}
    with pytest.raises(StatusError) as error:
        chain("DenyServiceExternalIPs").validate(request("CREATE", "services", service("203.0.113.7")))
    assert str(error.value) == 'services "web" is forbidden: use of external IPs is denied by admission control'
    old = service("203.0.113.7", "203.0.113.8")
    chain("DenyServiceExternalIPs").validate(request("UPDATE", "services", service("203.0.113.7"), old=old))
    chain("DenyServiceExternalIPs").validate(request("CREATE", "services", service()))


def test_always_deny():
    with pytest.raises(StatusError) as error:
        chain("AlwaysDeny").admit(request("DELETE", "configmaps", None, name="settings"))
    assert error.value.code == 403
    assert str(error.value) == 'configmaps "settings" is forbidden: admission control is denying all modifications'
