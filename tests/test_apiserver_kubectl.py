"""The real kubectl 1.32 (/usr/bin/kubectl) against mk-apiserver: each command a user types, its output and
exit code, and the state it leaves on the server."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from apiservers import ApiServer, new_namespace

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels: {{app: {name}}}
spec:
  replicas: {replicas}
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
      containers:
      - name: web
        image: {image}
        ports:
        - containerPort: 80
"""
POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels: {{app: {app}}}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "3600"]
"""


@pytest.fixture
def ns(apiserver: ApiServer) -> str:
    """A fresh namespace with its `default` ServiceAccount (what the controller-manager would add)."""
    return new_namespace(apiserver, "t")


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result.stdout


def rows(output: str) -> list[list[str]]:
    return [line.split() for line in output.strip().splitlines()]


def test_version_health_and_discovery(apiserver: ApiServer) -> None:
    assert "Server Version: v1.32.4" in ok(apiserver.kubectl("version"))
    assert ok(apiserver.kubectl("get", "--raw", "/healthz")) == "ok"
    resources = ok(apiserver.kubectl("api-resources"))
    table = {row[0]: row for row in rows(resources)}
    assert table["pods"] == ["pods", "po", "v1", "true", "Pod"]
    assert table["deployments"] == ["deployments", "deploy", "apps/v1", "true", "Deployment"]
    assert table["namespaces"] == ["namespaces", "ns", "v1", "false", "Namespace"]
    assert "apps/v1" in ok(apiserver.kubectl("api-versions")).split()


def test_bootstrap_objects(apiserver: ApiServer) -> None:
    names = ok(apiserver.kubectl("get", "ns", "-o", "name")).split()
    assert {"namespace/default", "namespace/kube-system", "namespace/kube-public", "namespace/kube-node-lease"} <= \
        set(names)
    service = json.loads(ok(apiserver.kubectl("get", "svc", "kubernetes", "-o", "json")))
    assert service["spec"]["clusterIP"] == "10.96.0.1"
    assert ok(apiserver.kubectl("get", "clusterrole", "cluster-admin", "-o", "name")) == \
        "clusterrole.rbac.authorization.k8s.io/cluster-admin\n"


def test_create_get_and_delete_a_pod(apiserver: ApiServer, ns: str, tmp_path: Path) -> None:
    manifest = tmp_path / "pod.yaml"
    manifest.write_text(POD.format(name="sleeper", app="sleepy"))
    assert ok(apiserver.kubectl("-n", ns, "create", "-f", str(manifest))) == "pod/sleeper created\n"
    again = apiserver.kubectl("-n", ns, "create", "-f", str(manifest))
    assert again.returncode == 1
    assert again.stderr == f'Error from server (AlreadyExists): error when creating "{manifest}": pods "sleeper" ' \
                           'already exists\n'
    table = rows(ok(apiserver.kubectl("-n", ns, "get", "pods")))
    assert table[0] == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert table[1][:4] == ["sleeper", "0/1", "Pending", "0"]
    wide = rows(ok(apiserver.kubectl("-n", ns, "get", "pods", "-o", "wide")))
    assert wide[0] == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE",
                       "READINESS", "GATES"]
    pod = json.loads(ok(apiserver.kubectl("-n", ns, "get", "pod", "sleeper", "-o", "json")))
    assert pod["spec"]["restartPolicy"] == "Always"
    assert pod["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent"
    assert pod["spec"]["serviceAccountName"] == "default"
    assert pod["status"]["phase"] == "Pending"
    assert ok(apiserver.kubectl("-n", ns, "get", "pods", "-o", "name")) == "pod/sleeper\n"
    assert ok(apiserver.kubectl("-n", ns, "get", "pods", "-o", "jsonpath={.items[*].metadata.name}")) == "sleeper"
    assert ok(apiserver.kubectl("-n", ns, "get", "pods", "-l", "app=sleepy", "-o", "name")) == "pod/sleeper\n"
    none = apiserver.kubectl("-n", ns, "get", "pods", "-l", "app=other")
    assert (none.returncode, none.stdout, none.stderr) == (0, "", f"No resources found in {ns} namespace.\n")
    by_field = apiserver.kubectl("-n", ns, "get", "pods", "--field-selector", "status.phase=Running")
    assert by_field.stderr == f"No resources found in {ns} namespace.\n"
    everywhere = rows(ok(apiserver.kubectl("get", "pods", "-A")))
    assert everywhere[0][:2] == ["NAMESPACE", "NAME"] and [ns, "sleeper"] in [row[:2] for row in everywhere]
    missing = apiserver.kubectl("-n", ns, "get", "pod", "nope")
    assert (missing.returncode, missing.stderr) == (1, 'Error from server (NotFound): pods "nope" not found\n')
    assert ok(apiserver.kubectl("-n", ns, "delete", "pod", "sleeper")) == 'pod "sleeper" deleted\n'
    assert apiserver.kubectl("-n", ns, "get", "pod", "sleeper").returncode == 1


def test_apply_create_configure_unchanged_and_server_side(apiserver: ApiServer, ns: str, tmp_path: Path) -> None:
    manifest = tmp_path / "deploy.yaml"
    manifest.write_text(DEPLOYMENT.format(name="web", replicas=2, image="nginx:1.26"))
    assert ok(apiserver.kubectl("-n", ns, "apply", "-f", str(manifest))) == "deployment.apps/web created\n"
    assert ok(apiserver.kubectl("-n", ns, "apply", "-f", str(manifest))) == "deployment.apps/web unchanged\n"
    manifest.write_text(DEPLOYMENT.format(name="web", replicas=3, image="nginx:1.27"))
    assert ok(apiserver.kubectl("-n", ns, "apply", "-f", str(manifest))) == "deployment.apps/web configured\n"
    deployment = json.loads(ok(apiserver.kubectl("-n", ns, "get", "deploy", "web", "-o", "json")))
    assert deployment["spec"]["replicas"] == 3
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.27"
    assert deployment["metadata"]["generation"] == 2
    assert deployment["spec"]["strategy"]["rollingUpdate"] == {"maxSurge": "25%", "maxUnavailable": "25%"}
    assert "kubectl.kubernetes.io/last-applied-configuration" in deployment["metadata"]["annotations"]
    table = rows(ok(apiserver.kubectl("-n", ns, "get", "deploy")))
    assert table[0] == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
    assert table[1][:4] == ["web", "0/3", "0", "0"]

    server_side = tmp_path / "ssa.yaml"
    server_side.write_text(DEPLOYMENT.format(name="ssa", replicas=1, image="nginx:1.27"))
    assert ok(apiserver.kubectl("-n", ns, "apply", "--server-side", "-f", str(server_side))) == \
        "deployment.apps/ssa serverside-applied\n"
    assert ok(apiserver.kubectl("-n", ns, "apply", "--server-side", "-f", str(server_side))) == \
        "deployment.apps/ssa serverside-applied\n"
    managers = json.loads(ok(apiserver.kubectl("-n", ns, "get", "deploy", "ssa", "-o", "json",
                                               "--show-managed-fields")))["metadata"]["managedFields"]
    assert [(m["manager"], m["operation"]) for m in managers] == [("kubectl", "Apply")]


def test_apply_a_directory_and_delete_by_file(apiserver: ApiServer, ns: str, tmp_path: Path) -> None:
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "a-deploy.yaml").write_text(DEPLOYMENT.format(name="shop", replicas=1, image="nginx"))
    (folder / "b-svc.yaml").write_text(textwrap.dedent("""\
        apiVersion: v1
        kind: Service
        metadata: {name: shop}
        spec:
          selector: {app: shop}
          ports: [{port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: shop-config}
        data: {mode: fast}
        """))
    assert ok(apiserver.kubectl("-n", ns, "apply", "-f", str(folder))).splitlines() == [
        "deployment.apps/shop created", "service/shop created", "configmap/shop-config created"]
    service = json.loads(ok(apiserver.kubectl("-n", ns, "get", "svc", "shop", "-o", "json")))
    assert service["spec"]["clusterIP"].startswith("10.") and service["spec"]["ports"][0]["protocol"] == "TCP"
    svc_row = rows(ok(apiserver.kubectl("-n", ns, "get", "svc", "shop")))
    assert svc_row[0] == ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
    assert svc_row[1][:5] == ["shop", "ClusterIP", service["spec"]["clusterIP"], "<none>", "80/TCP"]
    deleted = ok(apiserver.kubectl("-n", ns, "delete", "-f", str(folder)))
    assert deleted.splitlines() == ['deployment.apps "shop" deleted', 'service "shop" deleted',
                                    'configmap "shop-config" deleted']


def test_generators_send_protobuf_and_work(apiserver: ApiServer, ns: str) -> None:
    k = apiserver.kubectl
    assert ok(k("-n", ns, "create", "deployment", "gen", "--image=nginx:1.27", "--replicas=2")) == \
        "deployment.apps/gen created\n"
    assert ok(k("-n", ns, "create", "configmap", "settings", "--from-literal=a=1", "--from-literal=b=two")) == \
        "configmap/settings created\n"
    assert ok(k("-n", ns, "create", "secret", "generic", "creds", "--from-literal=password=s3cret")) == \
        "secret/creds created\n"
    assert ok(k("-n", ns, "create", "service", "clusterip", "gen", "--tcp=80:8080")) == "service/gen created\n"
    assert ok(k("-n", ns, "create", "job", "once", "--image=busybox")) == "job.batch/once created\n"
    assert ok(k("-n", ns, "create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *")) == \
        "cronjob.batch/tick created\n"
    assert ok(k("-n", ns, "create", "role", "reader", "--verb=get,list", "--resource=pods")) == \
        "role.rbac.authorization.k8s.io/reader created\n"
    assert ok(k("-n", ns, "create", "rolebinding", "reader", "--role=reader", "--user=jane")) == \
        "rolebinding.rbac.authorization.k8s.io/reader created\n"
    name = "gen-" + ns
    assert ok(k("create", "namespace", name)) == f"namespace/{name} created\n"
    deployment = json.loads(ok(k("-n", ns, "get", "deploy", "gen", "-o", "json")))
    assert deployment["spec"]["replicas"] == 2
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.27"
    assert json.loads(ok(k("-n", ns, "get", "cm", "settings", "-o", "json")))["data"] == {"a": "1", "b": "two"}
    secret = json.loads(ok(k("-n", ns, "get", "secret", "creds", "-o", "json")))
    assert secret["data"] == {"password": "czNjcmV0"} and secret["type"] == "Opaque"


def test_run_expose_label_annotate_and_selectors(apiserver: ApiServer, ns: str) -> None:
    k = apiserver.kubectl
    assert ok(k("-n", ns, "run", "solo", "--image=nginx", "--port=80", "--labels=app=solo,tier=front")) == \
        "pod/solo created\n"
    assert ok(k("-n", ns, "expose", "pod", "solo", "--port=8080", "--target-port=80")) == "service/solo exposed\n"
    service = json.loads(ok(k("-n", ns, "get", "svc", "solo", "-o", "json")))
    assert service["spec"]["selector"] == {"app": "solo", "tier": "front"}
    assert service["spec"]["ports"][0]["targetPort"] == 80
    assert ok(k("-n", ns, "label", "pod", "solo", "stage=dev")) == "pod/solo labeled\n"
    assert ok(k("-n", ns, "annotate", "pod", "solo", "note=hello")) == "pod/solo annotated\n"
    overwrite = k("-n", ns, "label", "pod", "solo", "stage=prod")
    assert overwrite.returncode == 1 and "already has a value (dev)" in overwrite.stderr
    assert ok(k("-n", ns, "label", "pod", "solo", "stage=prod", "--overwrite")) == "pod/solo labeled\n"
    assert ok(k("-n", ns, "get", "pods", "-l", "stage in (prod,qa),tier", "-o", "name")) == "pod/solo\n"
    assert ok(k("-n", ns, "get", "pods", "-L", "stage", "--no-headers")).split()[-1] == "prod"
    assert ok(k("-n", ns, "label", "pod", "solo", "stage-")) == "pod/solo unlabeled\n"
    pod = json.loads(ok(k("-n", ns, "get", "pod", "solo", "-o", "json")))
    assert "stage" not in pod["metadata"]["labels"] and pod["metadata"]["annotations"]["note"] == "hello"
    assert ok(k("-n", ns, "delete", "pods", "-l", "app=solo")) == 'pod "solo" deleted\n'
    ok(k("-n", ns, "create", "configmap", "one"))
    ok(k("-n", ns, "create", "configmap", "two"))
    assert sorted(ok(k("-n", ns, "delete", "configmap", "--all")).splitlines()) == [
        'configmap "one" deleted', 'configmap "two" deleted']


def test_patch_replace_scale_and_set_image(apiserver: ApiServer, ns: str, tmp_path: Path) -> None:
    k = apiserver.kubectl
    ok(k("-n", ns, "create", "deployment", "api", "--image=nginx:1.25"))
    assert ok(k("-n", ns, "patch", "deploy", "api", "-p", '{"spec":{"replicas":4}}')) == \
        "deployment.apps/api patched\n"
    assert ok(k("-n", ns, "patch", "deploy", "api", "--type=merge", "-p",
                '{"metadata":{"labels":{"team":"blue"}}}')) == "deployment.apps/api patched\n"
    assert ok(k("-n", ns, "patch", "deploy", "api", "--type=json", "-p",
                '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":3}]')) == "deployment.apps/api patched\n"
    assert ok(k("-n", ns, "set", "image", "deploy/api", "nginx=nginx:1.27")) == "deployment.apps/api image updated\n"
    assert ok(k("-n", ns, "scale", "deploy", "api", "--replicas=6")) == "deployment.apps/api scaled\n"
    deployment = json.loads(ok(k("-n", ns, "get", "deploy", "api", "-o", "json")))
    assert deployment["spec"]["replicas"] == 6 and deployment["spec"]["revisionHistoryLimit"] == 3
    assert deployment["metadata"]["labels"]["team"] == "blue"
    assert deployment["spec"]["template"]["spec"]["containers"] == [
        {**deployment["spec"]["template"]["spec"]["containers"][0], "name": "nginx", "image": "nginx:1.27"}]
    unchanged = k("-n", ns, "patch", "deploy", "api", "-p", '{"spec":{"replicas":6}}')
    assert ok(unchanged) == "deployment.apps/api patched (no change)\n"
    failing_test = '[{"op":"test","path":"/spec/replicas","value":1}]'
    bad = k("-n", ns, "patch", "deploy", "api", "--type=json", "-p", failing_test)
    assert (bad.returncode, bad.stderr) == (1, "The request is invalid: the server rejected our request due to an "
                                               "error in our request\n")
    exported = tmp_path / "api.json"
    deployment["spec"]["replicas"] = 2
    exported.write_text(json.dumps(deployment))
    assert ok(k("-n", ns, "replace", "-f", str(exported))) == "deployment.apps/api replaced\n"
    stale = k("-n", ns, "replace", "-f", str(exported))
    assert stale.returncode == 1 and "Error from server (Conflict)" in stale.stderr
    assert "the object has been modified" in stale.stderr


def test_edit_with_a_scripted_editor(apiserver: ApiServer, ns: str, tmp_path: Path) -> None:
    ok(apiserver.kubectl("-n", ns, "create", "configmap", "tweak", "--from-literal=level=low"))
    editor = tmp_path / "editor.py"
    editor.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text().replace('level: low', 'level: high'))\n")
    result = apiserver.kubectl("-n", ns, "edit", "configmap", "tweak",
                               env={"KUBE_EDITOR": f"{sys.executable} {editor}"})
    assert ok(result) == "configmap/tweak edited\n"
    data = json.loads(ok(apiserver.kubectl("-n", ns, "get", "cm", "tweak", "-o", "json")))["data"]
    assert data == {"level": "high"}


def test_explain_and_auth_can_i(apiserver: ApiServer) -> None:
    explained = ok(apiserver.kubectl("explain", "pods.spec.restartPolicy"))
    assert "KIND:       Pod" in explained and "FIELD: restartPolicy <string>" in explained
    assert "FIELDS:" in ok(apiserver.kubectl("explain", "deployment.spec"))
    assert ok(apiserver.kubectl("auth", "can-i", "create", "deployments")) == "yes\n"
    jane = apiserver.kubectl("auth", "can-i", "list", "pods", "--as=jane")
    assert (jane.returncode, jane.stdout) == (1, "no\n")


def test_describe_a_pod(apiserver: ApiServer, ns: str) -> None:
    ok(apiserver.kubectl("-n", ns, "run", "shown", "--image=nginx:1.27", "--labels=app=shown"))
    described = ok(apiserver.kubectl("-n", ns, "describe", "pod", "shown"))
    assert "Name:             shown" in described and f"Namespace:        {ns}" in described
    assert "    Image:        nginx:1.27" in described and "Status:           Pending" in described


def test_get_watch_streams_table_rows(apiserver: ApiServer, ns: str) -> None:
    """`get -w` prints the header once, then a row per event (the pod is in the first list or the first
    event, whichever the watcher sees first), then a row for its change."""
    environment = {"HOME": str(apiserver.home), "KUBECONFIG": str(apiserver.kubeconfig), "PATH": "/usr/bin:/bin"}
    watcher = subprocess.Popen(["/usr/bin/kubectl", "-n", ns, "get", "pods", "-w"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=environment)
    try:
        ok(apiserver.kubectl("-n", ns, "run", "watched", "--image=nginx"))
        header, first = watcher.stdout.readline(), watcher.stdout.readline()
        assert header.split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
        assert first.split()[:3] == ["watched", "0/1", "Pending"]
        ok(apiserver.kubectl("-n", ns, "label", "pod", "watched", "seen=yes"))
        assert watcher.stdout.readline().split()[:3] == ["watched", "0/1", "Pending"]
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)


def test_get_every_listable_resource(apiserver: ApiServer) -> None:
    """`kubectl get <resource> -A` works for every resource discovery lists with the list verb, with the
    server's columns (NAME first) or kubectl's `No resources found`."""
    names = ok(apiserver.kubectl("api-resources", "--verbs=list", "-o", "name")).split()
    assert len(names) > 50
    failures = []
    for name in names:
        result = apiserver.kubectl("get", name, "-A")
        header = result.stdout.splitlines()[0].split() if result.stdout else []
        if result.returncode != 0 or not (header[:2] == ["NAMESPACE", "NAME"] or header[:1] == ["NAME"]
                                          or result.stderr.startswith("No resources found")):
            failures.append(f"{name}: {result.returncode} {result.stdout[:200]} {result.stderr[:300]}")
    assert failures == []


def test_unknown_fields_strict_warn_and_yaml_output(apiserver: ApiServer, ns: str, tmp_path: Path) -> None:
    manifest = tmp_path / "cm.yaml"
    manifest.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: loose}\ndata: {a: '1'}\nbogus: true\n")
    strict = apiserver.kubectl("-n", ns, "apply", "-f", str(manifest))
    assert strict.returncode == 1
    assert 'strict decoding error: unknown field "bogus"' in strict.stderr
    warned = apiserver.kubectl("-n", ns, "apply", "--validate=warn", "-f", str(manifest))
    assert warned.returncode == 0 and warned.stdout == "configmap/loose created\n"
    assert 'Warning: unknown field "bogus"' in warned.stderr
    as_yaml = ok(apiserver.kubectl("-n", ns, "get", "cm", "loose", "-o", "yaml"))
    assert as_yaml.startswith("apiVersion: v1\ndata:\n  a: \"1\"\nkind: ConfigMap\nmetadata:\n")
    assert "\nbogus: true" not in as_yaml   # pruned (only the last-applied annotation remembers it)


def test_metrics_count_requests(apiserver: ApiServer) -> None:
    ok(apiserver.kubectl("get", "namespaces"))
    text = ok(apiserver.kubectl("get", "--raw", "/metrics"))
    assert "# TYPE apiserver_request_total counter" in text
    assert re.search(r'apiserver_request_total\{code="200",group="",resource="namespaces",subresource="",'
                     r'verb="LIST",version="v1"\} [1-9]', text), text
