"""`mkctl get` next to the real kubectl 1.32 on the same objects of one mk-apiserver: stdout, stderr and exit code
byte for byte (tables, -o formats, names, errors, paging, sorting, watches), and a CI-style bash script reading
fields with `mkctl get -o jsonpath`."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from apiservers import ApiServer, new_namespace
from etcd_members import wait_until

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")

MKCTL = str(Path(sys.executable).parent / "mkctl")


def mkctl_env(apiserver: ApiServer, home: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(home), "KUBECONFIG": str(apiserver.kubeconfig)}


def mkctl(apiserver: ApiServer, home: Path, *args: str, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess:
    return subprocess.run([MKCTL, *args], capture_output=True, text=True, timeout=60,
                          env={**mkctl_env(apiserver, home), **(env or {})})


def outcome(result: subprocess.CompletedProcess) -> tuple[str, str, int]:
    return result.stdout, result.stderr, result.returncode


def assert_same(apiserver: ApiServer, home: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run kubectl and mkctl with `args`; their stdout, stderr and exit code must be equal. mkctl runs before and
    after kubectl: an AGE cell ticking over between two runs matches one of the two. Returns the stdout."""
    before = outcome(mkctl(apiserver, home, *args, env=env))
    expected = outcome(apiserver.kubectl(*args, env=env))
    if before == expected:
        return before[0]
    after = outcome(mkctl(apiserver, home, *args, env=env))
    assert after == expected, args
    return after[0]


@pytest.fixture(scope="module")
def objects(apiserver: ApiServer) -> str:
    """A namespace with a deployment, a service, three pods and two configmaps."""
    ns = new_namespace(apiserver)
    for args in (("create", "deployment", "web", "--image=nginx", "--replicas=2"),
                 ("create", "service", "clusterip", "web", "--tcp=80:8080"),
                 ("run", "alpha", "--image=busybox", "--labels=app=a,tier=front"),
                 ("run", "beta", "--image=nginx", "--labels=app=b"),
                 ("run", "gamma", "--image=redis", "--labels=app=a"),
                 ("create", "configmap", "c1", "--from-literal=k=v"),
                 ("create", "configmap", "c2", "--from-literal=x=y")):
        result = apiserver.kubectl("-n", ns, *args)
        assert result.returncode == 0, result.stderr
    return ns


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


@pytest.mark.parametrize("args", [
    ["get", "pods"],
    ["get", "pods", "-o", "wide"],
    ["get", "po,svc"],
    ["get", "all"],
    ["get", "pod/alpha", "service/web", "deploy/web"],
    ["get", "pods", "alpha", "gamma"],
    ["get", "pod", "alpha", "nope"],
    ["get", "pods", "nope", "nope2"],
    ["get", "pod", "nope"],
    ["get", "pod", "nope", "--ignore-not-found"],
    ["get", "pods", "-l", "app=a"],
    ["get", "pods", "-l", "app=zzz"],
    ["get", "pods", "--field-selector", "metadata.name=beta"],
    ["get", "pods", "--show-labels"],
    ["get", "pods", "-L", "app", "-L", "tier"],
    ["get", "pods", "--sort-by", ".spec.containers[0].image"],
    ["get", "pods", "--sort-by", ".metadata.nope"],
    ["get", "pods", "--no-headers"],
    ["get", "pods", "--show-kind"],
    ["get", "pods", "--chunk-size", "1"],
    ["get", "pods", "-o", "name"],
    ["get", "pods", "-o", "json"],
    ["get", "pod", "alpha", "-o", "yaml"],
    ["get", "pod", "alpha", "-o", "yaml", "--show-managed-fields"],
    ["get", "pods", "alpha", "beta", "-o", "json"],
    ["get", "pods", "-o", "jsonpath={.items[*].metadata.name}"],
    ["get", "pods", "-o", "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.spec.containers[0].image}{\"\\n\"}"
     "{end}"],
    ["get", "pods", "-o", "jsonpath-as-json={.items[*].metadata.labels}"],
    ["get", "pods", "-o", "custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image"],
    ["get", "pods", "-o", "go-template={{range .items}}{{.metadata.name}} {{end}}"],
    ["get", "pods", "-o", "jsonpath={.items[0].metadata.name", "--chunk-size=2"],
    ["get", "pods", "-o", "foo"],
    ["get", "pods", "--sort-by", ".metadata.name", "-o", "name"],
    ["get", "pod/alpha", "--subresource", "status", "-o", "jsonpath={.status.phase}"],
    ["get", "deploy", "web", "--subresource", "scale", "-o", "json"],
    ["get"],
    ["get", "pods", "pod/alpha"],
    ["get", "/alpha"],
    ["get", "pods/a/b"],
    ["get", "nosuchtype"],
    ["get", "pods", "alpha", "-A"],
    ["get", "--raw", "/api/v1/namespaces/default/pods/nope"],
    ["get", "pods", "--raw", "/version"],
    ["get", "--raw", "/version", "-o", "json"],
    ["get", "--raw", "/version", "-w"],
    ["get", "pods", "--subresource", "status"],
    ["get", "nosuchtype", "-o", "foo"],
    ["get", "-o", "foo"],
])
def test_get_is_kubectls(apiserver: ApiServer, objects: str, home: Path, args: list[str]) -> None:
    assert_same(apiserver, home, "-n", objects, *args)


def test_get_across_namespaces_and_cluster_scoped(apiserver: ApiServer, objects: str, home: Path) -> None:
    assert objects in assert_same(apiserver, home, "get", "pods", "-A", "-l", "app=a")
    assert objects in assert_same(apiserver, home, "get", "namespaces", objects, "default")
    assert_same(apiserver, home, "get", "ns", objects, "-o", "jsonpath={.status.phase}")


def test_no_resources_found(apiserver: ApiServer, home: Path) -> None:
    ns = new_namespace(apiserver)
    assert assert_same(apiserver, home, "-n", ns, "get", "pods") == ""
    assert mkctl(apiserver, home, "-n", ns, "get", "pods").stderr == f"No resources found in {ns} namespace.\n"
    assert_same(apiserver, home, "-n", ns, "get", "pods", "-o", "json")
    assert_same(apiserver, home, "get", "pods", "-A", "-l", "nothing=here")


def test_get_raw(apiserver: ApiServer, home: Path) -> None:
    assert '"gitVersion"' in assert_same(apiserver, home, "get", "--raw", "/version")


def read_lines(process: subprocess.Popen, count: int, timeout: float = 20) -> bytes:
    """What the process printed until it has printed `count` lines (or the timeout passed)."""
    data = b""
    deadline = time.monotonic() + timeout
    fd = process.stdout.fileno()
    while data.count(b"\n") < count and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def open_pod_watches(apiserver: ApiServer) -> int:
    """How many pod watches the apiserver has open (its apiserver_longrunning_requests gauge)."""
    found = re.search(r'apiserver_longrunning_requests\{group="",resource="pods",verb="WATCH",version="v1"\} (-?\d+)',
                      apiserver.request("GET", "/metrics", accept="text/plain")[1])
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize(("flags", "initial", "changes"), [
    (["pods", "-w"], 2, 2),
    (["pods", "-w", "--output-watch-events"], 2, 2),
    (["pods", "--watch-only", "-o", "name"], 0, 2),
    (["pods", "-w", "-o", "jsonpath={.metadata.name}{\"\\n\"}"], 1, 2),
    (["pod", "w", "-w"], 2, 2),
    (["pod/w", "--watch-only"], 0, 3),
    (["pod/w", "--watch-only", "--output-watch-events"], 0, 3),
])
def test_watch_prints_what_kubectl_prints_and_stops_on_ctrl_c(apiserver: ApiServer, home: Path, flags: list[str],
                                                              initial: int, changes: int) -> None:
    """The list (or the object), then each change; a watch of one object skips the synthetic ADDED event yet
    learns its columns from it (with --output-watch-events kubectl does not: its rows have no cells)."""
    ns = new_namespace(apiserver)
    assert apiserver.kubectl("-n", ns, "run", "w", "--image=busybox").returncode == 0
    args = ["-n", ns, "get", *flags]
    watching = open_pod_watches(apiserver)
    env_kubectl = {**os.environ, "HOME": str(apiserver.home), "KUBECONFIG": str(apiserver.kubeconfig)}
    processes = [subprocess.Popen(["kubectl", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_kubectl),
                 subprocess.Popen([MKCTL, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=mkctl_env(apiserver, home))]
    try:
        outputs = [read_lines(process, initial) for process in processes]
        if initial == 0:
            # nothing printed tells that the watches are open (a change made before would be missed): the
            # apiserver's gauge of open watches does
            wait_until(lambda: open_pod_watches(apiserver) >= watching + 2, timeout=10,
                       message="both watches to be open")
        for change in ("a=1", "a-"):
            assert apiserver.kubectl("-n", ns, "label", "pod", "w", change).returncode == 0
        outputs = [before + read_lines(process, changes) for before, process in zip(outputs, processes)]
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)
        codes = [process.wait(timeout=20) for process in processes]
    # the two started a moment apart: their AGE cells may differ by a second
    ages = re.compile(rb"\b\d+s\b")
    assert ages.sub(b"AGE", outputs[1]) == ages.sub(b"AGE", outputs[0])
    assert outputs[0].count(b"\n") == initial + changes
    assert codes[1] == codes[0]


def test_a_watch_ended_by_the_request_timeout_exits_0(apiserver: ApiServer, objects: str, home: Path) -> None:
    assert "pod/alpha" in assert_same(apiserver, home, "-n", objects, "get", "pods", "-w", "--request-timeout=1s",
                                      "-o", "name")


def test_watch_several_types_is_refused(apiserver: ApiServer, objects: str, home: Path) -> None:
    assert_same(apiserver, home, "-n", objects, "get", "pods,svc", "-w")


CI_SCRIPT = """\
set -e
kubectl apply -f "$DIR" >/dev/null
replicas=$(mkctl get deployment ci-web -o jsonpath='{.spec.replicas}')
[ "$replicas" = 3 ] || { echo "replicas: $replicas"; exit 2; }
image=$(mkctl get deploy/ci-web -o jsonpath='{.spec.template.spec.containers[0].image}')
[ "$image" = nginx:1.27 ] || { echo "image: $image"; exit 2; }
names=$(mkctl get configmaps -l app=ci -o jsonpath='{range .items[*]}{.metadata.name}{" "}{end}')
[ "$names" = "ci-a ci-b " ] || { echo "names: $names"; exit 2; }
port=$(mkctl get svc ci-web -o jsonpath='{.spec.ports[?(@.name=="http")].targetPort}')
[ "$port" = 8080 ] || { echo "port: $port"; exit 2; }
value=$(mkctl get cm ci-a -o go-template='{{index .data "level"}}')
[ "$value" = debug ] || { echo "value: $value"; exit 2; }
echo ok
"""
MANIFESTS = {
    "deploy.yaml": """\
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: ci-web, labels: {app: ci}}
        spec:
          replicas: 3
          selector: {matchLabels: {app: ci}}
          template:
            metadata: {labels: {app: ci}}
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
        """,
    "svc.yaml": """\
        apiVersion: v1
        kind: Service
        metadata: {name: ci-web, labels: {app: ci}}
        spec:
          selector: {app: ci}
          ports: [{name: http, port: 80, targetPort: 8080}, {name: admin, port: 81}]
        """,
    "config.yaml": """\
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ci-a, labels: {app: ci}}
        data: {level: debug}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ci-b, labels: {app: ci}}
        data: {level: info}
        """,
}


def _script_env(apiserver: ApiServer, ns: str, tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "mkctl").symlink_to(MKCTL)
    directory = tmp_path / "manifests"
    directory.mkdir()
    for name, text in MANIFESTS.items():
        (directory / name).write_text(textwrap.dedent(text))
    # kubectl keeps its discovery cache in the server's HOME; the namespace comes from the context's default
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(apiserver.kubeconfig.read_text())
    subprocess.run(["kubectl", "config", "set-context", "--current", f"--namespace={ns}"], check=True,
                   capture_output=True, env={**os.environ, "KUBECONFIG": str(kubeconfig), "HOME": str(tmp_path)})
    return {**os.environ, "HOME": str(apiserver.home), "KUBECONFIG": str(kubeconfig), "DIR": str(directory),
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_ci_script_reads_fields_with_jsonpath(apiserver: ApiServer, tmp_path: Path) -> None:
    ns = new_namespace(apiserver)
    result = subprocess.run(["bash", "-c", CI_SCRIPT], capture_output=True, text=True, timeout=120,
                            env=_script_env(apiserver, ns, tmp_path))
    assert (result.stdout, result.stderr, result.returncode) == ("ok\n", "", 0)


def test_ci_script_fails_with_the_error_on_a_missing_object(apiserver: ApiServer, tmp_path: Path) -> None:
    ns = new_namespace(apiserver)
    script = CI_SCRIPT.replace("ci-a -o go-template", "ci-zzz -o go-template")
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120,
                            env=_script_env(apiserver, ns, tmp_path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == 'Error from server (NotFound): configmaps "ci-zzz" not found\n'
