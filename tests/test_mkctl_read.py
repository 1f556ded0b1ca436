"""mkctl's other reading commands next to the real kubectl 1.32 on one mk-apiserver, byte for byte: api-resources,
api-versions, cluster-info, explain, events, and every `config` subcommand (output and the file it leaves)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
from apiservers import ApiServer, new_namespace
from test_mkctl_get import MKCTL, assert_same, mkctl, mkctl_env, read_lines

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


@pytest.mark.parametrize("args", [
    ["api-resources"],
    ["api-resources", "-o", "wide"],
    ["api-resources", "-o", "name"],
    ["api-resources", "--namespaced=false"],
    ["api-resources", "--api-group=apps", "--no-headers"],
    ["api-resources", "--api-group="],
    ["api-resources", "--verbs=list,watch", "--sort-by=kind"],
    ["api-resources", "--sort-by=name", "--categories=all"],
    ["api-resources", "--cached"],
    ["api-resources", "-o", "json"],
    ["api-resources", "--sort-by=age"],
    ["api-versions"],
])
def test_discovery_commands(apiserver: ApiServer, home: Path, args: list[str]) -> None:
    assert_same(apiserver, home, *args)


def test_cluster_info_lists_cluster_services(apiserver: ApiServer, home: Path) -> None:
    ns = new_namespace(apiserver)
    assert "control plane is running at" in assert_same(apiserver, home, "cluster-info", "-n", ns)
    for args in (["create", "service", "clusterip", "dns", "--tcp=53:53"],
                 ["label", "service", "dns", "kubernetes.io/cluster-service=true", "kubernetes.io/name=KubeDNS"],
                 ["create", "service", "clusterip", "secure", "--tcp=443:8443"],
                 ["label", "service", "secure", "kubernetes.io/cluster-service=true"],
                 ["create", "service", "loadbalancer", "plain", "--tcp=80:80"]):
        assert apiserver.kubectl("-n", ns, *args).returncode == 0
    text = assert_same(apiserver, home, "cluster-info", "-n", ns)
    assert "KubeDNS is running at" in text and "secure is running at" in text and "plain" not in text


@pytest.mark.parametrize("args", [
    ["explain", "pods"],
    ["explain", "pods.spec.containers"],
    ["explain", "pod.spec.containers.ports.protocol"],
    ["explain", "deployments", "--recursive"],
    ["explain", "deployments.apps.spec.strategy", "--recursive"],
    ["explain", "deployments", "--api-version=apps/v1"],
    ["explain", "svc.spec"],
    ["explain", "events.events.k8s.io"],
    ["explain", "deploy.apps.spec"],
    ["explain", "deployments.apps", "--api-version=apps/v1"],
    ["explain", "pods.metadata.labels"],
    ["explain", "pods.spec.nope"],
    ["explain", "nosuchtype"],
    ["explain", "pods", "--api-version=v2"],
    ["explain", "pods", "-o", "yaml"],
    ["explain"],
    ["explain", "pods", "svc"],
    ["explain", "nosuchtype", "-o", "foo"],
])
def test_explain(apiserver: ApiServer, home: Path, args: list[str]) -> None:
    assert_same(apiserver, home, *args)


EVENTS = [
    {"metadata": {"name": "e1"}, "involvedObject": {"kind": "Pod", "name": "p1", "apiVersion": "v1"},
     "reason": "Scheduled", "message": "Successfully assigned p1 to node1 ", "type": "Normal",
     "firstTimestamp": "2024-01-01T00:00:00Z", "lastTimestamp": "2024-01-01T01:00:00Z", "count": 3,
     "source": {"component": "default-scheduler"}},
    {"metadata": {"name": "e2"}, "involvedObject": {"kind": "Deployment", "name": "web", "apiVersion": "apps/v1"},
     "reason": "ScalingReplicaSet", "message": "Scaled up replica set web-1 to 2", "type": "Warning",
     "eventTime": "2024-01-01T00:30:00.000000Z", "reportingComponent": "deployment-controller",
     "reportingInstance": "x", "action": "Scale"},
    {"metadata": {"name": "e3"}, "involvedObject": {"kind": "Pod", "name": "p2", "apiVersion": "v1"},
     "reason": "Pulled", "message": "Image pulled", "type": "Normal",
     "firstTimestamp": "2024-01-01T00:10:00Z", "lastTimestamp": "2024-01-01T00:10:00Z", "count": 1},
]


@pytest.fixture(scope="module")
def events_namespace(apiserver: ApiServer) -> str:
    ns = new_namespace(apiserver)
    for event in EVENTS:
        event = {**event, "metadata": {**event["metadata"], "namespace": ns},
                 "involvedObject": {**event["involvedObject"], "namespace": ns}}
        assert apiserver.request("POST", f"/api/v1/namespaces/{ns}/events", event)[0] == 201
    return ns


@pytest.mark.parametrize("args", [
    ["events"],
    ["events", "--for", "pod/p1"],
    ["events", "--for", "p1"],
    ["events", "--for", "nosuchtype/x"],
    ["events", "--types=warning"],
    ["events", "--types=Normal,Warning", "--no-headers"],
    ["events", "--types=bad"],
    ["events", "-o", "yaml"],
    ["events", "-o", "json"],
    ["events", "-o", "json", "--show-managed-fields"],
    ["events", "-o", "name"],
    ["events", "-o", "jsonpath={.items[*].reason}"],
    ["events", "--for", "pod/nope"],
])
def test_events(apiserver: ApiServer, events_namespace: str, home: Path, args: list[str]) -> None:
    assert_same(apiserver, home, "-n", events_namespace, *args)


def test_events_watch_ended_by_the_request_timeout(apiserver: ApiServer, events_namespace: str, home: Path) -> None:
    assert "Scheduled" in assert_same(apiserver, home, "-n", events_namespace, "events", "-w", "--request-timeout=1s")


def test_events_all_namespaces(apiserver: ApiServer, events_namespace: str, home: Path) -> None:
    assert events_namespace in assert_same(apiserver, home, "events", "-A", "--for", "deployment/web")


CONFIG_STEPS = [
    ["config", "view"],
    ["config", "view", "--raw"],
    ["config", "view", "-o", "json"],
    ["config", "view", "-o", "jsonpath={.contexts[*].name}"],
    ["config", "get-contexts"],
    ["config", "get-contexts", "-o", "name"],
    ["config", "get-contexts", "nope"],
    ["config", "current-context"],
    ["config", "get-clusters"],
    ["config", "get-users"],
    ["config", "set-context", "dev", "--namespace=dev", "--cluster=kubernetes", "--user=kubernetes-admin"],
    ["config", "set-context", "--current", "--namespace=other"],
    ["config", "use-context", "dev"],
    ["config", "use-context", "nope"],
    ["config", "rename-context", "dev", "dev2"],
    ["config", "set-cluster", "c2", "--server=https://10.0.0.1:6443", "--insecure-skip-tls-verify=true"],
    ["config", "set-credentials", "u2", "--token=secret"],
    ["config", "set", "clusters.c2.server", "https://10.0.0.2:6443"],
    ["config", "set", "contexts.dev2.namespace", "kube-system"],
    ["config", "unset", "contexts.dev2.namespace"],
    ["config", "unset", "users.u2"],
    ["config", "view", "--minify"],
    ["config", "delete-cluster", "c2"],
    ["config", "unset", "current-context"],
    ["config", "current-context"],
]


def test_config_subcommands(apiserver: ApiServer, tmp_path: Path) -> None:
    """Each step on two copies of one kubeconfig: same output and exit code, and the same file afterwards."""
    files = {"kubectl": tmp_path / "kubectl.conf", "mkctl": tmp_path / "mkctl.conf"}
    for path in files.values():
        path.write_text(apiserver.kubeconfig.read_text())
    for step in CONFIG_STEPS:
        results = {}
        for name, program in (("kubectl", "kubectl"), ("mkctl", MKCTL)):
            env = {**os.environ, "HOME": str(tmp_path), "KUBECONFIG": str(files[name])}
            result = subprocess.run([program, *step], capture_output=True, text=True, env=env, timeout=60)
            text = result.stdout.replace(str(files[name]), "FILE")
            results[name] = (text, result.stderr.replace(str(files[name]), "FILE"), result.returncode)
        assert results["mkctl"] == results["kubectl"], step
        assert files["mkctl"].read_text() == files["kubectl"].read_text(), step


@pytest.mark.parametrize(("flags", "lines"), [([], 4), (["-o", "name"], 3), (["--types=Normal", "--no-headers"], 2)])
def test_events_watch(apiserver: ApiServer, events_namespace: str, home: Path, flags: list[str], lines: int) -> None:
    """`events -w` prints the existing events as the watch sends them (no list, no sorting) and stops on Ctrl-C."""
    args = ["-n", events_namespace, "events", "-w", *flags]
    processes = [subprocess.Popen(["kubectl", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env={**os.environ, "HOME": str(apiserver.home),
                                       "KUBECONFIG": str(apiserver.kubeconfig)}),
                 subprocess.Popen([MKCTL, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=mkctl_env(apiserver, home))]
    try:
        outputs = [read_lines(process, lines) for process in processes]
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)
        codes = [process.wait(timeout=20) for process in processes]
    assert outputs[1] == outputs[0]
    assert outputs[0].count(b"\n") == lines
    assert codes[1] == codes[0]


@pytest.mark.parametrize("command", ["api-resources", "api-versions"])
def test_discovery_commands_take_no_arguments(apiserver: ApiServer, home: Path, command: str) -> None:
    expected = apiserver.kubectl(command, "extra")
    got = mkctl(apiserver, home, command, "extra")
    assert (got.stdout, got.stderr.replace("'mkctl ", "'kubectl "), got.returncode) == \
        (expected.stdout, expected.stderr, expected.returncode) == ("", expected.stderr, 1)
