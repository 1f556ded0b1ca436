"""`mkctl describe`'s text (cli.mkctl.describe) against the real kubectl 1.32's `kubectl describe` of the same
objects on mk-apiserver, byte for byte: objects and events are fetched as the describe command will fetch
them (the lists `requests` names), rendered, and compared with kubectl's stdout. Events carry timestamps days
old so that their ages do not tick during a comparison."""

from __future__ import annotations

import base64
import time
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from apiservers import ApiServer
from etcd_members import wait_until

from cli.mkctl.describe import describe, kind_of, requests
from cli.mkctl.describe.generic import smart_label
from cli.mkctl.describe.writer import PrefixWriter, tabwriter

KUBECTL = Path("/usr/bin/kubectl")
needs_kubectl = pytest.mark.skipif(not KUBECTL.exists(), reason="the real kubectl is not installed")
DAYS_AGO = datetime.now(timezone.utc) - timedelta(days=3, hours=2)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def ns(apiserver: ApiServer) -> str:
    name = "d-" + uuid.uuid4().hex[:8]
    assert apiserver.request("POST", "/api/v1/namespaces", {"metadata": {"name": name}})[0] == 201
    status, body = apiserver.request("POST", f"/api/v1/namespaces/{name}/serviceaccounts",
                                     {"metadata": {"name": "default"}})
    assert status == 201, body
    return name


def create(apiserver: ApiServer, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, created = apiserver.request("POST", path, body)
    assert status == 201, created
    return created


def fetch_related(apiserver: ApiServer, kind: tuple[str, str], obj: dict[str, Any]) -> dict[str, list]:
    """What the describe command does: each requested list, fetched and gathered by key."""
    related: dict[str, list] = {}
    for wanted in requests(kind, obj):
        query = {key: value for key, value in (("labelSelector", wanted.label_selector),
                                               ("fieldSelector", wanted.field_selector)) if value}
        path = wanted.path + ("?" + urllib.parse.urlencode(query) if query else "")
        status, body = apiserver.request("GET", path)
        assert status == 200, (path, body)
        related.setdefault(wanted.key, []).extend(body["items"])
    return related


def assert_same(apiserver: ApiServer, kind: tuple[str, str], path: str, *kubectl_args: str,
                unordered: bool = False) -> str:
    """kubectl's describe and ours of the object at `path`, equal (retried should a second tick between the two
    change an age); `unordered`: the same lines in any order, where kubectl walks a Go map (random order)."""
    for _ in range(3):
        result = apiserver.kubectl("describe", *kubectl_args)
        assert result.returncode == 0, result.stderr
        now = time.time()
        status, obj = apiserver.request("GET", path)
        assert status == 200, obj
        related = fetch_related(apiserver, kind, obj)
        ours = describe(kind, obj, events=related.pop("events", []), related=related, now=now)
        if ours == result.stdout or (unordered and sorted(ours.splitlines()) == sorted(result.stdout.splitlines())):
            return ours
    assert ours == result.stdout, f"ours:\n{ours}\nkubectl:\n{result.stdout}"
    return ours


def event(apiserver: ApiServer, obj: dict[str, Any], reason: str, message: str, *, kind: str,
          api_version: str = "v1", type_: str = "Normal", count: int = 1, component: str = "kubelet",
          offset: int = 0) -> None:
    metadata = obj["metadata"]
    namespace = metadata.get("namespace") or "default"
    first = DAYS_AGO + timedelta(minutes=offset)
    last = first + timedelta(hours=5) if count > 1 else first
    create(apiserver, f"/api/v1/namespaces/{namespace}/events", {
        "metadata": {"name": f"{metadata['name']}.{uuid.uuid4().hex[:10]}", "namespace": namespace},
        "involvedObject": {"kind": kind, "namespace": metadata.get("namespace", ""), "name": metadata["name"],
                           "uid": metadata["uid"], "apiVersion": api_version},
        "reason": reason, "message": message, "type": type_, "count": count,
        "source": {"component": component}, "firstTimestamp": stamp(first), "lastTimestamp": stamp(last)})


RICH_POD = {
    "metadata": {"name": "rich", "labels": {"app": "web", "tier": "front"},
                 "annotations": {"note": "hello", "long": "x" * 150, "multi": "line one\nline two\n"}},
    "spec": {
        "nodeName": "node-a",
        "nodeSelector": {"disk": "ssd"},
        "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "web", "effect": "NoSchedule"},
                        {"operator": "Exists"}],
        "initContainers": [{"name": "setup", "image": "busybox:1.36", "command": ["sh", "-c", "echo hi\necho there"]}],
        "containers": [
            {"name": "app", "image": "nginx:1.27",
             "ports": [{"containerPort": 80}, {"containerPort": 443, "hostPort": 8443}],
             "resources": {"limits": {"cpu": "200m", "memory": "128Mi"}, "requests": {"cpu": "100m", "memory": "64Mi"}},
             "livenessProbe": {"httpGet": {"path": "/healthz", "port": 80}},
             "readinessProbe": {"tcpSocket": {"port": 80}, "initialDelaySeconds": 5},
             "startupProbe": {"exec": {"command": ["cat", "/tmp/ready"]}},
             "envFrom": [{"configMapRef": {"name": "cfg"}}, {"prefix": "S_", "secretRef": {"name": "sec"}}],
             "env": [{"name": "PLAIN", "value": "one"}, {"name": "MULTI", "value": "a\nb"},
                     {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                     {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
                     {"name": "APP", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['app']"}}},
                     {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "divisor": "1m"}}},
                     {"name": "MEM", "valueFrom": {"resourceFieldRef": {"resource": "requests.memory"}}},
                     {"name": "SECRET", "valueFrom": {"secretKeyRef": {"name": "sec", "key": "k"}}},
                     {"name": "CONF", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "k", "optional": True}}}],
             "volumeMounts": [{"name": "data", "mountPath": "/data"},
                              {"name": "cfg", "mountPath": "/etc/cfg", "readOnly": True, "subPath": "app.conf"}]},
            {"name": "sidecar", "image": "busybox", "args": ["sleep", "3600"]},
        ],
        "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cfg", "configMap": {"name": "cfg"}},
                    {"name": "sec", "secret": {"secretName": "sec", "optional": True}},
                    {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
                    {"name": "claim", "persistentVolumeClaim": {"claimName": "data", "readOnly": True}}],
    },
}


@needs_kubectl
def test_pods_with_containers_volumes_and_events(apiserver: ApiServer, ns: str) -> None:
    pod = create(apiserver, f"/api/v1/namespaces/{ns}/pods", RICH_POD)
    status = {"phase": "Running", "hostIP": "10.0.0.1", "podIP": "10.1.0.7", "podIPs": [{"ip": "10.1.0.7"}],
              "startTime": stamp(DAYS_AGO),
              "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "False"}],
              "initContainerStatuses": [{"name": "setup", "image": "busybox:1.36", "imageID": "sha256:1",
                                         "containerID": "containerd://1", "ready": True, "restartCount": 0,
                                         "state": {"terminated": {"exitCode": 0, "reason": "Completed",
                                                                  "startedAt": stamp(DAYS_AGO),
                                                                  "finishedAt": stamp(DAYS_AGO)}}}],
              "containerStatuses": [
                  {"name": "app", "image": "nginx:1.27", "imageID": "sha256:2", "containerID": "containerd://2",
                   "ready": True, "restartCount": 0, "state": {"running": {"startedAt": stamp(DAYS_AGO)}}},
                  {"name": "sidecar", "image": "busybox", "imageID": "sha256:3", "containerID": "containerd://3",
                   "ready": False, "restartCount": 4, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                   "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": stamp(DAYS_AGO),
                                                "finishedAt": stamp(DAYS_AGO)}}}]}
    code, body = apiserver.request("PUT", f"/api/v1/namespaces/{ns}/pods/rich/status", {**pod, "status": status})
    assert code == 200, body
    event(apiserver, pod, "Scheduled", "Successfully assigned to node-a", kind="Pod",
          component="default-scheduler")
    event(apiserver, pod, "BackOff", "Back-off restarting failed container", kind="Pod", type_="Warning",
          count=7, offset=5)
    text = assert_same(apiserver, ("", "Pod"), f"/api/v1/namespaces/{ns}/pods/rich", "pod", "rich", "-n", ns)
    assert "Events:\n  Type     Reason" in text

    create(apiserver, f"/api/v1/namespaces/{ns}/pods", {"metadata": {"name": "bare"}, "spec": {
        "containers": [{"name": "main", "image": "busybox", "command": ["sleep", "1"]}]}})
    text = assert_same(apiserver, ("", "Pod"), f"/api/v1/namespaces/{ns}/pods/bare", "pod", "bare", "-n", ns)
    assert text.splitlines()[-1].split() == ["Events:", "<none>"]
    quiet = apiserver.kubectl("describe", "pod", "bare", "-n", ns, "--show-events=false")
    status, bare = apiserver.request("GET", f"/api/v1/namespaces/{ns}/pods/bare")
    assert describe(("", "Pod"), bare, events=None) == quiet.stdout
    assert requests(("", "Pod"), bare, show_events=False) == []


DEPLOYMENT_TEMPLATE = {"metadata": {"labels": {"app": "web"}},
                       "spec": {"containers": [{"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80}],
                                                "env": [{"name": "MODE", "value": "prod"}]}]}}


@needs_kubectl
def test_deployments_with_replica_sets_and_events(apiserver: ApiServer, ns: str) -> None:
    deployment = create(apiserver, f"/apis/apps/v1/namespaces/{ns}/deployments", {
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}}, "template": DEPLOYMENT_TEMPLATE}})
    owner = {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": deployment["metadata"]["uid"],
             "controller": True, "blockOwnerDeletion": True}
    for name, image, replicas in (("web-old", "nginx:1.26", 1), ("web-new", "nginx:1.27", 2)):
        template = {"metadata": {"labels": {"app": "web", "pod-template-hash": name}},
                    "spec": {**DEPLOYMENT_TEMPLATE["spec"],
                             "containers": [{**DEPLOYMENT_TEMPLATE["spec"]["containers"][0], "image": image}]}}
        rs = create(apiserver, f"/apis/apps/v1/namespaces/{ns}/replicasets", {
            "metadata": {"name": name, "labels": {"app": "web", "pod-template-hash": name}, "ownerReferences": [owner]},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web", "pod-template-hash": name}},
                     "template": template}})
    event(apiserver, deployment, "ScalingReplicaSet", "Scaled up replica set web-new to 2", kind="Deployment",
          api_version="apps/v1", component="deployment-controller")
    assert_same(apiserver, ("apps", "Deployment"), f"/apis/apps/v1/namespaces/{ns}/deployments/web",
                "deployment", "web", "-n", ns)
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", {
        "metadata": {"name": "web-new-1", "labels": {"app": "web", "pod-template-hash": "web-new"},
                     "ownerReferences": [{**owner, "kind": "ReplicaSet", "name": "web-new",
                                          "uid": rs["metadata"]["uid"]}]},
        "spec": DEPLOYMENT_TEMPLATE["spec"]})
    assert_same(apiserver, ("apps", "ReplicaSet"), f"/apis/apps/v1/namespaces/{ns}/replicasets/web-new",
                "replicaset", "web-new", "-n", ns)


@needs_kubectl
def test_other_workloads(apiserver: ApiServer, ns: str) -> None:
    selector = {"matchLabels": {"app": "db"}}
    template = {"metadata": {"labels": {"app": "db"}},
                "spec": {"containers": [{"name": "db", "image": "postgres:16"}], "restartPolicy": "OnFailure"}}
    always = {**template, "spec": {**template["spec"], "restartPolicy": "Always"}}
    create(apiserver, f"/apis/apps/v1/namespaces/{ns}/statefulsets", {
        "metadata": {"name": "db"}, "spec": {
            "replicas": 1, "serviceName": "db", "selector": selector, "template": always,
            "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {
                "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}})
    assert_same(apiserver, ("apps", "StatefulSet"), f"/apis/apps/v1/namespaces/{ns}/statefulsets/db",
                "statefulset", "db", "-n", ns)
    create(apiserver, f"/apis/apps/v1/namespaces/{ns}/daemonsets", {
        "metadata": {"name": "agent"}, "spec": {"selector": selector, "template": always}})
    assert_same(apiserver, ("apps", "DaemonSet"), f"/apis/apps/v1/namespaces/{ns}/daemonsets/agent",
                "daemonset", "agent", "-n", ns)
    job_template = {"metadata": {}, "spec": {"containers": [{"name": "c", "image": "busybox"}],
                                              "restartPolicy": "Never"}}
    create(apiserver, f"/apis/batch/v1/namespaces/{ns}/jobs", {
        "metadata": {"name": "once"}, "spec": {"backoffLimit": 2, "template": job_template}})
    assert_same(apiserver, ("batch", "Job"), f"/apis/batch/v1/namespaces/{ns}/jobs/once", "job", "once", "-n", ns)
    create(apiserver, f"/apis/batch/v1/namespaces/{ns}/cronjobs", {
        "metadata": {"name": "nightly"},
        "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": job_template}}}})
    assert_same(apiserver, ("batch", "CronJob"), f"/apis/batch/v1/namespaces/{ns}/cronjobs/nightly",
                "cronjob", "nightly", "-n", ns)


@needs_kubectl
def test_services_endpoints_and_ingresses(apiserver: ApiServer, ns: str) -> None:
    service = create(apiserver, f"/api/v1/namespaces/{ns}/services", {
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {"type": "NodePort", "selector": {"app": "web"},
                 "ports": [{"name": "http", "port": 80, "targetPort": 8080},
                           {"name": "metrics", "port": 9090, "targetPort": "metrics"}]}})
    create(apiserver, f"/apis/discovery.k8s.io/v1/namespaces/{ns}/endpointslices", {
        "metadata": {"name": "web-abc", "labels": {"kubernetes.io/service-name": "web"}},
        "addressType": "IPv4",
        "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}],
        "endpoints": [{"addresses": [f"10.1.0.{i}"], "conditions": {"ready": i != 3}, "nodeName": "node-a",
                       "targetRef": {"kind": "Pod", "name": f"web-{i}", "namespace": ns}} for i in range(1, 7)]})
    event(apiserver, service, "Updated", "Service updated", kind="Service", component="service-controller")
    assert_same(apiserver, ("", "Service"), f"/api/v1/namespaces/{ns}/services/web", "service", "web", "-n", ns)
    assert_same(apiserver, ("discovery.k8s.io", "EndpointSlice"),
                f"/apis/discovery.k8s.io/v1/namespaces/{ns}/endpointslices/web-abc", "endpointslice", "web-abc",
                "-n", ns)
    create(apiserver, f"/api/v1/namespaces/{ns}/endpoints", {
        "metadata": {"name": "manual"},
        "subsets": [{"addresses": [{"ip": "10.1.0.1"}, {"ip": "10.1.0.2"}], "notReadyAddresses": [{"ip": "10.1.0.3"}],
                     "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}]}]})
    assert_same(apiserver, ("", "Endpoints"), f"/api/v1/namespaces/{ns}/endpoints/manual", "endpoints", "manual",
                "-n", ns)
    create(apiserver, f"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", {
        "metadata": {"name": "site", "annotations": {"team": "web"}},
        "spec": {"ingressClassName": "nginx", "tls": [{"hosts": ["example.com"], "secretName": "tls"}],
                 "rules": [{"host": "example.com", "http": {"paths": [
                     {"path": "/", "pathType": "Prefix",
                      "backend": {"service": {"name": "web", "port": {"name": "http"}}}},
                     {"path": "/api", "pathType": "Prefix",
                      "backend": {"service": {"name": "api", "port": {"number": 80}}}}]}}]}})
    assert_same(apiserver, ("networking.k8s.io", "Ingress"),
                f"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/site", "ingress", "site", "-n", ns)


@needs_kubectl
def test_namespaces_quotas_and_limit_ranges(apiserver: ApiServer, ns: str) -> None:
    assert_same(apiserver, ("", "Namespace"), f"/api/v1/namespaces/{ns}", "namespace", ns)
    create(apiserver, f"/api/v1/namespaces/{ns}/resourcequotas", {
        "metadata": {"name": "compute"},
        "spec": {"hard": {"pods": "10", "requests.cpu": "2", "requests.memory": "1Gi"}}})
    create(apiserver, f"/api/v1/namespaces/{ns}/resourcequotas", {
        "metadata": {"name": "besteffort"}, "spec": {"hard": {"pods": "5"}, "scopes": ["BestEffort"]}})
    create(apiserver, f"/api/v1/namespaces/{ns}/limitranges", {
        "metadata": {"name": "limits"},
        "spec": {"limits": [{"type": "Container", "max": {"cpu": "1"}, "min": {"cpu": "100m"},
                             "default": {"cpu": "500m"}, "defaultRequest": {"cpu": "200m"}}]}})
    assert_same(apiserver, ("", "Namespace"), f"/api/v1/namespaces/{ns}", "namespace", ns)
    assert_same(apiserver, ("", "ResourceQuota"), f"/api/v1/namespaces/{ns}/resourcequotas/besteffort",
                "quota", "besteffort", "-n", ns)
    assert_same(apiserver, ("", "ResourceQuota"), f"/api/v1/namespaces/{ns}/resourcequotas/compute",
                "quota", "compute", "-n", ns)
    assert_same(apiserver, ("", "LimitRange"), f"/api/v1/namespaces/{ns}/limitranges/limits",
                "limitrange", "limits", "-n", ns)


@needs_kubectl
def test_configmaps_secrets_and_service_accounts(apiserver: ApiServer, ns: str) -> None:
    config_map = create(apiserver, f"/api/v1/namespaces/{ns}/configmaps", {
        "metadata": {"name": "cfg", "labels": {"app": "web"}},
        "data": {"app.conf": "listen 80\nroot /srv\n"},
        "binaryData": {"blob": base64.b64encode(b"\x00\x01\x02").decode()}})
    event(apiserver, config_map, "Seen", "looked at", kind="ConfigMap", component="someone")
    assert_same(apiserver, ("", "ConfigMap"), f"/api/v1/namespaces/{ns}/configmaps/cfg", "configmap", "cfg", "-n", ns)
    create(apiserver, f"/api/v1/namespaces/{ns}/secrets", {
        "metadata": {"name": "sec"}, "type": "Opaque", "data": {"password": base64.b64encode(b"s3cret").decode()}})
    assert_same(apiserver, ("", "Secret"), f"/api/v1/namespaces/{ns}/secrets/sec", "secret", "sec", "-n", ns)
    create(apiserver, f"/api/v1/namespaces/{ns}/serviceaccounts", {
        "metadata": {"name": "robot"}, "secrets": [{"name": "sec"}, {"name": "gone"}],
        "imagePullSecrets": [{"name": "pull"}]})
    assert_same(apiserver, ("", "ServiceAccount"), f"/api/v1/namespaces/{ns}/serviceaccounts/robot",
                "serviceaccount", "robot", "-n", ns)


@needs_kubectl
def test_nodes_with_their_pods(apiserver: ApiServer, ns: str) -> None:
    name = "node-" + uuid.uuid4().hex[:6]
    node = create(apiserver, "/api/v1/nodes", {
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name, "node-role.kubernetes.io/worker": ""}},
        "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"],
                 "taints": [{"key": "dedicated", "value": "db", "effect": "NoSchedule"}]}})
    status = {"capacity": {"cpu": "4", "memory": "8Gi", "pods": "110", "ephemeral-storage": "100Gi"},
              "allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110", "ephemeral-storage": "100Gi"},
              "addresses": [{"type": "InternalIP", "address": "192.168.0.5"}, {"type": "Hostname", "address": name}],
              "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "ready",
                              "lastHeartbeatTime": stamp(DAYS_AGO), "lastTransitionTime": stamp(DAYS_AGO)}],
              "nodeInfo": {"machineID": "m", "systemUUID": "s", "bootID": "b", "kernelVersion": "6.1",
                           "osImage": "Linux", "operatingSystem": "linux", "architecture": "amd64",
                           "containerRuntimeVersion": "containerd://1.7", "kubeletVersion": "v1.32.0",
                           "kubeProxyVersion": "v1.32.0"}}
    code, body = apiserver.request("PUT", f"/api/v1/nodes/{name}/status", {**node, "status": status})
    assert code == 200, body
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", {"metadata": {"name": "on-node"}, "spec": {
        "nodeName": name, "containers": [{"name": "c", "image": "busybox", "resources": {
            "requests": {"cpu": "500m", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "2Gi"}}}]}})
    event(apiserver, node, "NodeReady", "Node is ready", kind="Node")
    assert_same(apiserver, ("", "Node"), f"/api/v1/nodes/{name}", "node", name)


@needs_kubectl
def test_storage_rbac_and_generic(apiserver: ApiServer, ns: str) -> None:
    pv_name = "pv-" + uuid.uuid4().hex[:6]
    create(apiserver, "/api/v1/persistentvolumes", {
        "metadata": {"name": pv_name},
        "spec": {"capacity": {"storage": "5Gi"}, "accessModes": ["ReadWriteOnce", "ReadOnlyMany"],
                 "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "manual",
                 "hostPath": {"path": "/mnt/data"}}})
    assert_same(apiserver, ("", "PersistentVolume"), f"/api/v1/persistentvolumes/{pv_name}", "pv", pv_name)
    create(apiserver, f"/api/v1/namespaces/{ns}/persistentvolumeclaims", {
        "metadata": {"name": "data"},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}},
                 "storageClassName": "manual"}})
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", {"metadata": {"name": "user"}, "spec": {
        "containers": [{"name": "c", "image": "busybox"}],
        "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "data"}}]}})
    assert_same(apiserver, ("", "PersistentVolumeClaim"), f"/api/v1/namespaces/{ns}/persistentvolumeclaims/data",
                "pvc", "data", "-n", ns)
    create(apiserver, f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles", {
        "metadata": {"name": "reader"},
        "rules": [{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list", "watch"]},
                  {"apiGroups": ["apps"], "resources": ["deployments"], "resourceNames": ["web"],
                   "verbs": ["get", "patch"]}]})
    assert_same(apiserver, ("rbac.authorization.k8s.io", "Role"),
                f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles/reader", "role", "reader", "-n", ns)
    assert_same(apiserver, ("rbac.authorization.k8s.io", "ClusterRole"),
                "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:discovery", "clusterrole", "system:discovery")
    create(apiserver, f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings", {
        "metadata": {"name": "read"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role",
                                                  "name": "reader"},
        "subjects": [{"kind": "User", "name": "jane", "apiGroup": "rbac.authorization.k8s.io"},
                     {"kind": "ServiceAccount", "name": "default", "namespace": ns}]})
    assert_same(apiserver, ("rbac.authorization.k8s.io", "RoleBinding"),
                f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings/read", "rolebinding", "read",
                "-n", ns)
    lease = create(apiserver, f"/apis/coordination.k8s.io/v1/namespaces/{ns}/leases", {
        "metadata": {"name": "leader", "labels": {"a": "b"}},
        "spec": {"holderIdentity": "me", "leaseDurationSeconds": 15, "renewTime": "2024-01-01T00:00:00.000000Z"}})
    assert lease["metadata"]["name"] == "leader"
    assert_same(apiserver, ("coordination.k8s.io", "Lease"),
                f"/apis/coordination.k8s.io/v1/namespaces/{ns}/leases/leader", "lease", "leader", "-n", ns)


def test_tabwriter_aligns_runs_of_lines_with_tabs() -> None:
    assert tabwriter("a:\tb\nlong key:\tc\nno tab\nx:\ty\n") == "a:         b\nlong key:  c\nno tab\nx:  y\n"
    assert tabwriter("  T\tS\n  Ready \tTrue \n") == "  T       S\n  Ready   True \n"
    w = PrefixWriter()
    w.write(0, "Name:\tx\n")
    w.flush()
    w.write(1, "Type\tReason\n")
    w.write(1, "----\t------\n")
    assert w.render() == "Name:  x\n  Type  Reason\n  ----  ------\n"


def test_smart_labels_as_kubectl_makes_them() -> None:
    assert smart_label("apiVersion") == "API Version"
    assert smart_label("resourceVersion") == "Resource Version"
    assert smart_label("uid") == "UID"
    assert smart_label("holderIdentity") == "Holder Identity"
    assert smart_label("v1beta1") == "v1beta1"
    assert smart_label("HTTPServer") == "HTTP Server"


@needs_kubectl
def test_custom_resources_and_events_fall_back_to_the_generic_describer(apiserver: ApiServer, ns: str) -> None:
    group = f"g{uuid.uuid4().hex[:6]}.example.com"
    schema = {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
    create(apiserver, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
        "metadata": {"name": f"widgets.{group}"},
        "spec": {"group": group, "scope": "Namespaced",
                 "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"},
                 "versions": [{"name": "v1", "served": True, "storage": True,
                               "schema": {"openAPIV3Schema": schema}}]}})
    path = f"/apis/{group}/v1/namespaces/{ns}/widgets"
    wait_until(lambda: apiserver.request("GET", path)[0] == 200, timeout=5, message="the CRD to be served")
    widget = create(apiserver, path, {
        "apiVersion": f"{group}/v1", "kind": "Widget",
        "metadata": {"name": "w1", "labels": {"size": "big"}},
        "spec": {"replicas": 3, "ratio": 0.25, "enabled": True, "nothing": None, "tags": ["a", "b"],
                 "ports": [{"name": "http", "containerPort": 80}], "nested": {"deepKey": {"x-y": "z"}},
                 "apiURL": "https://x", "httpServer": "s", "v1beta1": "raw"}})
    event(apiserver, widget, "Created", "widget made", kind="Widget", api_version=f"{group}/v1",
          component="widget-controller")
    assert_same(apiserver, (group, "Widget"), f"{path}/w1", f"widgets.{group}", "w1", "-n", ns)
    assert_same(apiserver, ("apiextensions.k8s.io", "CustomResourceDefinition"),
                f"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.{group}", "crd", f"widgets.{group}")
    status, listed = apiserver.request("GET", f"/api/v1/namespaces/{ns}/events")
    assert status == 200
    name = listed["items"][0]["metadata"]["name"]
    assert_same(apiserver, ("", "Event"), f"/api/v1/namespaces/{ns}/events/{name}", "event", name, "-n", ns)


@needs_kubectl
def test_templates_controllers_and_bindings(apiserver: ApiServer, ns: str) -> None:
    template = {"metadata": {"labels": {"app": "rc"}, "annotations": {"checksum": "abc"}},
                "spec": {"serviceAccountName": "default", "priorityClassName": "system-node-critical",
                         "initContainers": [{"name": "init", "image": "busybox"}],
                         "containers": [{"name": "c", "image": "busybox", "ports": [{"containerPort": 53,
                                                                                     "protocol": "UDP"}]}],
                         "volumes": [{"name": "cache", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}}],
                         "topologySpreadConstraints": [
                             {"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
                              "labelSelector": {"matchLabels": {"app": "rc"}}}],
                         "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoExecute",
                                          "tolerationSeconds": 30}]}}
    create(apiserver, f"/api/v1/namespaces/{ns}/replicationcontrollers", {
        "metadata": {"name": "rc"}, "spec": {"replicas": 1, "selector": {"app": "rc"}, "template": template}})
    assert_same(apiserver, ("", "ReplicationController"), f"/api/v1/namespaces/{ns}/replicationcontrollers/rc",
                "rc", "rc", "-n", ns)
    create(apiserver, f"/apis/apps/v1/namespaces/{ns}/deployments", {
        "metadata": {"name": "expr"},
        "spec": {"selector": {"matchLabels": {"app": "rc"},
                              "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["b", "a"]}]},
                 "strategy": {"type": "Recreate"}, "template": {**template, "metadata": {
                     "labels": {"app": "rc", "tier": "c"}}}}})
    assert_same(apiserver, ("apps", "Deployment"), f"/apis/apps/v1/namespaces/{ns}/deployments/expr",
                "deployment", "expr", "-n", ns)
    name = "crb-" + uuid.uuid4().hex[:6]
    create(apiserver, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
        "metadata": {"name": name},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
        "subjects": [{"kind": "Group", "name": "devs", "apiGroup": "rbac.authorization.k8s.io"}]})
    assert_same(apiserver, ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
                f"/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/{name}", "clusterrolebinding", name)
    assert_same(apiserver, ("rbac.authorization.k8s.io", "ClusterRole"),
                "/apis/rbac.authorization.k8s.io/v1/clusterroles/admin", "clusterrole", "admin")


@needs_kubectl
def test_service_account_tokens_and_terminating_pods(apiserver: ApiServer, ns: str) -> None:
    account = create(apiserver, f"/api/v1/namespaces/{ns}/serviceaccounts", {"metadata": {"name": "builder"}})
    create(apiserver, f"/api/v1/namespaces/{ns}/secrets", {
        "metadata": {"name": "builder-token", "annotations": {
            "kubernetes.io/service-account.name": "builder",
            "kubernetes.io/service-account.uid": account["metadata"]["uid"]}},
        "type": "kubernetes.io/service-account-token",
        "data": {"token": base64.b64encode(b"abc.def").decode(), "ca.crt": base64.b64encode(b"PEM").decode()}})
    assert_same(apiserver, ("", "ServiceAccount"), f"/api/v1/namespaces/{ns}/serviceaccounts/builder",
                "serviceaccount", "builder", "-n", ns)
    status, secret = apiserver.request("GET", f"/api/v1/namespaces/{ns}/secrets/builder-token")
    assert status == 200, secret
    assert_same(apiserver, ("", "Secret"), f"/api/v1/namespaces/{ns}/secrets/builder-token", "secret",
                "builder-token", "-n", ns, unordered=True)
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", {
        "metadata": {"name": "leaving", "finalizers": ["example.com/hold"]},
        "spec": {"containers": [{"name": "c", "image": "busybox"}]}})
    status, body = apiserver.request("DELETE", f"/api/v1/namespaces/{ns}/pods/leaving")
    assert status in (200, 202), body
    text = assert_same(apiserver, ("", "Pod"), f"/api/v1/namespaces/{ns}/pods/leaving", "pod", "leaving", "-n", ns)
    assert "Terminating (lasts " in text and "Termination Grace Period:" in text, text
    status, pod = apiserver.request("GET", f"/api/v1/namespaces/{ns}/pods/leaving")
    pod["metadata"]["finalizers"] = []
    assert apiserver.request("PUT", f"/api/v1/namespaces/{ns}/pods/leaving", pod)[0] == 200


@needs_kubectl
def test_event_series_node_leases_and_default_backends(apiserver: ApiServer, ns: str) -> None:
    config_map = create(apiserver, f"/api/v1/namespaces/{ns}/configmaps", {"metadata": {"name": "watched"}})
    metadata = config_map["metadata"]
    create(apiserver, f"/api/v1/namespaces/{ns}/events", {
        "metadata": {"name": "watched.series", "namespace": ns},
        "involvedObject": {"kind": "ConfigMap", "namespace": ns, "name": "watched", "uid": metadata["uid"],
                           "apiVersion": "v1"},
        "reason": "Synced", "message": "  synced again  ", "type": "Normal",
        "eventTime": DAYS_AGO.strftime("%Y-%m-%dT%H:%M:%S.000000Z"),
        "series": {"count": 4, "lastObservedTime": (DAYS_AGO + timedelta(hours=7)).strftime(
            "%Y-%m-%dT%H:%M:%S.000000Z")},
        "reportingComponent": "syncer", "reportingInstance": "syncer-1", "action": "Sync"})
    event(apiserver, config_map, "Old", "older", kind="ConfigMap", component="", offset=-60)
    text = assert_same(apiserver, ("", "ConfigMap"), f"/api/v1/namespaces/{ns}/configmaps/watched", "configmap",
                       "watched", "-n", ns)
    assert "(x4 over 3d2h)" in text and "syncer" in text, text

    name = "leased-" + uuid.uuid4().hex[:6]
    create(apiserver, "/api/v1/nodes", {"metadata": {"name": name}})
    text = assert_same(apiserver, ("", "Node"), f"/api/v1/nodes/{name}", "node", name)
    assert "Failed to get lease" in text, text
    if apiserver.request("GET", "/api/v1/namespaces/kube-node-lease")[0] == 404:
        create(apiserver, "/api/v1/namespaces", {"metadata": {"name": "kube-node-lease"}})
    create(apiserver, "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", {
        "metadata": {"name": name}, "spec": {"holderIdentity": name, "leaseDurationSeconds": 40,
                                             "renewTime": DAYS_AGO.strftime("%Y-%m-%dT%H:%M:%S.000000Z")}})
    text = assert_same(apiserver, ("", "Node"), f"/api/v1/nodes/{name}", "node", name)
    assert f"HolderIdentity:  {name}" in text, text

    create(apiserver, f"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", {
        "metadata": {"name": "fallback"},
        "spec": {"defaultBackend": {"service": {"name": "missing", "port": {"number": 8080}}}}})
    assert_same(apiserver, ("networking.k8s.io", "Ingress"),
                f"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/fallback", "ingress", "fallback", "-n", ns)


@needs_kubectl
def test_policies_and_classes(apiserver: ApiServer, ns: str) -> None:
    suffix = uuid.uuid4().hex[:6]
    create(apiserver, "/apis/scheduling.k8s.io/v1/priorityclasses", {
        "metadata": {"name": f"high-{suffix}", "annotations": {"a": "b"}}, "value": 1000,
        "description": "important pods"})
    assert_same(apiserver, ("scheduling.k8s.io", "PriorityClass"),
                f"/apis/scheduling.k8s.io/v1/priorityclasses/high-{suffix}", "priorityclass", f"high-{suffix}")
    create(apiserver, "/apis/storage.k8s.io/v1/storageclasses", {
        "metadata": {"name": f"fast-{suffix}", "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
        "provisioner": "example.com/fast", "parameters": {"type": "ssd"}, "mountOptions": ["noatime"],
        "allowedTopologies": [{"matchLabelExpressions": [{"key": "zone", "values": ["a", "b"]}]}]})
    assert_same(apiserver, ("storage.k8s.io", "StorageClass"),
                f"/apis/storage.k8s.io/v1/storageclasses/fast-{suffix}", "storageclass", f"fast-{suffix}")
    create(apiserver, "/apis/networking.k8s.io/v1/ingressclasses", {
        "metadata": {"name": f"nginx-{suffix}"},
        "spec": {"controller": "k8s.io/ingress-nginx",
                 "parameters": {"apiGroup": "k8s.example.com", "kind": "Params", "name": "p"}}})
    assert_same(apiserver, ("networking.k8s.io", "IngressClass"),
                f"/apis/networking.k8s.io/v1/ingressclasses/nginx-{suffix}", "ingressclass", f"nginx-{suffix}")
    create(apiserver, f"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets", {
        "metadata": {"name": "pdb"}, "spec": {"minAvailable": "50%", "selector": {"matchLabels": {"app": "web"}}}})
    assert_same(apiserver, ("policy", "PodDisruptionBudget"),
                f"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets/pdb", "pdb", "pdb", "-n", ns)
    create(apiserver, f"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers", {
        "metadata": {"name": "web"},
        "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                 "minReplicas": 2, "maxReplicas": 5,
                 "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                                 "type": "Utilization", "averageUtilization": 70}}},
                             {"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {
                                 "type": "AverageValue", "averageValue": "10"}}}],
                 "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60, "policies": [
                     {"type": "Pods", "value": 1, "periodSeconds": 30}]}}}})
    assert_same(apiserver, ("autoscaling", "HorizontalPodAutoscaler"),
                f"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers/web", "hpa", "web", "-n", ns)
    create(apiserver, f"/apis/networking.k8s.io/v1/namespaces/{ns}/networkpolicies", {
        "metadata": {"name": "np"},
        "spec": {"podSelector": {"matchLabels": {"app": "web"}}, "policyTypes": ["Ingress", "Egress"],
                 "ingress": [{"from": [{"podSelector": {"matchLabels": {"role": "fe"}}},
                                       {"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}],
                              "ports": [{"port": 80}, {"port": 8000, "endPort": 8080, "protocol": "UDP"}]},
                             {}],
                 "egress": []}})
    assert_same(apiserver, ("networking.k8s.io", "NetworkPolicy"),
                f"/apis/networking.k8s.io/v1/namespaces/{ns}/networkpolicies/np", "networkpolicy", "np", "-n", ns)


@needs_kubectl
def test_certificate_signing_requests(apiserver: ApiServer) -> None:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "jane"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "devs"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ops")])
    names = x509.SubjectAlternativeName([x509.DNSName("jane.example.com"), x509.DNSName("j.example.com"),
                                         x509.IPAddress(ipaddress.ip_address("10.0.0.9"))])
    request = (x509.CertificateSigningRequestBuilder().subject_name(subject)
               .add_extension(names, critical=False).sign(key, hashes.SHA256()))
    pem = request.public_bytes(serialization.Encoding.PEM)
    name = "csr-" + uuid.uuid4().hex[:6]
    create(apiserver, "/apis/certificates.k8s.io/v1/certificatesigningrequests", {
        "metadata": {"name": name},
        "spec": {"request": base64.b64encode(pem).decode(), "signerName": "kubernetes.io/kube-apiserver-client",
                 "expirationSeconds": 86400, "usages": ["client auth"]}})
    assert_same(apiserver, ("certificates.k8s.io", "CertificateSigningRequest"),
                f"/apis/certificates.k8s.io/v1/certificatesigningrequests/{name}", "csr", name)


REFERENCE = Path(__file__).resolve().parents[2] / "shared/reference/kubectl-1.32/printer-columns.md"
RECORDED_POD = {
    "metadata": {"name": "rich", "namespace": "default", "labels": {"app": "web", "pod-template-hash": "7d4b9c"},
                 "annotations": {"note": "hello"}, "uid": "x",
                 "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c",
                                      "uid": "r", "controller": True}]},
    "spec": {"priority": 0, "serviceAccountName": "default", "nodeName": "node-1",
             "containers": [
                 {"name": "app", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}],
                  "resources": {"limits": {"cpu": "200m", "memory": "128Mi"},
                                "requests": {"cpu": "100m", "memory": "64Mi"}},
                  "env": [{"name": "FOO", "value": "bar"}],
                  "volumeMounts": [{"name": "cfg", "mountPath": "/etc/cfg", "readOnly": True}]},
                 {"name": "sidecar", "image": "busybox", "command": ["sh", "-c", "exit 1"]}],
             "volumes": [{"name": "cfg", "configMap": {"name": "app-cfg"}}],
             "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
                              "tolerationSeconds": 300}]},
    "status": {"phase": "Running", "hostIP": "192.168.0.10", "podIP": "10.0.0.7", "podIPs": [{"ip": "10.0.0.7"}],
               "startTime": "2024-01-01T00:00:01Z", "qosClass": "Burstable",
               "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "False"},
                              {"type": "ContainersReady", "status": "False"},
                              {"type": "PodScheduled", "status": "True"}],
               "containerStatuses": [
                   {"name": "app", "containerID": "containerd://aaaa", "imageID": "docker.io/library/nginx@sha256:abc",
                    "ready": True, "restartCount": 0, "state": {"running": {"startedAt": "2024-01-01T00:00:02Z"}}},
                   {"name": "sidecar", "containerID": "containerd://bbbb",
                    "imageID": "docker.io/library/busybox@sha256:def", "ready": False, "restartCount": 5,
                    "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                    "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
                                                 "startedAt": "2024-01-01T00:10:00Z",
                                                 "finishedAt": "2024-01-01T00:10:01Z"}}}]},
}
RECORDED_EVENTS = [
    {"type": "Normal", "reason": "Scheduled", "count": 1, "source": {"component": "default-scheduler"},
     "firstTimestamp": "2024-01-01T00:00:01Z", "lastTimestamp": "2024-01-01T00:00:01Z",
     "message": "Successfully assigned default/rich to node-1"},
    {"type": "Warning", "reason": "BackOff", "count": 25, "source": {"component": "kubelet"},
     "firstTimestamp": "2024-01-01T00:00:05Z", "lastTimestamp": "2024-01-01T00:30:00Z",
     "message": "Back-off restarting failed container sidecar in pod rich_default(x)"},
]


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):
    """Local time is UTC, as where the reference was recorded (describe prints local times)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.skipif(not REFERENCE.exists(), reason="the kubectl reference is not next to the repository")
def test_the_recorded_describe_pod_of_the_reference(utc: None) -> None:
    section = REFERENCE.read_text().split("## 4. `kubectl describe pod`", 1)[1]
    recorded = section.split("```\n", 2)[1]
    now = datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp() + (730 + 326) * 86400 + 3600
    assert describe(("", "Pod"), RECORDED_POD, events=RECORDED_EVENTS, now=now) == recorded


@needs_kubectl
def test_ephemeral_and_other_volume_sources(apiserver: ApiServer, ns: str) -> None:
    claim = {"metadata": {"labels": {"a": "1", "b": "2"}, "annotations": {"x": "y"}},
             "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "fast",
                      "resources": {"requests": {"storage": "1Gi"}},
                      "dataSource": {"kind": "VolumeSnapshot", "apiGroup": "snapshot.storage.k8s.io", "name": "s"}}}
    volumes = [{"name": "scratch", "ephemeral": {"volumeClaimTemplate": claim}},
               {"name": "repo", "gitRepo": {"repository": "https://example.com/r.git", "revision": "main"}},
               {"name": "disk", "gcePersistentDisk": {"pdName": "pd", "fsType": "ext4"}},
               {"name": "ebs", "awsElasticBlockStore": {"volumeID": "vol-1", "readOnly": True}},
               {"name": "nfs", "nfs": {"server": "nfs.local", "path": "/x"}},
               {"name": "api", "downwardAPI": {"items": [{"path": "labels",
                                                          "fieldRef": {"fieldPath": "metadata.labels"}}]}},
               {"name": "csi", "csi": {"driver": "csi.example.com", "volumeAttributes": {"size": "1", "tier": "x"}}}]
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", {"metadata": {"name": "vols"}, "spec": {
        "containers": [{"name": "c", "image": "busybox",
                        "volumeDevices": [{"name": "scratch", "devicePath": "/dev/xvda"}]}], "volumes": volumes}})
    text = assert_same(apiserver, ("", "Pod"), f"/api/v1/namespaces/{ns}/pods/vols", "pod", "vols", "-n", ns)
    assert "EphemeralVolume" in text and "Devices:" in text and "VolumeAttributes:" in text, text
    create(apiserver, f"/apis/apps/v1/namespaces/{ns}/deployments", {
        "metadata": {"name": "vols"}, "spec": {"selector": {"matchLabels": {"app": "v"}}, "template": {
            "metadata": {"labels": {"app": "v"}},
            "spec": {"containers": [{"name": "c", "image": "busybox"}], "volumes": volumes}}}})
    assert_same(apiserver, ("apps", "Deployment"), f"/apis/apps/v1/namespaces/{ns}/deployments/vols",
                "deployment", "vols", "-n", ns)


@needs_kubectl
def test_persistent_volumes_with_node_affinity_and_csi(apiserver: ApiServer) -> None:
    suffix = uuid.uuid4().hex[:6]
    create(apiserver, "/api/v1/persistentvolumes", {
        "metadata": {"name": f"local-{suffix}", "finalizers": ["kubernetes.io/pv-protection"]},
        "spec": {"capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOncePod"], "volumeMode": "Filesystem",
                 "local": {"path": "/mnt/disks/1"},
                 "claimRef": {"namespace": "default", "name": "data"},
                 "nodeAffinity": {"required": {"nodeSelectorTerms": [
                     {"matchExpressions": [{"key": "kubernetes.io/hostname", "operator": "In",
                                            "values": ["node-a", "node-b"]},
                                           {"key": "disk", "operator": "Exists"}]}]}}}})
    assert_same(apiserver, ("", "PersistentVolume"), f"/api/v1/persistentvolumes/local-{suffix}", "pv",
                f"local-{suffix}")
    create(apiserver, "/api/v1/persistentvolumes", {
        "metadata": {"name": f"csi-{suffix}"},
        "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteMany"],
                 "csi": {"driver": "csi.example.com", "volumeHandle": "h-1", "fsType": "xfs",
                         "volumeAttributes": {"pool": "a"}}}})
    assert_same(apiserver, ("", "PersistentVolume"), f"/api/v1/persistentvolumes/csi-{suffix}", "pv", f"csi-{suffix}")


@needs_kubectl
def test_load_balancer_and_external_name_services(apiserver: ApiServer, ns: str) -> None:
    service = create(apiserver, f"/api/v1/namespaces/{ns}/services", {
        "metadata": {"name": "lb"},
        "spec": {"type": "LoadBalancer", "selector": {"app": "lb"}, "externalIPs": ["192.0.2.1"],
                 "sessionAffinity": "ClientIP", "externalTrafficPolicy": "Local",
                 "loadBalancerSourceRanges": ["10.0.0.0/8", "192.168.0.0/16"],
                 "ports": [{"port": 443, "targetPort": 8443, "protocol": "TCP"}]}})
    service["status"] = {"loadBalancer": {"ingress": [{"ip": "203.0.113.5", "ipMode": "VIP"},
                                                      {"hostname": "lb.example.com"}]}}
    code, body = apiserver.request("PUT", f"/api/v1/namespaces/{ns}/services/lb/status", service)
    assert code == 200, body
    assert_same(apiserver, ("", "Service"), f"/api/v1/namespaces/{ns}/services/lb", "service", "lb", "-n", ns)
    create(apiserver, f"/api/v1/namespaces/{ns}/services", {
        "metadata": {"name": "ext"}, "spec": {"type": "ExternalName", "externalName": "db.example.com"}})
    assert_same(apiserver, ("", "Service"), f"/api/v1/namespaces/{ns}/services/ext", "service", "ext", "-n", ns)


def test_terminal_escapes_are_defused() -> None:
    w = PrefixWriter()
    w.write(0, "Labels:\tx=\x1b[31mred\r\n")
    assert w.render() == "Labels:  x=^[[31mred\\r\n"


def test_kinds_of_objects() -> None:
    assert kind_of({"apiVersion": "v1", "kind": "Pod"}) == ("", "Pod")
    assert kind_of({"apiVersion": "apps/v1", "kind": "Deployment"}) == ("apps", "Deployment")


@needs_kubectl
def test_csi_nodes(apiserver: ApiServer) -> None:
    name = "csi-" + uuid.uuid4().hex[:6]
    create(apiserver, "/apis/storage.k8s.io/v1/csinodes", {
        "metadata": {"name": name},
        "spec": {"drivers": [{"name": "csi.example.com", "nodeID": "n-1", "allocatable": {"count": 16},
                              "topologyKeys": ["topology.kubernetes.io/zone"]}]}})
    assert_same(apiserver, ("storage.k8s.io", "CSINode"), f"/apis/storage.k8s.io/v1/csinodes/{name}", "csinode", name)
