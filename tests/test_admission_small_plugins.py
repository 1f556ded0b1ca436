"""The small plugins: the default-on TaintNodesByCondition, DefaultStorageClass, DefaultIngressClass,
StorageObjectInUseProtection, PersistentVolumeClaimResize and RuntimeClass, and AlwaysPullImages,
NamespaceExists, DenyServiceExternalIPs and AlwaysDeny that `--enable-admission-plugins` may add."""

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


def storage_class(name: str, created: str, default: bool = True) -> dict:
    annotations = {"storageclass.kubernetes.io/is-default-class": "true"} if default else {}
    return {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "provisioner": "x",
            "metadata": {"name": name, "creationTimestamp": created, "annotations": annotations}}


def claim(**spec) -> dict:
    return {"metadata": {"name": "data", "namespace": "default"},
            "spec": {"resources": {"requests": {"storage": "1Gi"}}, **spec}}


def test_default_storage_class_is_the_newest_default():
    reader = FakeReader(storage_class("old", "2026-01-01T00:00:00Z"), storage_class("new", "2026-06-01T00:00:00Z"),
                        storage_class("newest-not-default", "2026-09-01T00:00:00Z", default=False))
    obj = claim()
    chain("DefaultStorageClass", reader=reader).admit(request("CREATE", "persistentvolumeclaims", obj))
    assert obj["spec"]["storageClassName"] == "new"
    explicit = claim(storageClassName="")
    chain("DefaultStorageClass", reader=reader).admit(request("CREATE", "persistentvolumeclaims", explicit))
    assert explicit["spec"]["storageClassName"] == ""
    none = claim()
    chain("DefaultStorageClass").admit(request("CREATE", "persistentvolumeclaims", none))
    assert "storageClassName" not in none["spec"]


def test_default_ingress_class():
    nginx = {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
             "metadata": {"name": "nginx", "annotations": {"ingressclass.kubernetes.io/is-default-class": "true"}}}
    ingress = {"metadata": {"name": "web", "namespace": "default"}, "spec": {}}
    chain("DefaultIngressClass", reader=FakeReader(nginx)).admit(
        request("CREATE", "ingresses", ingress, group="networking.k8s.io"))
    assert ingress["spec"]["ingressClassName"] == "nginx"


def test_storage_protection_finalizers():
    obj = claim()
    chain("StorageObjectInUseProtection").admit(request("CREATE", "persistentvolumeclaims", obj))
    assert obj["metadata"]["finalizers"] == ["kubernetes.io/pvc-protection"]
    volume = {"metadata": {"name": "pv1", "finalizers": ["mine"]}, "spec": {}}
    chain("StorageObjectInUseProtection").admit(request("CREATE", "persistentvolumes", volume))
    assert volume["metadata"]["finalizers"] == ["mine", "kubernetes.io/pv-protection"]


def test_new_nodes_are_tainted_not_ready():
    node = {"metadata": {"name": "node01"}, "spec": {"taints": [{"key": "gpu", "effect": "NoSchedule"}]}}
    chain("TaintNodesByCondition").admit(request("CREATE", "nodes", node))
    assert node["spec"]["taints"] == [{"key": "gpu", "effect": "NoSchedule"},
                                      {"key": "node.kubernetes.io/not-ready", "effect": "NoSchedule"}]
    updated = {"metadata": {"name": "node01"}, "spec": {}}
    chain("TaintNodesByCondition").admit(request("UPDATE", "nodes", updated, old=node))
    assert "taints" not in updated["spec"]


def test_runtime_class_overhead_and_scheduling():
    gvisor = {"apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass", "metadata": {"name": "gvisor"},
              "handler": "runsc", "overhead": {"podFixed": {"cpu": "250m", "memory": "64Mi"}},
              "scheduling": {"nodeSelector": {"sandbox": "gvisor"},
                             "tolerations": [{"key": "sandbox", "operator": "Exists", "effect": "NoSchedule"}]}}
    reader = FakeReader(namespace("default"), gvisor)
    obj = pod(runtimeClassName="gvisor", nodeSelector={"disk": "ssd"})
    attrs = request("CREATE", "pods", obj)
    chain("RuntimeClass", reader=reader).admit(attrs)
    chain("RuntimeClass", reader=reader).validate(attrs)
    assert obj["spec"]["overhead"] == {"cpu": "250m", "memory": "64Mi"}
    assert obj["spec"]["nodeSelector"] == {"disk": "ssd", "sandbox": "gvisor"}
    assert obj["spec"]["tolerations"] == [{"key": "sandbox", "operator": "Exists", "effect": "NoSchedule"}]
    clash = pod(runtimeClassName="gvisor", nodeSelector={"sandbox": "kata"})
    with pytest.raises(StatusError, match=r"conflict: runtimeClass.scheduling.nodeSelector\[sandbox\] = gvisor; "
                                          r"pod.spec.nodeSelector\[sandbox\] = kata$"):
        chain("RuntimeClass", reader=reader).admit(request("CREATE", "pods", clash))


def test_runtime_class_must_exist():
    with pytest.raises(StatusError) as error:
        chain("RuntimeClass").admit(request("CREATE", "pods", pod(runtimeClassName="kata")))
    assert str(error.value) == 'pods "nginx" is forbidden: pod rejected: RuntimeClass "kata" not found'
    with pytest.raises(StatusError, match="pod rejected: Pod Overhead set without corresponding RuntimeClass "
                                          "defined Overhead"):
        chain("RuntimeClass").validate(request("CREATE", "pods", pod(overhead={"cpu": "1"})))


def test_claims_grow_only_when_bound_and_expandable():
    expandable = storage_class("fast", "2026-01-01T00:00:00Z", default=False) | {"allowVolumeExpansion": True}
    fixed = storage_class("slow", "2026-01-01T00:00:00Z", default=False)
    reader = FakeReader(expandable, fixed)

    def resize(storage_class_name: str, phase: str = "Bound") -> None:
        old = claim(storageClassName=storage_class_name) | {"status": {"phase": phase}}
        new = claim(storageClassName=storage_class_name, resources={"requests": {"storage": "2Gi"}})
        chain("PersistentVolumeClaimResize", reader=reader).validate(
            request("UPDATE", "persistentvolumeclaims", new, old=old))
    resize("fast")
    with pytest.raises(StatusError) as error:
        resize("slow")
    assert str(error.value) == ('persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be '
                                "resized and the storageclass that provisions the pvc must support resize")
    with pytest.raises(StatusError, match="Only bound persistent volume claims can be expanded"):
        resize("fast", phase="Pending")
