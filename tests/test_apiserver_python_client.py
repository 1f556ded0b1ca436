"""The official `kubernetes` Python client (from PyPI) against mk-apiserver: list, create, patch, watch and
delete pods and deployments, with the admin kubeconfig as a user would load it."""

from __future__ import annotations

import threading

import pytest
from apiservers import ApiServer, new_namespace

kubernetes = pytest.importorskip("kubernetes")


@pytest.fixture
def clients(apiserver: ApiServer):
    from kubernetes import client, config

    api_client = config.new_client_from_config(str(apiserver.kubeconfig))
    yield client.CoreV1Api(api_client), client.AppsV1Api(api_client)
    api_client.close()


@pytest.fixture
def ns(apiserver: ApiServer) -> str:
    return new_namespace(apiserver, "py")


def test_pods_list_create_patch_watch_delete(clients, ns: str) -> None:
    from kubernetes import client, watch

    core, _ = clients
    assert core.list_namespaced_pod(ns).items == []
    listed = core.list_namespaced_pod(ns)
    seen: list[tuple[str, str]] = []
    watching = watch.Watch()

    def follow() -> None:
        for event in watching.stream(core.list_namespaced_pod, ns, resource_version=listed.metadata.resource_version,
                                     timeout_seconds=10):
            seen.append((event["type"], event["object"].metadata.labels.get("stage", "")))
            if event["type"] == "DELETED":
                watching.stop()

    follower = threading.Thread(target=follow)
    follower.start()
    pod = client.V1Pod(metadata=client.V1ObjectMeta(name="py-pod", labels={"stage": "new"}),
                       spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="nginx:1.27")]))
    created = core.create_namespaced_pod(ns, pod)
    assert created.metadata.uid and created.spec.restart_policy == "Always"
    patched = core.patch_namespaced_pod("py-pod", ns, {"metadata": {"labels": {"stage": "patched"}}})
    assert patched.metadata.labels["stage"] == "patched"
    assert [p.metadata.name for p in core.list_namespaced_pod(ns, label_selector="stage=patched").items] == ["py-pod"]
    core.delete_namespaced_pod("py-pod", ns)
    follower.join(timeout=15)
    assert seen == [("ADDED", "new"), ("MODIFIED", "patched"), ("DELETED", "patched")]
    with pytest.raises(client.ApiException) as missing:
        core.read_namespaced_pod("py-pod", ns)
    assert missing.value.status == 404


def test_deployments_create_scale_and_delete(clients, ns: str) -> None:
    from kubernetes import client

    _, apps = clients
    labels = {"app": "py-web"}
    body = client.V1Deployment(
        metadata=client.V1ObjectMeta(name="py-web"),
        spec=client.V1DeploymentSpec(
            replicas=2, selector=client.V1LabelSelector(match_labels=labels),
            template=client.V1PodTemplateSpec(metadata=client.V1ObjectMeta(labels=labels),
                                              spec=client.V1PodSpec(containers=[
                                                  client.V1Container(name="web", image="nginx")]))))
    created = apps.create_namespaced_deployment(ns, body)
    assert created.spec.strategy.type == "RollingUpdate" and created.spec.revision_history_limit == 10
    scale = apps.patch_namespaced_deployment_scale("py-web", ns, {"spec": {"replicas": 4}})
    assert scale.spec.replicas == 4
    assert apps.read_namespaced_deployment("py-web", ns).spec.replicas == 4
    assert [d.metadata.name for d in apps.list_deployment_for_all_namespaces().items if
            d.metadata.namespace == ns] == ["py-web"]
    apps.delete_namespaced_deployment("py-web", ns)
    assert apps.list_namespaced_deployment(ns).items == []
