"""ResourceQuota: the usage a quota's status shows (`quota_usage`) and the errors for creates that exceed it."""

from __future__ import annotations

import pytest
from test_admission_support import FakeReader, pod, request

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.admission import quota_usage, resource_quota

NOW = 1_800_000_000.0


def quota(name: str = "dev-quota", hard: dict | None = None, **spec) -> dict:
    return {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": name, "namespace": "default"},
            "spec": {"hard": hard or {}, **spec}}


def sized_pod(name: str, requests: dict | None = None, limits: dict | None = None, **spec) -> dict:
    resources = {key: value for key, value in (("requests", requests), ("limits", limits)) if value}
    return pod(name, containers=[{"name": name, "image": "nginx", "resources": resources}], **spec)


def service(name: str, type_: str = "ClusterIP", ports: int = 1) -> dict:
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": "default"},
            "spec": {"type": type_, "ports": [{"port": 80 + i} for i in range(ports)]}}


def check(reader: FakeReader, attrs) -> None:
    resource_quota.validate(attrs, reader, now=NOW)


def refused(reader: FakeReader, attrs) -> str:
    with pytest.raises(StatusError) as error:
        check(reader, attrs)
    assert error.value.code == 403
    return str(error.value)


def usage_of(reader: FakeReader, q: dict) -> dict:
    return quota_usage(q, resource_quota.cache_lister(reader, "default"), NOW)


def test_pod_count_exceeded():
    reader = FakeReader(quota(hard={"pods": "2"}), pod("a"), pod("b"))
    assert refused(reader, request("CREATE", "pods", pod("c"))) == (
        'pods "c" is forbidden: exceeded quota: dev-quota, requested: pods=1, used: pods=2, limited: pods=2')


def test_pod_within_quota_and_other_namespaces_do_not_count():
    reader = FakeReader(quota(hard={"pods": "2"}), pod("a"), pod("x", ns="other"))
    check(reader, request("CREATE", "pods", pod("b")))


def test_finished_pods_do_not_use_compute_quota_but_still_count():
    done = pod("done")
    done["status"] = {"phase": "Succeeded"}
    q = quota(hard={"pods": "1", "count/pods": "5"})
    reader = FakeReader(q, done)
    assert usage_of(reader, q) == {"pods": "0", "count/pods": "1"}
    check(reader, request("CREATE", "pods", pod("next")))


def test_compute_quota_needs_limits_on_every_container():
    reader = FakeReader(quota("compute", hard={"requests.cpu": "1", "limits.cpu": "2", "limits.memory": "1Gi"}))
    obj = pod("web", containers=[{"name": "nginx", "image": "nginx", "resources": {"requests": {"cpu": "100m"}}},
                                 {"name": "sidecar", "image": "envoy", "resources": {}}])
    assert refused(reader, request("CREATE", "pods", obj)) == (
        'pods "web" is forbidden: failed quota: compute: must specify limits.cpu for: nginx,sidecar; limits.memory '
        "for: nginx,sidecar; requests.cpu for: sidecar")


def test_cpu_exceeded_shows_requested_used_and_limited():
    q = quota("compute", hard={"requests.cpu": "1", "requests.memory": "1Gi"})
    reader = FakeReader(q, sized_pod("a", {"cpu": "500m", "memory": "256Mi"}),
                        sized_pod("b", {"cpu": "300m", "memory": "256Mi"}))
    assert usage_of(reader, q) == {"requests.cpu": "800m", "requests.memory": "512Mi"}
    assert refused(reader, request("CREATE", "pods", sized_pod("c", {"cpu": "500m", "memory": "128Mi"}))) == (
        'pods "c" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=800m, '
        "limited: requests.cpu=1")
    check(reader, request("CREATE", "pods", sized_pod("d", {"cpu": "200m", "memory": "128Mi"})))


def test_cpu_and_memory_aliases_are_requests():
    q = quota(hard={"cpu": "2", "memory": "1Gi", "limits.memory": "2Gi"})
    reader = FakeReader(q, sized_pod("a", {"cpu": "1", "memory": "512Mi"}, {"memory": "1Gi"}))
    assert usage_of(reader, q) == {"cpu": "1", "memory": "512Mi", "limits.memory": "1Gi"}


def test_init_containers_and_overhead():
    q = quota(hard={"requests.cpu": "10"})
    reader = FakeReader(q, pod("a", containers=[{"name": "a", "resources": {"requests": {"cpu": "1"}}}],
                               initContainers=[{"name": "i", "resources": {"requests": {"cpu": "3"}}}],
                               overhead={"cpu": "250m"}))
    assert usage_of(reader, q) == {"requests.cpu": "3250m"}


def test_best_effort_and_terminating_scopes():
    best_effort = quota("be", hard={"pods": "1"}, scopes=["BestEffort"])
    reader = FakeReader(best_effort, pod("idle"), sized_pod("busy", {"cpu": "1"}))
    assert usage_of(reader, best_effort) == {"pods": "1"}
    check(reader, request("CREATE", "pods", sized_pod("busy2", {"cpu": "1"})))
    assert refused(reader, request("CREATE", "pods", pod("idle2"))) == (
        'pods "idle2" is forbidden: exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1')
    terminating = quota("jobs", hard={"pods": "0"}, scopes=["Terminating"])
    reader = FakeReader(terminating)
    check(reader, request("CREATE", "pods", pod("long")))
    assert "exceeded quota: jobs" in refused(reader, request("CREATE", "pods", pod("job", activeDeadlineSeconds=60)))


def test_priority_class_scope_selector():
    high = quota("high", hard={"pods": "1"},
                 scopeSelector={"matchExpressions": [{"scopeName": "PriorityClass", "operator": "In",
                                                      "values": ["high"]}]})
    reader = FakeReader(high, pod("a", priorityClassName="high"), pod("b", priorityClassName="low"), pod("c"))
    assert usage_of(reader, high) == {"pods": "1"}
    check(reader, request("CREATE", "pods", pod("d", priorityClassName="low")))
    assert "exceeded quota: high" in refused(reader, request("CREATE", "pods", pod("e", priorityClassName="high")))


def test_services_node_ports_and_load_balancers():
    q = quota(hard={"services": "5", "services.nodeports": "2", "services.loadbalancers": "0"})
    reader = FakeReader(q, service("a", "NodePort"), service("b"))
    assert usage_of(reader, q) == {"services": "2", "services.nodeports": "1", "services.loadbalancers": "0"}
    assert refused(reader, request("CREATE", "services", service("c", "NodePort", ports=2))) == (
        'services "c" is forbidden: exceeded quota: dev-quota, requested: services.nodeports=2, used: '
        "services.nodeports=1, limited: services.nodeports=2")
    assert refused(reader, request("CREATE", "services", service("lb", "LoadBalancer"))) == (
        'services "lb" is forbidden: exceeded quota: dev-quota, requested: services.loadbalancers=1, used: '
        "services.loadbalancers=0, limited: services.loadbalancers=0")


def test_service_type_change_is_charged():
    q = quota(hard={"services.nodeports": "0"})
    old = service("b") | {"metadata": {"name": "b", "namespace": "default", "resourceVersion": "7"}}
    reader = FakeReader(q, old)
    assert "requested: services.nodeports=1" in refused(
        reader, request("UPDATE", "services", service("b", "NodePort"), old=old))
    check(reader, request("UPDATE", "services", service("b"), old=old))


def test_object_counts():
    q = quota(hard={"configmaps": "1", "count/secrets": "3", "count/deployments.apps": "1"})
    configmap = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "one", "namespace": "default"}}
    deployment = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"}}
    reader = FakeReader(q, configmap, deployment)
    assert usage_of(reader, q) == {"configmaps": "1", "count/secrets": "0", "count/deployments.apps": "1"}
    assert refused(reader, request("CREATE", "configmaps", {"metadata": {"name": "two"}})) == (
        'configmaps "two" is forbidden: exceeded quota: dev-quota, requested: configmaps=1, used: configmaps=1, '
        "limited: configmaps=1")
    assert refused(reader, request("CREATE", "deployments", {"metadata": {"name": "api"}}, group="apps")) == (
        'deployments.apps "api" is forbidden: exceeded quota: dev-quota, requested: count/deployments.apps=1, '
        "used: count/deployments.apps=1, limited: count/deployments.apps=1")
    check(reader, request("CREATE", "secrets", {"metadata": {"name": "s"}}))
    check(reader, request("UPDATE", "configmaps", configmap, old=configmap))


def test_claims_storage_per_class():
    q = quota(hard={"requests.storage": "10Gi", "persistentvolumeclaims": "5",
                    "gold.storageclass.storage.k8s.io/requests.storage": "3Gi"})

    def claim(name: str, size: str, storage_class: str = "") -> dict:
        spec = {"resources": {"requests": {"storage": size}}}
        if storage_class:
            spec["storageClassName"] = storage_class
        return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": {"name": name, "namespace": "default"}, "spec": spec}
    reader = FakeReader(q, claim("a", "2Gi", "gold"), claim("b", "4Gi"))
    assert usage_of(reader, q) == {"requests.storage": "6Gi", "persistentvolumeclaims": "2",
                                   "gold.storageclass.storage.k8s.io/requests.storage": "2Gi"}
    assert refused(reader, request("CREATE", "persistentvolumeclaims", claim("c", "2Gi", "gold"))) == (
        'persistentvolumeclaims "c" is forbidden: exceeded quota: dev-quota, requested: '
        "gold.storageclass.storage.k8s.io/requests.storage=2Gi, used: "
        "gold.storageclass.storage.k8s.io/requests.storage=2Gi, limited: "
        "gold.storageclass.storage.k8s.io/requests.storage=3Gi")


def test_no_quota_no_check():
    check(FakeReader(pod("a")), request("CREATE", "pods", pod("b")))
