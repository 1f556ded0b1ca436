"""The commands that change existing objects — label, annotate, patch, scale, set, autoscale, expose — run by
mkctl and by the real kubectl 1.32 on twin objects of one mk-apiserver: the same stdout, stderr and exit code,
and the same objects on the server afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from apiservers import ApiServer, new_namespace
from test_mkctl_create import mkctl, object_path, same, stored

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mkctl-home")


@pytest.fixture
def ns(apiserver: ApiServer) -> str:
    """A fresh namespace holding twin deployments (k1, m1: nginx and busybox containers) and twin pods."""
    namespace = new_namespace(apiserver)
    for name in ("k1", "m1"):
        for words in (["create", "deployment", name, "--image=nginx", "--image=busybox"],
                      ["run", name, "--image=nginx", f"--labels=app={name},tier=web"]):
            assert apiserver.kubectl("-n", namespace, *words).returncode == 0
    return namespace


def twins(apiserver: ApiServer, ns: str, plural: str) -> None:
    """The twins as the server keeps them are alike."""
    kept = [stored(apiserver, object_path(ns, plural, name), name) for name in ("k1", "m1")]
    for obj in kept:
        for volume in obj.get("spec", {}).get("volumes") or []:
            volume["name"] = "token"
        for container in obj.get("spec", {}).get("containers") or []:
            for mount in container.get("volumeMounts") or []:
                mount["name"] = "token"
    assert kept[0] == kept[1]


# ---- label and annotate -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("steps", [
    [["x=1"], ["x=2"], ["x=2", "--overwrite"], ["x=2", "--overwrite"], ["x-"], ["x-"]],
    [["a=1", "b=2", "--dry-run=client", "-o", "name"], ["a=1", "--dry-run=server"], ["a=1", "-o", "yaml"]],
    [["y=1", "--resource-version=1"], ["bad value=x"], ["y=1", "y-"], ["=x"], ["y"]],
])
def test_label(steps: list[list[str]], apiserver: ApiServer, home: Path, ns: str) -> None:
    for step in steps:
        result = same(apiserver, home, lambda name: ["-n", ns, "label", "pod", name, *step])
        if "yaml" not in step:   # resourceVersion and uid differ in the printed object
            continue
        assert "a: \"1\"" in result.stdout
    twins(apiserver, ns, "pods")


def test_label_selector_all_and_errors(apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, "label", "pods", "-l", f"app={name}", "team=blue"])
    same(apiserver, home, lambda name: ["-n", ns, "label", "pod", name, "missing", "team=red", "--overwrite"])
    same(apiserver, home, lambda name: ["-n", ns, "label", "pods", "team=x"])
    same(apiserver, home, lambda name: ["-n", ns, "label", "pods", "--all", "-l", "a=b", "team=x"])
    same(apiserver, home, lambda name: ["-n", ns, "label", "team=x"])
    same(apiserver, home, lambda name: ["-n", ns, "label", "pod", name, "team=x", "pod"])
    twins(apiserver, ns, "pods")
    listed = mkctl(apiserver, home, "-n", ns, "label", "pods", "--all", "--list")   # (kubectl: in Go's map order)
    assert "Listing labels for Pod./k1:\n app=k1\n team=red\n tier=web\n" in listed.stdout
    listed = mkctl(apiserver, home, "-n", ns, "label", "pod", "k1", "--list", "x=y")
    assert listed.stdout == "app=k1\nteam=red\ntier=web\nx=y\n"


@pytest.mark.parametrize("steps", [
    [["note=a b=c"], ["note=x"], ["note=x", "--overwrite", "-o", "jsonpath={.metadata.annotations}"], ["note-"]],
    [["n=1", "--dry-run=client", "-o", "name"], ["n=1", "--dry-run=server"], ["n=1", "n-"], ["bad"]],
])
def test_annotate(steps: list[list[str]], apiserver: ApiServer, home: Path, ns: str) -> None:
    for step in steps:
        same(apiserver, home, lambda name: ["-n", ns, "annotate", "deployment", name, *step])
    twins(apiserver, ns, "deployments")


def test_label_local_file(apiserver: ApiServer, home: Path, ns: str, tmp_path: Path) -> None:
    manifest = tmp_path / "pod.yaml"
    manifest.write_text(apiserver.kubectl("-n", ns, "get", "pod", "k1", "-o", "yaml").stdout)
    for words in (["label", "-f", str(manifest), "--local", "z=1", "-o", "yaml"],
                  ["annotate", "-f", str(manifest), "--local", "z=1", "-o", "json"],
                  ["label", "--local", "pod", "k1", "z=1"]):
        same(apiserver, home, lambda _: words, mkctl_name="k1")


# ---- patch -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("step", [
    ["-p", '{"spec":{"replicas":2}}'],
    ["-p", "spec: {replicas: 3}"],
    ["--type", "merge", "-p", '{"metadata":{"labels":{"x":"y"}}}'],
    ["--type", "json", "-p", '[{"op":"replace","path":"/spec/replicas","value":4}]'],
    ["--type", "json", "-p", '[{"op":"replace","path":"/spec/nope/x","value":4}]'],
    ["-p", '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:2"}]}}}}'],
    ["-p", '{"spec":{"replicas":5}}', "--dry-run=client", "-o", "jsonpath={.spec.replicas}"],
    ["-p", '{"spec":{"replicas":5}}', "--dry-run=server", "-o", "name"],
    ["--subresource=scale", "-p", '{"spec":{"replicas":6}}'],
    ["-p", '{"spec":{"replicas":2}'],
    ["-p", "spec: ["],
    ["--type", "other", "-p", "{}"],
    [],
])
def test_patch(step: list[str], apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, "patch", "deployment", name, *step])
    same(apiserver, home, lambda name: ["-n", ns, "patch", "deployment", name, *step])   # (no change)
    twins(apiserver, ns, "deployments")


def test_patch_files_and_missing_objects(apiserver: ApiServer, home: Path, ns: str, tmp_path: Path) -> None:
    patch_file = tmp_path / "patch.yaml"
    patch_file.write_text("metadata:\n  annotations:\n    from: file\n")
    same(apiserver, home, lambda name: ["-n", ns, "patch", f"deploy/{name}", "--patch-file", str(patch_file)])
    same(apiserver, home, lambda name: ["-n", ns, "patch", "deploy", name, "missing", "-p", "{}"])
    same(apiserver, home, lambda name: ["-n", ns, "patch", "deploy", name, "-p", "{}", "--patch-file", "x"])
    manifest = tmp_path / "deploy.yaml"
    manifest.write_text(apiserver.kubectl("-n", ns, "get", "deploy", "k1", "-o", "yaml").stdout)
    same(apiserver, home, lambda _: ["patch", "--local", "-f", str(manifest), "-p", '{"spec":{"paused":true}}',
                                     "-o", "yaml"], mkctl_name="k1")
    twins(apiserver, ns, "deployments")


# ---- scale -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("step", [
    ["--replicas=3"],
    ["--replicas=2", "--current-replicas=3"],
    ["--replicas=2", "--current-replicas=5"],
    ["--replicas=4", "--dry-run=client", "-o", "name"],
    ["--replicas=4", "--dry-run=server"],
    ["--replicas=-1"],
    [],
])
def test_scale(step: list[str], apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, "scale", f"deployment/{name}", *step])
    twins(apiserver, ns, "deployments")


def test_scale_several_and_missing(apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, "scale", "deploy", name, "missing", "--replicas=2"])
    same(apiserver, home, lambda name: ["-n", ns, "scale", "deploy", "missing", "--replicas=2"])
    same(apiserver, home, lambda name: ["-n", ns, "scale", f"pod/{name}", "--replicas=2"])
    result = mkctl(apiserver, home, "-n", ns, "scale", "deploy/m1", "--replicas=3", "--resource-version=1")
    assert result.stderr.startswith("error: Expected resource version to be 1, was ") and result.returncode == 1
    twins(apiserver, ns, "deployments")


# ---- set ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("steps", [
    [["image", "nginx=nginx:1.25"], ["image", "nginx=nginx:1.25"], ["image", "nope=x"], ["image"],
     ["image", "*=busybox:2", "--dry-run=client", "-o", "name"], ["image", "*=x", "a=b"]],
    [["env", "A=1", "B=2"], ["env", "A=3", "-c", "nginx"], ["env", "--list"], ["env", "A-"],
     ["env", "B=9", "--overwrite=false"], ["env", "1A=3"], ["env", "--keys=a"]],
    [["resources", "--limits=cpu=200m,memory=512Mi", "--requests=cpu=100m"],
     ["resources", "-c", "nginx", "--limits=cpu=300m", "--dry-run=server", "-o", "name"],
     ["resources", "-c", "nope", "--limits=cpu=1"], ["resources"]],
    [["serviceaccount", "builder"], ["serviceaccount", "builder"], ["sa", "other", "--dry-run=client"]],
])
def test_set_pod_templates(steps: list[list[str]], apiserver: ApiServer, home: Path, ns: str) -> None:
    for step in steps:
        same(apiserver, home, lambda name: ["-n", ns, "set", step[0], f"deployment/{name}", *step[1:]])
    twins(apiserver, ns, "deployments")


def test_set_env_from_configmap(apiserver: ApiServer, home: Path, ns: str) -> None:
    # (one key: kubectl takes a ConfigMap's keys in Go's random map order)
    assert apiserver.kubectl("-n", ns, "create", "configmap", "settings", "--from-literal=log.level=debug"
                             ).returncode == 0
    same(apiserver, home, lambda name: ["-n", ns, "set", "env", f"deploy/{name}", "--from=configmap/settings",
                                        "--prefix=APP_", "-c", "nginx"])
    same(apiserver, home, lambda name: ["-n", ns, "set", "env", f"deploy/{name}", "--list"])
    twins(apiserver, ns, "deployments")


def test_set_selector_and_subject(apiserver: ApiServer, home: Path, ns: str) -> None:
    for name in ("k1", "m1"):
        assert apiserver.kubectl("-n", ns, "create", "service", "clusterip", name, "--tcp=80").returncode == 0
        assert apiserver.kubectl("-n", ns, "create", "rolebinding", name, "--clusterrole=view").returncode == 0
    for step in (["app=web,tier=front"], ["app in (web)"], ["app=x", "--dry-run=client", "-o", "name"]):
        same(apiserver, home, lambda name: ["-n", ns, "set", "selector", f"service/{name}", *step])
    same(apiserver, home, lambda name: ["-n", ns, "set", "selector", f"deploy/{name}", "app=x"])
    for step in (["--serviceaccount=ns1:robot", "--serviceaccount=:own"], ["--serviceaccount=ns1:robot"],
                 ["--serviceaccount=bad"], []):
        same(apiserver, home, lambda name: ["-n", ns, "set", "subject", f"rolebinding/{name}", *step])
    same(apiserver, home, lambda name: ["-n", ns, "set", "subject", f"deploy/{name}", "--serviceaccount=a:b"])
    kept = [stored(apiserver, f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings/{name}", name)
            for name in ("k1", "m1")]
    assert kept[0] == kept[1]
    kept = [stored(apiserver, f"/api/v1/namespaces/{ns}/services/{name}", name) for name in ("k1", "m1")]
    assert kept[0]["spec"]["selector"] == kept[1]["spec"]["selector"] == {"app": "web", "tier": "front"}


# ---- autoscale and expose --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("step", [
    ["--max=3", "--dry-run=client", "-o", "yaml"],
    ["--max=3", "--min=2", "--cpu-percent=40", "--dry-run=client", "-o", "json"],
    ["--max=5", "--min=2", "--cpu-percent=60"],
    ["--max=3", "--min=5"],
    ["--max=0"],
    [],
])
def test_autoscale(step: list[str], apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, "autoscale", f"deployment/{name}", *step])
    if "--max=5" in step:
        kept = [stored(apiserver, f"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers/{name}", name)
                for name in ("k1", "m1")]
        assert kept[0] == kept[1]


def test_autoscale_refusals(apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, "autoscale", f"pod/{name}", "--max=3"])
    same(apiserver, home, lambda name: ["-n", ns, "autoscale", "deployment/missing", "--max=3"])


@pytest.mark.parametrize("step", [
    ["deployment", "--port=80", "--target-port=8080"],
    ["deployment", "--port=80", "--type=NodePort", "--dry-run=client", "-o", "yaml"],
    ["deployment", "--dry-run=client", "-o", "json"],
    ["pod", "--port=80", "--name={}-svc", "--dry-run=server", "-o", "name"],
    ["pod", "--port=80", "--selector=app=other", "--labels=a=b"],
    ["serviceaccount", "--port=80"],
])
def test_expose(step: list[str], apiserver: ApiServer, home: Path, ns: str) -> None:
    kind, *flags = step
    target = "default" if kind == "serviceaccount" else "{}"
    same(apiserver, home, lambda name: ["-n", ns, "expose", kind, target.format(name),
                                        *(flag.format(name) for flag in flags)])
    if "--dry-run" not in " ".join(flags) and kind != "serviceaccount":
        kept = [stored(apiserver, f"/api/v1/namespaces/{ns}/services/{name}", name) for name in ("k1", "m1")]
        for obj in kept:
            obj["spec"].pop("clusterIP")
            obj["spec"].pop("clusterIPs")
        assert kept[0] == kept[1]
