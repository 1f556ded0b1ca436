"""`mkctl describe` next to the real kubectl 1.32 on the same objects of one mk-apiserver: byte for byte, for the
forms a user types (TYPE NAME, TYPE/NAME, name prefixes, -l, every object of a type, several names with a
missing one) and the errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from apiservers import ApiServer, new_namespace
from mkctl_ops_support import Runner, create, unique

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")


def pod(name: str, labels: dict[str, str], **spec: object) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": labels},
            "spec": {"containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}],
                     **spec}}


@pytest.fixture(scope="module")
def objects(apiserver: ApiServer) -> str:
    """A namespace with pods (web-1, web-2, db), a deployment with a ReplicaSet, a service, a config map and a
    secret."""
    ns = new_namespace(apiserver, "d")
    for name, app in (("web-1", "web"), ("web-2", "web"), ("db", "db")):
        created = create(apiserver, f"/api/v1/namespaces/{ns}/pods", pod(name, {"app": app}))
    hours_ago = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 10 * 3600 - 60))  # "10h"
    create(apiserver, f"/api/v1/namespaces/{ns}/events", {
        "metadata": {"name": "db.1"}, "type": "Warning", "reason": "FailedMount", "count": 4,
        "message": "MountVolume.SetUp failed for volume \"data\"", "source": {"component": "kubelet", "host": "n1"},
        "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": "db", "namespace": ns,
                           "uid": created["metadata"]["uid"]},
        "firstTimestamp": hours_ago, "lastTimestamp": hours_ago})
    deployment = create(apiserver, f"/apis/apps/v1/namespaces/{ns}/deployments", {
        "metadata": {"name": "front", "labels": {"app": "front"}},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "front"}},
                 "template": {"metadata": {"labels": {"app": "front"}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}}})
    create(apiserver, f"/apis/apps/v1/namespaces/{ns}/replicasets", {
        "metadata": {"name": "front-5d4f", "labels": {"app": "front", "pod-template-hash": "5d4f"},
                     "annotations": {"deployment.kubernetes.io/revision": "1"},
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "front",
                                          "uid": deployment["metadata"]["uid"], "controller": True}]},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "front", "pod-template-hash": "5d4f"}},
                 "template": {"metadata": {"labels": {"app": "front", "pod-template-hash": "5d4f"}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}}})
    create(apiserver, f"/api/v1/namespaces/{ns}/services", {
        "metadata": {"name": "front"}, "spec": {"selector": {"app": "front"}, "ports": [{"port": 80}]}})
    create(apiserver, f"/api/v1/namespaces/{ns}/configmaps", {
        "metadata": {"name": "settings"}, "data": {"mode": "fast"}})   # one key: kubectl prints map order
    create(apiserver, f"/api/v1/namespaces/{ns}/secrets", {
        "metadata": {"name": "token"}, "stringData": {"password": "hunter2"}})
    return ns


@pytest.fixture
def run(apiserver: ApiServer, tmp_path: Path) -> Runner:
    return Runner(apiserver, tmp_path)


@pytest.mark.parametrize("args", [
    ("pods", "db"),                        # with its event
    ("pods", "db", "--show-events=false"),
    ("pod/web-1",),
    ("pods", "web"),                       # no exact match: every pod whose name starts with "web"
    ("pods",),
    ("pods", "-l", "app=web"),
    ("pods", "-l", "app=nothing"),
    ("pods", "web-1", "missing", "db"),    # found ones described, the missing one reported, exit 1
    ("pods", "missing"),
    ("pod/missing",),
    ("deployments", "front"),
    ("deploy/front", "--show-events=false"),
    ("replicasets", "front-5d4f"),
    ("svc", "front"),
    ("configmap", "settings"),
    ("secrets", "token"),
    ("serviceaccounts",),
    ("pod/web-1", "pods"),                 # mixing TYPE/NAME with a bare type
], ids=lambda args: " ".join(args))
def test_describe_like_kubectl(run: Runner, objects: str, args: tuple[str, ...]) -> None:
    run.same("describe", "-n", objects, *args)


def test_describe_namespace_and_all_namespaces(run: Runner, objects: str) -> None:
    run.same("describe", "namespace", objects)
    output = run.same("describe", "pods", "-A", "-l", "app=db")
    assert f"Namespace:        {objects}\n" in output


def test_describe_cluster_scoped_node(apiserver: ApiServer, run: Runner) -> None:
    name = unique("node")
    create(apiserver, "/api/v1/nodes", {"metadata": {"name": name, "labels": {"zone": "a"}},
                                        "spec": {"taints": [{"key": "dedicated", "value": "db",
                                                             "effect": "NoSchedule"}]}})
    output = run.same("describe", "node", name)
    assert output.startswith(f"Name:               {name}\n")
    run.same("describe", "nodes", "-l", "zone=nowhere")   # "No resources found in default namespace."


def test_describe_errors(run: Runner, objects: str) -> None:
    run.same("describe")
    run.same("describe", "-n", objects, "nosuchtype")
    run.same("describe", "-n", objects, "pod/")


def test_describe_shows_the_events(run: Runner, objects: str) -> None:
    output = run.same("describe", "-n", objects, "pod", "db")
    assert output.endswith('  Warning  FailedMount  10h (x4 over 10h)  kubelet  MountVolume.SetUp failed for volume '
                           '"data"\n')
