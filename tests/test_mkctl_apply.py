"""`mkctl apply`, `create -f`, `replace -f` and `diff -f` next to the real kubectl on the same apiserver: each runs
in a namespace of its own on the same manifests, and prints the same lines, errors and exit codes and leaves the
same objects (the last-applied-configuration annotation included). Also a CI-style bash script (`set -e`)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pytest
from apiservers import ApiServer, new_namespace
from test_mkctl_create import MKCTL, mkctl

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def configmap(name: str, data: dict[str, str], labels: dict[str, str] | None = None, *, as_json: bool = False
              ) -> str:
    """A ConfigMap manifest: YAML (a document in JSON's flow syntax) or, `as_json`, a JSON file."""
    metadata = {"name": name, **({"labels": labels} if labels else {})}
    text = json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata, "data": data})
    return text if as_json else f"# {name}\n{text}\n"


DEPLOYMENT = textwrap.dedent("""\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: {app: web}
    spec:
      replicas: REPLICAS
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: web
            image: IMAGE
    """)


def deployment(replicas: int = 1, image: str = "nginx:1.27") -> str:
    return DEPLOYMENT.replace("REPLICAS", str(replicas)).replace("IMAGE", image)


class Twins:
    """kubectl in one namespace, mkctl in another, on the same files (a directory each)."""

    def __init__(self, apiserver: ApiServer, tmp_path: Path) -> None:
        self.apiserver = apiserver
        self.home = tmp_path / "home"
        self.home.mkdir()
        self.namespaces = {"k": new_namespace(apiserver), "m": new_namespace(apiserver)}
        self.dirs = {who: tmp_path / who for who in "km"}
        for directory in self.dirs.values():
            directory.mkdir()

    def write(self, name: str, text: str) -> None:
        for directory in self.dirs.values():
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)

    def remove(self, name: str) -> None:
        for directory in self.dirs.values():
            (directory / name).unlink()

    def run(self, who: str, *args: str, stdin: str = "", env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess:
        args = ("-n", self.namespaces[who], *args)
        if who == "k":
            return self.apiserver.kubectl(*args, stdin=stdin, cwd=self.dirs["k"], env=env)
        environment = {**os.environ, "HOME": str(self.home), "KUBECONFIG": str(self.apiserver.kubeconfig),
                       **(env or {})}
        return subprocess.run([MKCTL, *args], input=stdin, capture_output=True, text=True, timeout=60,
                              cwd=self.dirs["m"], env=environment)

    def same(self, *args: str, stdin: str = "", normal=lambda text: text) -> subprocess.CompletedProcess:
        """Both print the same (namespace names aside); mkctl's result."""
        results = {who: self.run(who, *args, stdin=stdin) for who in "km"}
        seen = {who: (normal(result.stdout.replace(self.namespaces[who], "NS")),
                      normal(result.stderr.replace(self.namespaces[who], "NS")), result.returncode)
                for who, result in results.items()}
        assert seen["m"] == seen["k"], args
        return results["m"]

    def stored(self, who: str, path: str) -> dict | None:
        """The object at `/api/v1/namespaces/<ns>/<path>` without what the server makes different."""
        prefix = "/apis/apps/v1" if path.startswith("deployments") else "/api/v1"
        status, obj = self.apiserver.request("GET", f"{prefix}/namespaces/{self.namespaces[who]}/{path}")
        if status == 404:
            return None
        meta = obj["metadata"]
        for key in ("uid", "resourceVersion", "creationTimestamp", "managedFields", "generation"):
            meta.pop(key, None)
        meta["namespace"] = "NS"
        annotations = meta.get("annotations") or {}
        if LAST_APPLIED in annotations:
            annotations[LAST_APPLIED] = annotations[LAST_APPLIED].replace(self.namespaces[who], "NS")
        obj.pop("status", None)
        return obj

    def same_state(self, *paths: str) -> None:
        for path in paths:
            assert self.stored("m", path) == self.stored("k", path), path


@pytest.fixture
def twins(apiserver: ApiServer, tmp_path: Path) -> Twins:
    return Twins(apiserver, tmp_path)


def test_apply_creates_then_leaves_unchanged_then_configures(twins: Twins):
    twins.write("cm.yaml", configmap("settings", {"a": "1"}))
    assert twins.same("apply", "-f", "cm.yaml").stdout == "configmap/settings created\n"
    twins.same_state("configmaps/settings")
    assert LAST_APPLIED in twins.stored("m", "configmaps/settings")["metadata"]["annotations"]
    assert twins.same("apply", "-f", "cm.yaml").stdout == "configmap/settings unchanged\n"
    twins.write("cm.yaml", configmap("settings", {"b": "2"}))
    assert twins.same("apply", "-f", "cm.yaml").stdout == "configmap/settings configured\n"
    twins.same_state("configmaps/settings")
    assert twins.stored("m", "configmaps/settings")["data"] == {"b": "2"}   # a: the last-applied said so


def test_apply_deployment_three_way_keeps_fields_others_set(twins: Twins):
    twins.write("deploy.yaml", deployment())
    twins.same("apply", "-f", "deploy.yaml")
    for who in "km":   # someone else scales it: apply leaves replicas alone when the file did not change them
        twins.apiserver.request("PATCH", f"/apis/apps/v1/namespaces/{twins.namespaces[who]}/deployments/web",
                                {"metadata": {"labels": {"extra": "x"}}},
                                content_type="application/merge-patch+json")
    twins.write("deploy.yaml", deployment(replicas=3, image="nginx:1.28"))
    assert twins.same("apply", "-f", "deploy.yaml").stdout == "deployment.apps/web configured\n"
    twins.same_state("deployments/web")
    stored = twins.stored("m", "deployments/web")
    assert stored["metadata"]["labels"] == {"app": "web", "extra": "x"}
    assert stored["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.28"


def test_apply_object_created_without_annotation_warns_and_patches(twins: Twins):
    for who in "km":
        twins.run(who, "create", "configmap", "plain", "--from-literal=a=1")
    twins.write("plain.yaml", configmap("plain", {"a": "2"}))
    result = twins.same("apply", "-f", "plain.yaml")
    assert "missing the kubectl.kubernetes.io/last-applied-configuration annotation" in result.stderr
    twins.same_state("configmaps/plain")


def test_apply_directory_recursive_and_stdin(twins: Twins):
    twins.write("dir/a.yaml", configmap("a", {"x": "1"}))
    twins.write("dir/b.json", configmap("b", {"x": "1"}, as_json=True))
    twins.write("dir/notes.txt", "not a manifest")
    twins.write("dir/sub/c.yml", configmap("c", {"x": "1"}) + "\n---\n" + configmap("d", {"x": "1"}))
    assert twins.same("apply", "-f", "dir").stdout == "configmap/a created\nconfigmap/b created\n"
    assert twins.same("apply", "-f", "dir/", "-R").stdout == \
        "configmap/a unchanged\nconfigmap/b unchanged\nconfigmap/c created\nconfigmap/d created\n"
    twins.same_state("configmaps/c", "configmaps/d")
    assert twins.same("apply", "-f", "-", stdin=configmap("e", {"y": "2"})).stdout == "configmap/e created\n"
    twins.same_state("configmaps/e")


def test_apply_keeps_going_past_broken_documents(twins: Twins):
    twins.write("m/1-good.yaml", configmap("good-one", {"a": "1"}))
    twins.write("m/2-syntax.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\ndata:\n  x: [\n")
    twins.write("m/3-nokind.yaml", "apiVersion: v1\nmetadata:\n  name: n\n")
    twins.write("m/4-invalid.yaml", configmap("bad-key", {"not valid": "1"}))
    twins.write("m/5-wrongtype.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w\ndata:\n  x: 1\n")
    twins.write("m/6-good.yaml", configmap("good-two", {"b": "2"}))
    result = twins.same("apply", "-f", "m")
    assert result.returncode == 1
    assert result.stdout == "configmap/good-one created\nconfigmap/good-two created\n"
    assert 'error parsing m/2-syntax.yaml' in result.stderr and '"m/3-nokind.yaml"' in result.stderr
    assert 'error when creating "m/4-invalid.yaml"' in result.stderr and "data[not valid]" in result.stderr
    twins.same_state("configmaps/good-one", "configmaps/good-two")
    # one bad file alone: kubectl's single-error form (`error: ...`, or the Invalid text naming the field)
    assert twins.same("apply", "-f", "m/2-syntax.yaml").stderr.startswith("error: error parsing m/2-syntax.yaml")
    assert "data[not valid]: Invalid value" in twins.same("apply", "-f", "m/4-invalid.yaml").stderr


def test_apply_errors_before_any_request(twins: Twins):
    assert twins.same("apply").stderr == "error: must specify one of -f and -k\n"
    assert twins.same("apply", "-f", "missing.yaml").stderr == 'error: the path "missing.yaml" does not exist\n'
    twins.write("other-ns.yaml", json.dumps({"apiVersion": "v1", "kind": "ConfigMap",
                                             "metadata": {"name": "x", "namespace": "elsewhere"}}))
    result = twins.same("apply", "-f", "other-ns.yaml")
    assert result.stderr.replace(twins.namespaces["m"], "NS") == (
        'error: the namespace from the provided object "elsewhere" does not match the namespace "NS". You must pass '
        "'--namespace=elsewhere' to perform this operation.\n")
    twins.write("empty.yaml", "---\n")
    assert twins.same("apply", "-f", "empty.yaml").stderr == "error: no objects passed to apply\n"
    twins.write("kind.yaml", "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n")
    assert "no matches for kind \"Gadget\"" in twins.same("apply", "-f", "kind.yaml", "--validate=false").stderr
    assert twins.same("apply", "-f", "kind.yaml", "--dry-run=bogus").returncode == 1
    kustomize = twins.run("m", "apply", "-k", ".")
    assert kustomize.returncode == 1 and "kustomize" in kustomize.stderr and "out of scope" in kustomize.stderr


def test_apply_dry_run_client_and_server_store_nothing(twins: Twins):
    twins.write("cm.yaml", configmap("dry", {"a": "1"}))
    assert twins.same("apply", "-f", "cm.yaml", "--dry-run=client").stdout == "configmap/dry created (dry run)\n"
    assert twins.same("apply", "-f", "cm.yaml", "--dry-run=server").stdout == \
        "configmap/dry created (server dry run)\n"
    assert twins.stored("m", "configmaps/dry") is None
    twins.same("apply", "-f", "cm.yaml")
    twins.write("cm.yaml", configmap("dry", {"a": "2"}))
    assert twins.same("apply", "-f", "cm.yaml", "--dry-run=server").stdout == \
        "configmap/dry configured (server dry run)\n"
    assert twins.same("apply", "-f", "cm.yaml", "--dry-run=client").stdout == "configmap/dry configured (dry run)\n"
    assert twins.stored("m", "configmaps/dry")["data"] == {"a": "1"}


def test_apply_output_formats(twins: Twins):
    twins.write("two.yaml", configmap("o1", {"a": "1"}) + "\n---\n" + configmap("o2", {"a": "1"}))
    assert twins.same("apply", "-f", "two.yaml", "-o", "name").stdout == "configmap/o1\nconfigmap/o2\n"
    volatile = re.compile(r'("?(?:uid|resourceVersion|creationTimestamp|time)"?: )"?[-\w:.]+"?')
    result = twins.same("apply", "-f", "two.yaml", "-o", "yaml", normal=lambda text: volatile.sub(r"\1X", text))
    assert result.stdout.startswith("apiVersion: v1\nitems:\n")
    twins.same("apply", "-f", "two.yaml", "-o", "json", normal=lambda text: volatile.sub(r"\1X", text))
    twins.same("apply", "-f", "two.yaml", "-o", "jsonpath={.items[*].metadata.name}")


def test_apply_server_side(twins: Twins):
    twins.write("deploy.yaml", deployment())
    assert twins.same("apply", "--server-side", "-f", "deploy.yaml").stdout == \
        "deployment.apps/web serverside-applied\n"
    twins.same_state("deployments/web")
    twins.same("apply", "--server-side", "-f", "deploy.yaml")
    twins.write("other.yaml", deployment(replicas=5))
    conflict = twins.same("apply", "--server-side", "--field-manager=other", "-f", "other.yaml")
    assert conflict.returncode == 1 and "conflict" in conflict.stderr and "--force-conflicts" in conflict.stderr
    twins.same("apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "other.yaml")
    twins.same_state("deployments/web")
    assert twins.stored("m", "deployments/web")["spec"]["replicas"] == 5
    assert twins.same("apply", "--server-side", "--dry-run=client", "-f", "other.yaml").returncode == 1
    assert twins.same("apply", "--force-conflicts", "-f", "other.yaml").returncode == 1


def test_apply_prune_with_selector(twins: Twins):
    labels = {"team": "p"}
    twins.write("p/a.yaml", configmap("keep", {"a": "1"}, labels))
    twins.write("p/b.yaml", configmap("drop", {"a": "1"}, labels))
    for who in "km":   # not created by apply: prune leaves it
        twins.run(who, "create", "configmap", "manual")
        twins.run(who, "label", "configmap", "manual", "team=p")
    twins.same("apply", "-f", "p")
    twins.remove("p/b.yaml")
    assert twins.same("apply", "--prune", "-l", "team=p", "-f", "p", "--dry-run=server",
                      normal=_klog_normal).stdout == \
        "configmap/keep unchanged (server dry run)\nconfigmap/drop pruned (server dry run)\n"
    assert twins.stored("m", "configmaps/drop") is not None
    assert twins.same("apply", "--prune", "-l", "team=p", "-f", "p", normal=_klog_normal).stdout == \
        "configmap/keep unchanged\nconfigmap/drop pruned\n"
    assert twins.stored("m", "configmaps/drop") is None and twins.stored("m", "configmaps/manual") is not None
    assert twins.same("apply", "--prune", "-f", "p").returncode == 1   # neither -l nor --all


def test_create_from_files(twins: Twins):
    twins.write("cms.yaml", configmap("c1", {"a": "1"}) + "\n---\n" + configmap("c2", {"a": "1"}))
    assert twins.same("create", "-f", "cms.yaml").stdout == "configmap/c1 created\nconfigmap/c2 created\n"
    again = twins.same("create", "-f", "cms.yaml")
    assert again.returncode == 1 and 'error when creating "cms.yaml"' in again.stderr
    twins.write("saved.yaml", configmap("c3", {"a": "1"}))
    twins.same("create", "-f", "saved.yaml", "--save-config")
    twins.same_state("configmaps/c1", "configmaps/c3")
    volatile = re.compile(r'("?(?:uid|resourceVersion|creationTimestamp|time)"?: )"?[-\w:.]+"?')
    twins.same("create", "-f", "cms.yaml", "--dry-run=server", "-o", "yaml",
               normal=lambda text: volatile.sub(r"\1X", text))
    twins.same("create", "-f", "cms.yaml", "--dry-run=client", "-o", "name")
    assert twins.same("create").stderr == "error: must specify one of -f and -k\n"


def test_replace_and_force_replace(twins: Twins):
    twins.write("cm.yaml", configmap("r", {"a": "1"}))
    twins.same("create", "-f", "cm.yaml")
    twins.write("cm.yaml", configmap("r", {"a": "2"}))
    assert twins.same("replace", "-f", "cm.yaml").stdout == "configmap/r replaced\n"
    twins.same_state("configmaps/r")
    uid = twins.apiserver.request("GET", f"/api/v1/namespaces/{twins.namespaces['m']}/configmaps/r")[1]
    assert twins.same("replace", "--force", "-f", "cm.yaml").stdout == \
        'configmap "r" deleted\nconfigmap/r replaced\n'
    again = twins.apiserver.request("GET", f"/api/v1/namespaces/{twins.namespaces['m']}/configmaps/r")[1]
    assert again["metadata"]["uid"] != uid["metadata"]["uid"]
    twins.write("missing.yaml", configmap("absent", {}))
    missing = twins.same("replace", "-f", "missing.yaml")
    assert missing.returncode == 1 and 'error when replacing "missing.yaml"' in missing.stderr


def _klog_normal(text: str) -> str:
    return re.sub(r"^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ ", "W ", text, flags=re.MULTILINE)


def _diff_normal(text: str) -> str:
    text = re.sub(r"(LIVE|MERGED)-\d+", r"\1-N", text)
    text = re.sub(r"^(---|\+\+\+) (\S+)\t.*$", r"\1 \2", text, flags=re.MULTILINE)
    return re.sub(r"((?:uid|creationTimestamp|resourceVersion): )\S+", r"\1X", text)


def test_diff_exit_codes_and_output(twins: Twins):
    twins.write("cm.yaml", configmap("d", {"a": "1"}))
    created = twins.same("diff", "-f", "cm.yaml", normal=_diff_normal)
    assert created.returncode == 1 and "+  a: \"1\"" in created.stdout
    twins.same("apply", "-f", "cm.yaml")
    assert twins.same("diff", "-f", "cm.yaml", normal=_diff_normal).returncode == 0
    twins.write("cm.yaml", configmap("d", {"a": "2"}))
    changed = twins.same("diff", "-f", "cm.yaml", normal=_diff_normal)
    assert changed.returncode == 1 and '-  a: "1"\n+  a: "2"' in changed.stdout
    assert twins.same("diff", "-f", "cm.yaml", "--server-side", "--force-conflicts", normal=_diff_normal
                      ).returncode == 1
    assert twins.same("diff", "-f", "nothing.yaml").returncode == 2
    external = {who: twins.run(who, "diff", "-f", "cm.yaml", env={"KUBECTL_EXTERNAL_DIFF": "ls"}) for who in "km"}
    assert external["m"].returncode == external["k"].returncode == 0
    listed = {who: _diff_normal(external[who].stdout.replace(twins.namespaces[who], "NS")) for who in "km"}
    assert listed["m"] == listed["k"] == f"{tempfile.gettempdir()}/LIVE-N:\nv1.ConfigMap.NS.d\n\n" \
        f"{tempfile.gettempdir()}/MERGED-N:\nv1.ConfigMap.NS.d\n"


CI_SCRIPT = """\
set -e
mkctl -n "$NS" apply -f manifests/
test "$(mkctl -n "$NS" get configmap app-config -o jsonpath='{.data.mode}')" = production
test "$(mkctl -n "$NS" get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}')" = nginx:1.27
mkctl -n "$NS" apply -f manifests/
echo all good
"""


def test_ci_script_applies_a_directory_and_fails_on_a_broken_manifest(apiserver: ApiServer, tmp_path: Path):
    namespace = new_namespace(apiserver)
    manifests = tmp_path / "manifests"
    manifests.mkdir()
    (manifests / "config.yaml").write_text(configmap("app-config", {"mode": "production"}))
    (manifests / "web.yaml").write_text(deployment())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "mkctl").symlink_to(MKCTL)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "NS": namespace, "HOME": str(tmp_path),
           "KUBECONFIG": str(apiserver.kubeconfig)}
    script = tmp_path / "ci.sh"
    script.write_text(CI_SCRIPT)
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("configmap/app-config unchanged\ndeployment.apps/web unchanged\nall good\n")
    (manifests / "web.yaml").write_text(deployment().replace("replicas:", "replicaz:"))   # a typo in a field
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 1 and "all good" not in result.stdout
    assert '"manifests/web.yaml"' in result.stderr and 'unknown field "spec.replicaz"' in result.stderr, \
        result.stderr


def test_builder_reads_lists_and_urls(apiserver: ApiServer, tmp_path: Path):
    """mkctl alone: `kind: List` expanded (the test apiserver's OpenAPI stub makes kubectl refuse to validate it)
    and an http URL read with urllib."""
    import http.server
    import threading

    namespace = new_namespace(apiserver)
    items = [json.loads(configmap(f"l{i}", {"a": "1"}, as_json=True)) for i in (1, 2)]
    listing = json.dumps({"apiVersion": "v1", "kind": "List", "items": items})
    (tmp_path / "list.json").write_text(listing)
    result = mkctl(apiserver, tmp_path, "-n", namespace, "apply", "-f", "list.json", cwd=tmp_path)
    assert (result.stdout, result.returncode) == ("configmap/l1 created\nconfigmap/l2 created\n", 0)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:   # noqa: N802 (http.server's name)
            body = configmap("from-url", {"u": "1"}, as_json=True).encode() if self.path == "/cm.json" else b""
            self.send_response(200 if body else 404)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        result = mkctl(apiserver, tmp_path, "-n", namespace, "apply", "-f", f"{base}/cm.json")
        assert (result.stdout, result.returncode) == ("configmap/from-url created\n", 0)
        missing = mkctl(apiserver, tmp_path, "-n", namespace, "apply", "-f", f"{base}/nope.json")
        assert missing.returncode == 1 and "status code=404" in missing.stderr
    finally:
        server.shutdown()


def test_apply_view_and_set_last_applied(twins: Twins):
    twins.write("cm.yaml", configmap("v", {"a": "1"}))
    twins.same("apply", "-f", "cm.yaml")
    assert twins.same("apply", "view-last-applied", "configmap/v").stdout.startswith("apiVersion: v1\ndata:\n")
    twins.same("apply", "view-last-applied", "configmap", "v", "-o", "json")
    twins.same("apply", "view-last-applied", "-f", "cm.yaml")
    for who in "km":
        twins.run(who, "create", "configmap", "plain")
    twins.write("plain.yaml", configmap("plain", {"b": "2"}))
    assert twins.same("apply", "view-last-applied", "configmap/plain").stdout == ""   # kubectl: nothing, 0
    refused = twins.same("apply", "set-last-applied", "-f", "plain.yaml")
    assert refused.returncode == 1 and "--create-annotation" in refused.stderr
    assert twins.same("apply", "set-last-applied", "-f", "plain.yaml", "--dry-run=client").returncode == 1
    assert twins.same("apply", "set-last-applied", "-f", "plain.yaml", "--create-annotation").stdout == \
        "configmap/plain configured\n"
    twins.same_state("configmaps/plain")
    assert twins.same("apply", "set-last-applied", "-f", "plain.yaml").stdout == \
        "set-last-applied plain: no changes required.\n"
    twins.same("apply", "view-last-applied", "configmap/plain")


def test_apply_shows_a_progress_bar_on_a_terminal_only(apiserver: ApiServer, tmp_path: Path):
    import pty

    namespace = new_namespace(apiserver)
    manifests = tmp_path / "many"
    manifests.mkdir()
    for index in range(25):
        (manifests / f"cm{index:02}.yaml").write_text(configmap(f"many-{index:02}", {"i": str(index)}))
    piped = mkctl(apiserver, tmp_path, "-n", namespace, "apply", "-f", str(manifests), "--dry-run=server")
    assert piped.stderr == "" and piped.stdout.count("created (server dry run)\n") == 25
    leader, follower = pty.openpty()
    env = {**os.environ, "HOME": str(tmp_path), "KUBECONFIG": str(apiserver.kubeconfig), "COLUMNS": "100"}
    process = subprocess.Popen([MKCTL, "-n", namespace, "apply", "-f", str(manifests)], stdout=follower,
                               stderr=follower, env=env)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=60) == 0
    os.close(leader)
    text = output.decode(errors="replace")
    assert "applying" in text and text.count("created") == 25


def test_apply_refused_patch_names_the_patch_file_and_field(twins: Twins):
    twins.write("deploy.yaml", deployment())
    twins.same("apply", "-f", "deploy.yaml")
    twins.write("deploy.yaml", deployment(replicas=-1))
    twins.write("cm.yaml", configmap("bad-key", {"not valid": "1"}))
    alone = twins.same("apply", "-f", "deploy.yaml")
    assert alone.stderr == 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than ' \
                           "or equal to 0\n"
    both = twins.same("apply", "-f", "deploy.yaml", "-f", "cm.yaml")
    assert both.stderr.startswith("Error from server (Invalid): error when applying patch:\n{")
    assert 'for: "deploy.yaml": error when patching "deploy.yaml": Deployment.apps "web" is invalid' in both.stderr


def test_apply_custom_resources_with_a_merge_patch(twins: Twins):
    plural = "gizmo" + twins.namespaces["m"].replace("-", "")
    crd = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
           "metadata": {"name": f"{plural}.example.com"},
           "spec": {"group": "example.com", "scope": "Namespaced",
                    "names": {"kind": plural.capitalize(), "plural": plural, "singular": plural},
                    "versions": [{"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": {
                        "type": "object", "x-kubernetes-preserve-unknown-fields": True}}}]}}
    status, body = twins.apiserver.request("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
    assert status == 201, body
    manifest = f"apiVersion: example.com/v1\nkind: {plural.capitalize()}\nmetadata:\n  name: g\nspec:\n  size: 1\n" \
               "  list: [a, b]\n"
    twins.write("g.yaml", manifest)
    assert twins.same("apply", "-f", "g.yaml").stdout == f"{plural}.example.com/g created\n"
    twins.write("g.yaml", manifest.replace("size: 1", "size: 2").replace("[a, b]", "[c]"))
    assert twins.same("apply", "-f", "g.yaml").stdout == f"{plural}.example.com/g configured\n"
    specs = [twins.apiserver.request("GET", f"/apis/example.com/v1/namespaces/{twins.namespaces[who]}/{plural}/g"
                                     )[1]["spec"] for who in "km"]
    assert specs[0] == specs[1] == {"size": 2, "list": ["c"]}


def test_apply_edit_last_applied_with_a_scripted_editor(twins: Twins, tmp_path: Path):
    twins.write("cm.yaml", configmap("edited", {"a": "1"}))
    twins.same("apply", "-f", "cm.yaml")
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/a: \"1\"/a: \"9\"/' \"$1\"\n")
    editor.chmod(0o755)
    results = {who: twins.run(who, "apply", "edit-last-applied", "configmap/edited",
                              env={"KUBE_EDITOR": str(editor)}) for who in "km"}
    assert results["m"].stdout == results["k"].stdout == "configmap/edited edited\n"
    assert results["m"].returncode == results["k"].returncode == 0
    twins.same_state("configmaps/edited")
    assert '"a":"9"' in twins.stored("m", "configmaps/edited")["metadata"]["annotations"][LAST_APPLIED]
    unchanged = {who: twins.run(who, "apply", "edit-last-applied", "configmap/edited", env={"KUBE_EDITOR": "true"})
                 for who in "km"}
    assert (unchanged["m"].stdout, unchanged["m"].stderr, unchanged["m"].returncode) == \
        (unchanged["k"].stdout, unchanged["k"].stderr, unchanged["k"].returncode)


@pytest.mark.parametrize("text", ['{"apiVersion": "v1", "kind": "ConfigMap",\n "metadata": {"name": "j"},\n}\n',
                                  '{"apiVersion": "v1" "kind": "ConfigMap"}', '{"a": [1 2]}', '{"a" 1}', "{'a': 1}",
                                  '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"'])
def test_apply_json_syntax_errors_in_go_words(twins: Twins, text: str):
    twins.write("broken.json", text)
    assert twins.same("apply", "-f", "broken.json").stderr.startswith("error: error parsing broken.json: ")


@pytest.mark.parametrize("text", ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n",   # y: go-yaml's true
                                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: t\n",
                                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   labels: x\n",
                                  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "q\n',
                                  "- a\n- b\n", "just a string\n"])
@pytest.mark.parametrize("validate", ["true", "false"])
def test_apply_yaml_problems_in_kubectl_words(twins: Twins, text: str, validate: str):
    twins.write("broken.yaml", text)
    assert twins.same("apply", "-f", "broken.yaml", "--dry-run=client", f"--validate={validate}").returncode == 1
