"""`mkctl create <generator>`, `create token` and `run`: every example of
../shared/reference/kubectl-1.32/offline-generators.md through the console script byte for byte (offline where
kubectl runs offline, against the test apiserver where it needs one), and mkctl next to the real kubectl on the
same apiserver: the objects they create, their lines, errors and exit codes.

Also the helpers test_mkctl_mutate.py uses: `mkctl`, `same` (kubectl and mkctl on twin objects), `new_namespace`."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from apiservers import ApiServer, new_namespace

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")

MKCTL = str(Path(sys.executable).parent / "mkctl")
REFERENCE = Path(__file__).resolve().parents[2] / "shared/reference/kubectl-1.32/offline-generators.md"
_EXAMPLE = re.compile(r"^`(kubectl [^`]*)`( \(against a server\))? -> exit 0\n```(?:yaml|json)\n(.*?)^```$",
                      re.MULTILINE | re.DOTALL)
_KLOG_HEAD = re.compile(r"^([EWI])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ ", re.MULTILINE)
# What two twin objects' printed forms differ in besides their names (YAML and JSON forms).
_SERVER_FILLED = re.compile(r'((?:"?(?:uid|resourceVersion|creationTimestamp)"?: )"?)[-\w:]+"?|'
                            r"(kube-api-access-)[a-z0-9]{5}")
# Fields the server fills differently for two objects made one after the other.
_VOLATILE = ("uid", "resourceVersion", "creationTimestamp", "managedFields", "generation")


def mkctl(apiserver: ApiServer | None, home: Path, *args: str, kubeconfig: Path | None = None,
          cwd: Path | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    config = kubeconfig or (apiserver.kubeconfig if apiserver else home / "missing.conf")
    return subprocess.run([MKCTL, *args], input=stdin, capture_output=True, text=True, timeout=60, cwd=cwd,
                          env={**os.environ, "HOME": str(home), "KUBECONFIG": str(config)})


def _normal(text: str, name: str) -> str:
    """Output with the twin's name, the program's name, klog's time and pid and what the server fills in for each
    object (uid, resourceVersion, creationTimestamp, token volume) made neutral."""
    text = _KLOG_HEAD.sub(r"\1MMDD hh:mm:ss.uuuuuu pid ", text.replace("kubectl", "mkctl"))
    text = _SERVER_FILLED.sub(lambda match: (match[1] or match[2]) + "X", text)
    return re.sub(rf"\b{re.escape(name)}\b", "NAME", text)


def same(apiserver: ApiServer, home: Path, command: Callable[[str], list[str]], *, kubectl_name: str = "k1",
         mkctl_name: str = "m1", **options: Any) -> subprocess.CompletedProcess:
    """kubectl with `command(kubectl_name)` and mkctl with `command(mkctl_name)` (twin objects, so that both can
    create or change theirs): the same stdout, stderr and exit code, names aside. Returns mkctl's result."""
    expected = apiserver.kubectl(*command(kubectl_name), **options)
    actual = mkctl(apiserver, home, *command(mkctl_name), **options)
    assert (_normal(actual.stdout, mkctl_name), _normal(actual.stderr, mkctl_name), actual.returncode) == \
        (_normal(expected.stdout, kubectl_name), _normal(expected.stderr, kubectl_name), expected.returncode), \
        command("NAME")
    return actual


def stored(apiserver: ApiServer, path: str, name: str) -> dict:
    """An object as the server keeps it, without what differs between twins, its name and uid made neutral."""
    status, obj = apiserver.request("GET", path)
    assert status == 200, obj
    uid = obj["metadata"]["uid"]
    for key in _VOLATILE:
        obj["metadata"].pop(key, None)
    return json.loads(re.sub(rf"\b{re.escape(name)}\b", "NAME", json.dumps(obj).replace(uid, "UID")))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mkctl-home")


@pytest.fixture
def ns(apiserver: ApiServer) -> str:
    return new_namespace(apiserver)


# ---- the reference's generated objects, byte for byte ---------------------------------------------------------

def _examples(against_server: bool) -> list[tuple[str, str]]:
    return [(command, text) for command, server, text in _EXAMPLE.findall(REFERENCE.read_text())
            if bool(server) == against_server]


@pytest.fixture(scope="module")
def fixtures_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The recording's local files (app.properties, app.env, deploy.yaml)."""
    directory = tmp_path_factory.mktemp("files")
    (directory / "app.properties").write_text("color=blue\nsize=large\n")
    (directory / "app.env").write_text("LOG_LEVEL=debug\nPORT=8080\n")
    deploy = {"apiVersion": "apps/v1", "kind": "Deployment",
              "metadata": {"name": "applied", "labels": {"app": "applied"}},
              "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "applied"}},
                       "template": {"metadata": {"labels": {"app": "applied"}},
                                    "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}}}
    (directory / "deploy.yaml").write_text(yaml.safe_dump(deploy))
    return directory


@pytest.mark.parametrize("command,expected", _examples(against_server=False), ids=lambda value: value[:60])
def test_offline_example(command: str, expected: str, home: Path, fixtures_dir: Path) -> None:
    """No server at all (KUBECONFIG names a missing file), as kubectl runs these."""
    result = mkctl(None, home, *shlex.split(command)[1:], cwd=fixtures_dir)
    assert (result.stdout, result.stderr, result.returncode) == (expected, "", 0)


@pytest.fixture(scope="module")
def example_server(apiserver: ApiServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kubeconfig whose context namespace holds what the recording's server held (deployment web, pod x)."""
    namespace = new_namespace(apiserver)
    config = yaml.safe_load(apiserver.kubeconfig.read_text())
    for context in config["contexts"]:
        context["context"]["namespace"] = namespace
    path = tmp_path_factory.mktemp("examples") / "kubeconfig"
    path.write_text(yaml.safe_dump(config))
    assert apiserver.kubectl("create", "deployment", "web", "--image=nginx", kubeconfig=path).returncode == 0
    assert apiserver.kubectl("run", "x", "--image=nginx", "--labels=app=x", kubeconfig=path).returncode == 0
    return path


@pytest.mark.parametrize("command,expected", _examples(against_server=True), ids=lambda value: value[:60])
def test_server_example(command: str, expected: str, apiserver: ApiServer, home: Path, fixtures_dir: Path,
                        example_server: Path) -> None:
    result = mkctl(apiserver, home, *shlex.split(command)[1:], kubeconfig=example_server, cwd=fixtures_dir)
    assert (result.stdout, result.stderr, result.returncode) == (expected, "", 0)


# ---- next to kubectl ------------------------------------------------------------------------------------------

GENERATORS = [
    ("deployments", ["create", "deployment", "{}", "--image=nginx", "--replicas=2", "--port=80"]),
    ("services", ["create", "service", "clusterip", "{}", "--tcp=80:8080"]),
    ("services", ["create", "service", "externalname", "{}", "--external-name=example.com"]),
    ("configmaps", ["create", "configmap", "{}", "--from-literal=a=b", "--from-literal=c=d"]),
    ("secrets", ["create", "secret", "generic", "{}", "--from-literal=user=admin", "--type=Opaque"]),
    ("secrets", ["create", "secret", "docker-registry", "{}", "--docker-username=u", "--docker-password=p"]),
    ("serviceaccounts", ["create", "serviceaccount", "{}"]),
    ("resourcequotas", ["create", "quota", "{}", "--hard=cpu=1,pods=2"]),
    ("roles", ["create", "role", "{}", "--verb=get,list", "--resource=pods,deployments.apps/scale"]),
    ("rolebindings", ["create", "rolebinding", "{}", "--clusterrole=view", "--serviceaccount=ns:sa"]),
    ("jobs", ["create", "job", "{}", "--image=busybox", "--", "echo", "hi"]),
    ("cronjobs", ["create", "cronjob", "{}", "--image=busybox", "--schedule=*/5 * * * *"]),
    ("poddisruptionbudgets", ["create", "poddisruptionbudget", "{}", "--selector=app=x", "--min-available=1"]),
    ("ingresses", ["create", "ingress", "{}", "--rule=foo.com/bar=svc:80"]),
    ("pods", ["run", "{}", "--image=nginx", "--port=80", "--env=A=1", "--labels=app=web"]),
]
_PATHS = {"deployments": "/apis/apps/v1", "jobs": "/apis/batch/v1", "cronjobs": "/apis/batch/v1",
          "roles": "/apis/rbac.authorization.k8s.io/v1", "rolebindings": "/apis/rbac.authorization.k8s.io/v1",
          "poddisruptionbudgets": "/apis/policy/v1", "ingresses": "/apis/networking.k8s.io/v1"}


def object_path(ns: str, plural: str, name: str) -> str:
    return f"{_PATHS.get(plural, '/api/v1')}/namespaces/{ns}/{plural}/{name}"


@pytest.mark.parametrize("plural,words", GENERATORS, ids=lambda value: value if isinstance(value, str) else "")
def test_creates_what_kubectl_creates(plural: str, words: list[str], apiserver: ApiServer, home: Path,
                                      ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, *(name if word == "{}" else word for word in words)])
    kept = [stored(apiserver, object_path(ns, plural, name), name) for name in ("k1", "m1")]
    for obj in kept:   # what the server allocates for each
        obj.get("spec", {}).pop("clusterIP", None)
        obj.get("spec", {}).pop("clusterIPs", None)
        for volume in obj.get("spec", {}).get("volumes") or []:
            volume["name"] = "token"
        for container in obj.get("spec", {}).get("containers") or []:
            for mount in container.get("volumeMounts") or []:
                mount["name"] = "token"
    assert kept[0] == kept[1]


@pytest.mark.parametrize("extra", [["-o", "name"], ["--dry-run=server"], ["--dry-run=server", "-o", "name"],
                                   ["-o", "jsonpath={.metadata.name} {.spec.replicas}"],
                                   ["--dry-run=client", "-o", "go-template={{.metadata.name}}"]])
def test_output_and_dry_run(extra: list[str], apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, "create", "deployment", name, "--image=nginx", *extra])
    created = apiserver.request("GET", f"/apis/apps/v1/namespaces/{ns}/deployments/m1")[0]
    assert created == (404 if "--dry-run=server" in extra or "--dry-run=client" in extra else 200)


def test_typed_json_of_the_created_object(apiserver: ApiServer, home: Path, ns: str) -> None:
    """-o json after a create is the object decoded into its Go type (struct field order, not sorted)."""
    result = same(apiserver, home, lambda name: ["-n", ns, "create", "configmap", name, "--from-literal=a=b",
                                                 "-o", "jsonpath={.kind} {.data}"])
    assert result.stdout == 'ConfigMap {"a":"b"}'
    text = mkctl(apiserver, home, "-n", ns, "create", "serviceaccount", "sa", "-o", "json").stdout
    assert list(json.loads(text)) == ["kind", "apiVersion", "metadata"]


def test_save_config(apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, "create", "deployment", name, "--image=nginx", "--save-config"])
    kept = [stored(apiserver, object_path(ns, "deployments", name), name) for name in ("k1", "m1")]
    assert kept[0]["metadata"]["annotations"] == kept[1]["metadata"]["annotations"]
    assert "kubectl.kubernetes.io/last-applied-configuration" in kept[1]["metadata"]["annotations"]


@pytest.mark.parametrize("words", [
    ["create", "deployment", "--image=nginx"],                       # no NAME: usage error
    ["create", "deployment", "{}"],                                  # required --image
    ["create", "cronjob", "{}", "--image=busybox"],                  # required --schedule
    ["create", "namespace", "{}", "-o", "wide"],                     # no such printer
    ["create", "namespace", "{}", "--dry-run=maybe"],
    ["create", "secret", "generic", "{}"],                           # (an empty secret)
    ["create", "service", "nodeport", "{}"],
    ["create", "poddisruptionbudget", "{}", "--selector=app=x"],
    ["create", "role", "{}", "--verb=get", "--resource=nope"],
    ["create", "role", "{}", "--verb=get,frob", "--resource=pods", "--dry-run=client", "-o", "name"],
    ["create", "job", "{}", "--from=cronjob/missing"],
    ["create", "configmap", "default-token-x", "--from-literal=a"],
    ["create", "serviceaccount", "default"],                         # AlreadyExists
    ["create", "deployment", "{}", "--image=nginx", "--replicas=-1"],  # Invalid
    ["create", "service", "clusterip", "{}", "--tcp=80", "--clusterip=1.2.3.4"],
    ["create", "namespace", "default"],
    ["create", "token", "missing"],
    ["create", "token", "default", "--bound-object-kind=Pod"],
    ["create", "token", "default", "--duration=-1s"],
    ["run", "{}"],
    ["run", "--image=nginx"],
    ["run", "{}", "--image=nginx", "--restart=Sometimes"],
    ["run", "{}", "--image=nginx", "--expose"],
])
def test_refusals_and_edges_as_kubectl(words: list[str], apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, *(name if word == "{}" else word for word in words)])


def test_run_expose_and_overrides(apiserver: ApiServer, home: Path, ns: str) -> None:
    same(apiserver, home, lambda name: ["-n", ns, "run", name, "--image=nginx", "--port=80", "--expose"])
    same(apiserver, home, lambda name: ["-n", ns, "run", name, "--image=nginx", "--expose", "--port=80",
                                        "--dry-run=client", "-o", "yaml"])
    same(apiserver, home, lambda name: ["-n", ns, "run", name, "--image=nginx", "--dry-run=client", "-o",
                                        "json", "--overrides", '{"spec":{"hostname":"h"}}'])
    kept = [stored(apiserver, f"/api/v1/namespaces/{ns}/services/{name}", name) for name in ("k1", "m1")]
    for obj in kept:
        obj["spec"].pop("clusterIP")
        obj["spec"].pop("clusterIPs")
    assert kept[0] == kept[1]


def test_run_does_not_attach(apiserver: ApiServer, home: Path, ns: str) -> None:
    for flags in (["--rm", "-it"], ["-i"], ["--attach"]):
        result = mkctl(apiserver, home, "-n", ns, "run", "shell", "--image=busybox", *flags)
        assert result.returncode == 1
        assert "not supported: no containers run in minikube-py" in result.stderr
    assert apiserver.request("GET", f"/api/v1/namespaces/{ns}/pods/shell")[0] == 404


def test_create_token(apiserver: ApiServer, home: Path, ns: str) -> None:
    token = mkctl(apiserver, home, "-n", ns, "create", "token", "default", "--duration=10m")
    assert token.returncode == 0 and token.stderr == ""
    assert token.stdout.count(".") == 2 and not token.stdout.endswith("\n")   # a JWT, no newline off a terminal
    status, review = apiserver.request("POST", "/apis/authentication.k8s.io/v1/tokenreviews",
                                       {"kind": "TokenReview", "apiVersion": "authentication.k8s.io/v1",
                                        "spec": {"token": token.stdout}})
    assert status == 201 and review["status"]["user"]["username"] == f"system:serviceaccount:{ns}:default"
    same(apiserver, home, lambda _: ["-n", ns, "create", "token", "default", "--duration=1h", "--audience=a",
                                     "-o", "jsonpath={.spec}"])


def test_job_from_cronjob(apiserver: ApiServer, home: Path, ns: str) -> None:
    assert apiserver.kubectl("-n", ns, "create", "cronjob", "nightly", "--image=busybox",
                             "--schedule=0 0 * * *").returncode == 0
    same(apiserver, home, lambda name: ["-n", ns, "create", "job", name, "--from=cronjob/nightly"])
    kept = [stored(apiserver, object_path(ns, "jobs", name), name) for name in ("k1", "m1")]
    assert kept[0] == kept[1]
    assert kept[1]["metadata"]["annotations"] == {"cronjob.kubernetes.io/instantiate": "manual"}
