"""Kubeconfig loading and resolution (minikube_py.client.kubeconfig) and `kubectl config` (config_commands):
the recorded session of ../shared/reference/kubectl-1.32/kubeconfig.md replayed step by step, byte for byte, and
the same commands compared with the real kubectl 1.32 on other configs."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from minikube_py.client import config_commands as cc
from minikube_py.client import kubeconfig as kc
from minikube_py.client.errors import ConfigError

REFERENCE = Path(__file__).resolve().parents[2] / "shared/reference/kubectl-1.32/kubeconfig.md"
_SECTION = re.compile(r"^### ([^\n]+)\n\n`([^\n]+?)` -> exit code \*\*(\d)\*\*\n(.*?)(?=^### |^## |\Z)", re.M | re.S)
_BLOCK = re.compile(r"^(stdout|stderr):\n```\n(.*?)^```$", re.M | re.S)
_SHORTEN = re.compile(r"(-data: ).{20}.*")
KUBECTL = shutil.which("kubectl.1.32", path="/usr/lib/google-cloud-sdk/bin") or shutil.which("kubectl")

PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n"
RECORDED = f"""\
apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: {base64.b64encode(PEM.encode()).decode()}
    server: https://127.0.0.1:18443
  name: mini
- cluster:
    insecure-skip-tls-verify: true
    server: https://127.0.0.1:18443
  name: mini-insecure
contexts:
- context:
    cluster: mini
    user: admin
  name: admin@mini
- context:
    cluster: mini-insecure
    namespace: kube-system
    user: admin
  name: other
current-context: admin@mini
preferences: {{}}
users:
- name: admin
  user:
    client-certificate-data: {base64.b64encode(PEM.encode()).decode()}
    client-key-data: {base64.b64encode(b"-----BEGIN PRIVATE KEY-----").decode()}
"""


def _recorded() -> dict[str, tuple[int, str, str]]:
    sections = {}
    for match in _SECTION.finditer(REFERENCE.read_text()):
        blocks = dict(_BLOCK.findall(match[4]))
        sections[match[1]] = (int(match[3]), blocks.get("stdout", ""), blocks.get("stderr", ""))
    return sections


def _run(path: Path, step: Callable[[kc.KubeConfig], cc.ConfigResult]) -> tuple[int, str, str]:
    """One `kubectl config` step as mkctl will run it: load, call, write the new file, print."""
    try:
        result = step(kc.load(str(path)))
    except ConfigError as err:
        return 1, "", err.message + "\n"
    if result.config is not None:
        path.write_text(cc.file_text(result.config))
    return result.exit_code, result.stdout, result.stderr


def _namespace_of(**overrides: str) -> Callable[[kc.KubeConfig], cc.ConfigResult]:
    """The `get pods -v=6` steps: the request line kubectl logs, from the resolved connection."""
    def step(config: kc.KubeConfig) -> cc.ConfigResult:
        conn = kc.connection(config, kc.Overrides(**overrides))
        return cc.ConfigResult(f"GET {conn.server}/api/v1/namespaces/{conn.namespace}/pods?limit=500 200 OK in "
                               "1 milliseconds\n")
    return step


def _restoring(step: Callable[[kc.KubeConfig], cc.ConfigResult], *more: Callable[[kc.KubeConfig], cc.ConfigResult]
               ) -> Callable[[kc.KubeConfig], cc.ConfigResult]:
    """`cp config config.bak; <steps>; cp config.bak config`: the steps' outputs joined, the file unchanged."""
    def run(config: kc.KubeConfig) -> cc.ConfigResult:
        outputs, data = [], config.data
        for each in (step, *more):
            current = kc.KubeConfig(data, config.path, config.files, config.origins)
            try:
                result = each(current)
            except ConfigError as err:
                result = cc.ConfigResult(stderr=err.message + "\n", exit_code=1)
            outputs.append(result)
            data = result.config if result.config is not None else data
        return cc.ConfigResult("".join(r.stdout for r in outputs), stderr="".join(r.stderr for r in outputs))
    return run


# The recorded steps in order (each changes the file the next one reads), by their section title.
STEPS: list[tuple[str, Callable[[kc.KubeConfig], cc.ConfigResult]]] = [
    ("config view (default redaction)", lambda c: cc.view(c)),
    ("config view --minify", lambda c: cc.view(c, minify=True)),
    ("config view --raw (base64 blobs shortened here)", lambda c: cc.view(c, raw=True)),
    ("config view -o json --minify", lambda c: cc.view(c, output="json", minify=True)),
    ("config get-contexts", cc.get_contexts),
    ("config get-contexts -o name", lambda c: cc.get_contexts(c, output="name")),
    ("config current-context", cc.current_context),
    ("config get-clusters", lambda c: cc.get_names(c, "clusters")),
    ("config get-users", lambda c: cc.get_names(c, "users")),
    ("config use-context other", lambda c: cc.use_context(c, "other")),
    ("config current-context (after use-context)", cc.current_context),
    ("config use-context admin@mini", lambda c: cc.use_context(c, "admin@mini")),
    ("config use-context missing", lambda c: cc.use_context(c, "missing")),
    ("config set-context --current --namespace=dev", lambda c: cc.set_context(c, current=True, namespace="dev")),
    ("config get-contexts (after set-context)", cc.get_contexts),
    ("get pods now goes to namespace dev", _namespace_of()),
    ("config set-context new --cluster=mini --user=admin --namespace=team-a",
     lambda c: cc.set_context(c, "new", cluster="mini", user="admin", namespace="team-a")),
    ("config set-context new --namespace=team-b (existing)", lambda c: cc.set_context(c, "new", namespace="team-b")),
    ("config set-cluster",
     lambda c: cc.set_cluster(c, "c2", server="https://127.0.0.1:6444", insecure_skip_tls_verify=True)),
    ("config set-credentials token", lambda c: cc.set_credentials(c, "bob", token="abc123")),
    ("config rename-context", lambda c: cc.rename_context(c, "new", "renamed")),
    ("config delete-context", lambda c: cc.delete_context(c, "renamed")),
    ("config delete-context current (warning)", _restoring(lambda c: cc.delete_context(c, "admin@mini"))),
    ("config unset current-context then current-context",
     _restoring(cc.unset_current_context, cc.current_context)),
    ("--context flag overrides current-context", _namespace_of(context="other")),
    ("-n flag overrides context namespace", _namespace_of(namespace="kube-system")),
]


def _normalize(title: str, text: str, config: Path) -> str:
    text = text.replace(str(config), "config")
    if "shortened" in title or title.startswith("final file"):
        text = _SHORTEN.sub(r"\1<base64...>", text)
    return text.replace(" in 0 milliseconds", " in 1 milliseconds")


def test_the_recorded_config_session_replays_byte_for_byte(tmp_path: Path) -> None:
    recorded = _recorded()
    config = tmp_path / "config"
    config.write_text(RECORDED)
    for title, step in STEPS:
        code, stdout, stderr = _run(config, step)
        expected = recorded[title]
        assert (code, _normalize(title, stdout, config), stderr) == \
            (expected[0], _normalize(title, expected[1], config), expected[2]), title
    final = recorded["final file after the edits above (blobs shortened)"][1]
    assert _normalize("final file", config.read_text(), config) == final


def test_every_recorded_config_section_is_replayed() -> None:
    replayed = {title for title, _ in STEPS} | {"final file after the edits above (blobs shortened)",
                                                "config view -o jsonpath"}  # jsonpath: the CLI's printers
    assert set(_recorded()) == replayed


@pytest.mark.skipif(KUBECTL is None, reason="the real kubectl is not installed")
@pytest.mark.parametrize("args, step", [
    (["config", "view"], lambda c: cc.view(c)),
    (["config", "view", "-o", "json"], lambda c: cc.view(c, output="json")),
    (["config", "view", "--minify", "--context", "tok"], lambda c: cc.view(c, minify=True, context="tok")),
    (["config", "view", "--minify", "--context", "nope"], lambda c: cc.view(c, minify=True, context="nope")),
    (["config", "view", "--flatten"], lambda c: cc.view(c, flatten=True)),
    (["config", "get-contexts", "tok", "nope"], lambda c: cc.get_contexts(c, ("tok", "nope"))),
    (["config", "delete-context", "nope"], lambda c: cc.delete_context(c, "nope")),
    (["config", "delete-cluster", "files"], lambda c: cc.delete_cluster(c, "files")),
    (["config", "delete-user", "nope"], lambda c: cc.delete_user(c, "nope")),
    (["config", "rename-context", "nope", "x"], lambda c: cc.rename_context(c, "nope", "x")),
    (["config", "rename-context", "tok", "files"], lambda c: cc.rename_context(c, "tok", "files")),
    (["config", "rename-context", "files", "f2"], lambda c: cc.rename_context(c, "files", "f2")),
    (["config", "set-context", "--current", "--namespace=x"], lambda c: cc.set_context(c, current=True,
                                                                                         namespace="x")),
    (["config", "set-credentials", "tok", "--username=a"], lambda c: cc.set_credentials(c, "tok", username="a")),
    (["config", "set-cluster", "files", "--insecure-skip-tls-verify=true"],
     lambda c: cc.set_cluster(c, "files", insecure_skip_tls_verify=True)),
    (["config", "set-cluster", "new", "--server=https://x:1", "--certificate-authority=sub/ca.crt",
      "--embed-certs"], lambda c: cc.set_cluster(c, "new", server="https://x:1",
                                                 certificate_authority="sub/ca.crt", embed_certs=True)),
])
def test_config_commands_match_the_real_kubectl(tmp_path: Path, args: list[str],
                                                step: Callable[[kc.KubeConfig], cc.ConfigResult],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A config with file paths relative to its directory, a token user and no current context."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ca.crt").write_text(PEM)
    text = ("apiVersion: v1\nkind: Config\nclusters:\n- name: files\n  cluster:\n    server: https://127.0.0.1:1\n"
            "    certificate-authority: sub/ca.crt\ncontexts:\n- name: tok\n  context: {cluster: files, user: t}\n"
            "- name: files\n  context: {cluster: files, user: t, namespace: ns1}\nusers:\n- name: t\n"
            "  user: {token: secret, password: pw}\nextensions: []\n")
    theirs, ours = tmp_path / "theirs", tmp_path / "ours"
    for path in (theirs, ours):
        path.mkdir()
        (path / "sub").symlink_to(tmp_path / "sub")
        (path / "config").write_text(text)
    done = subprocess.run([KUBECTL, *args], capture_output=True, text=True, cwd=theirs,
                          env={"KUBECONFIG": str(theirs / "config"), "HOME": str(tmp_path), "PATH": "/usr/bin"})
    monkeypatch.chdir(ours)
    code, stdout, stderr = _run(ours / "config", step)
    assert (code, stdout, stderr) == (done.returncode, done.stdout.replace(str(theirs), str(ours)),
                                      done.stderr.replace(str(theirs), str(ours)))
    assert (ours / "config").read_text() == (theirs / "config").read_text().replace(str(theirs), str(ours))


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _config(server: str, context: str = "c", **user: str) -> str:
    user_text = "{" + ", ".join(f"{k}: {v}" for k, v in user.items()) + "}"
    return (f"apiVersion: v1\nclusters:\n- name: {context}\n  cluster: {{server: '{server}'}}\ncontexts:\n"
            f"- name: {context}\n  context: {{cluster: {context}, user: {context}}}\ncurrent-context: {context}\n"
            f"users:\n- name: {context}\n  user: {user_text}\n")


def test_kubeconfig_list_first_file_wins_and_missing_files_are_ignored(tmp_path: Path) -> None:
    first = _write(tmp_path / "a", _config("https://first:1", "one", token="t1"))
    second = _write(tmp_path / "b", _config("https://second:2", "two", token="t2")
                    .replace("- name: two\n  cluster", "- name: one\n  cluster: {server: 'https://shadowed:3'}\n"
                             "- name: two\n  cluster"))
    env = {"KUBECONFIG": f"{tmp_path / 'missing'}:{first}:{second}", "HOME": str(tmp_path)}
    config = kc.load(env=env)
    assert config.path == first and config.files == [first, second]
    assert config.current_context == "one"
    assert kc.connection(config).server == "https://first:1"
    other = kc.connection(config, kc.Overrides(context="two"))
    assert (other.server, other.token, other.namespace) == ("https://second:2", "t2", "default")


def test_default_files_minikube_py_home_then_kube_config(tmp_path: Path) -> None:
    kube = _write(tmp_path / ".kube" / "config", _config("https://kube:1"))
    assert kc.load(env={"HOME": str(tmp_path)}).path == kube
    ours = _write(tmp_path / "mk" / "admin.conf", _config("https://ours:1"))
    assert kc.connection(kc.load(env={"HOME": str(tmp_path), "MINIKUBE_PY_HOME": str(tmp_path / "mk")})).server \
        == "https://ours:1"
    assert kc.load(env={"HOME": str(tmp_path / "nobody")}).path == tmp_path / "nobody/.minikube_py/admin.conf"
    assert ours.exists()


def test_a_missing_kubeconfig_flag_file_is_an_error_except_for_config_commands(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=f"^error: stat {tmp_path}/none: no such file or directory$"):
        kc.load(str(tmp_path / "none"))
    assert kc.load(str(tmp_path / "none"), must_exist=False).data == kc.empty_config()


def test_no_config_means_localhost_8080_and_namespace_precedence(tmp_path: Path) -> None:
    empty = kc.load(env={"KUBECONFIG": str(tmp_path / "missing"), "HOME": str(tmp_path)})
    assert kc.connection(empty) == kc.Connection(server="http://localhost:8080")
    assert cc.view(empty).stdout == ("apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: \"\"\n"
                                     "kind: Config\npreferences: {}\nusers: null\n")
    config = kc.load(str(_write(tmp_path / "c", _config("https://s:1").replace("user: c}", "user: c, namespace: x}"))))
    assert kc.connection(config).namespace == "x"
    explicit = kc.connection(config, kc.Overrides(namespace="y"))
    assert (explicit.namespace, explicit.namespace_explicit) == ("y", True)


def test_paths_resolve_against_the_kubeconfig_directory_and_data_fields_decode(tmp_path: Path) -> None:
    _write(tmp_path / "d" / "certs" / "ca.crt", PEM)
    _write(tmp_path / "d" / "certs" / "c.crt", "CERT")
    _write(tmp_path / "d" / "token", "from-file\n")
    key = base64.b64encode(b"KEY").decode()
    text = _config("https://s:1", **{"client-certificate": "certs/c.crt", "client-key-data": key,
                                      "tokenFile": "token"})
    text = text.replace("cluster: {server: 'https://s:1'}", "cluster: {server: 'https://s:1', "
                        "certificate-authority: certs/ca.crt}")
    conn = kc.connection(kc.load(str(_write(tmp_path / "d" / "config", text))))
    assert (conn.ca_data, conn.cert_data, conn.key_data) == (PEM.encode(), b"CERT", b"KEY")
    assert conn.bearer_token() == "from-file"
    assert kc.connection(kc.load(str(tmp_path / "d" / "config")), kc.Overrides(token="flag")).bearer_token() == "flag"


@pytest.mark.parametrize("overrides, user, message", [
    (kc.Overrides(context="nope"), {}, "Error in configuration: context was not found for specified context: nope"),
    (kc.Overrides(cluster="nope"), {}, 'error: no server found for cluster "nope"'),
    (kc.Overrides(user="nope"), {}, 'error: auth info "nope" does not exist'),
    (kc.Overrides(), {"client-certificate": "missing.crt"},
     "Error in configuration: \n* client-key-data or client-key must be specified for c to use the clientCert "
     "authentication method.\n* unable to read client-cert {dir}/missing.crt for c due to open "
     "{dir}/missing.crt: no such file or directory"),
])
def test_configuration_errors_are_kubectls(tmp_path: Path, overrides: kc.Overrides, user: dict[str, str],
                                           message: str) -> None:
    config = kc.load(str(_write(tmp_path / "config", _config("https://127.0.0.1:1", **user))))
    with pytest.raises(ConfigError) as raised:
        kc.connection(config, overrides)
    assert raised.value.message == message.format(dir=tmp_path)


def test_insecure_with_a_ca_is_refused_and_the_insecure_flag_drops_the_ca(tmp_path: Path) -> None:
    text = _config("https://127.0.0.1:1", token="t").replace(
        "cluster: {server: 'https://127.0.0.1:1'}",
        f"cluster: {{server: 'https://127.0.0.1:1', insecure-skip-tls-verify: true, certificate-authority-data: "
        f"{base64.b64encode(PEM.encode()).decode()}}}")
    config = kc.load(str(_write(tmp_path / "config", text)))
    with pytest.raises(ConfigError, match="^error: specifying a root certificates file with the insecure flag is "
                                          "not allowed$"):
        kc.connection(config)
    conn = kc.connection(config, kc.Overrides(insecure_skip_tls_verify=True))
    assert (conn.insecure, conn.ca_data) == (True, None)
