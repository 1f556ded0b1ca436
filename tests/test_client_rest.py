"""The client against a real mk-apiserver: TLS and tokens from the kubeconfig, the REST verbs, watch, paging,
Tables, raw requests, discovery and its disk cache; and every error text compared with what the real kubectl
prints for the same failure."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from apiservers import ApiServer
from etcd_members import free_port, wait_until

from minikube_py.api.registry import builtin_registry
from minikube_py.client import kubeconfig as kc
from minikube_py.client import rest
from minikube_py.client.discovery import CACHE_FILE, Discovery, server_cache_dir
from minikube_py.client.errors import APIError, ResourceTypeNotFound, ServerUnreachable
from minikube_py.client.rest import Client

REGISTRY = builtin_registry()
PODS = REGISTRY.get("", "v1", "pods")
CONFIGMAPS = REGISTRY.get("", "v1", "configmaps")
NAMESPACES = REGISTRY.get("", "v1", "namespaces")
DEPLOYMENTS = REGISTRY.get("apps", "v1", "deployments")
SERVICEACCOUNTS = REGISTRY.get("", "v1", "serviceaccounts")
CRDS = REGISTRY.get("apiextensions.k8s.io", "v1", "customresourcedefinitions")


def _pod(name: str, **labels: str) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": labels},
            "spec": {"containers": [{"name": "main", "image": "busybox:1.36"}]}}


@pytest.fixture
def client(apiserver: ApiServer) -> Client:
    with Client.connect(kc.connection(kc.load(str(apiserver.kubeconfig)))) as connected:
        yield connected


@pytest.fixture
def ns(client: Client) -> str:
    name = "c-" + uuid.uuid4().hex[:8]
    client.create(NAMESPACES, {"metadata": {"name": name}})
    client.create(SERVICEACCOUNTS, {"metadata": {"name": "default"}}, name)   # the controller-manager's part
    return name


def _kubectl_error(apiserver: ApiServer, *args: str, kubeconfig: Path | None = None, stdin: str = "",
                   cwd: Path | None = None) -> str:
    done = apiserver.kubectl(*args, kubeconfig=kubeconfig, stdin=stdin, cwd=cwd)
    assert done.returncode == 1, done
    return done.stderr.splitlines()[-1] if "\n* " not in done.stderr else done.stderr.rstrip("\n")


def test_create_get_list_patch_update_delete_round_trip(client: Client, ns: str) -> None:
    created = client.create(PODS, _pod("a", app="x"), ns, field_manager="kubectl-create")
    assert created["metadata"]["namespace"] == ns
    client.create(PODS, _pod("b", app="y"), ns)
    assert client.get(PODS, "a", ns)["metadata"]["uid"] == created["metadata"]["uid"]
    selected = client.list(PODS, ns, label_selector="app=x")
    assert [p["metadata"]["name"] for p in selected["items"]] == ["a"]
    by_field = client.list(PODS, ns, field_selector="metadata.name=b")
    assert [p["metadata"]["name"] for p in by_field["items"]] == ["b"]
    pages = list(client.list_pages(PODS, ns, limit=1))
    assert [[p["metadata"]["name"] for p in page["items"]] for page in pages] == [["a"], ["b"]]
    for patch_type, patch in (("merge", {"metadata": {"labels": {"m": "1"}}}),
                              ("strategic", {"metadata": {"labels": {"s": "1"}}}),
                              ("json", [{"op": "add", "path": "/metadata/labels/j", "value": "1"}])):
        client.patch(PODS, "a", patch, ns, patch_type=patch_type)
    applied = client.patch(PODS, "a", json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {
        "name": "a", "annotations": {"ssa": "yes"}}}), ns, patch_type="apply", field_manager="t", force=True)
    assert applied["metadata"]["labels"] == {"app": "x", "m": "1", "s": "1", "j": "1"}
    assert applied["metadata"]["annotations"] == {"ssa": "yes"}
    applied["metadata"]["labels"]["u"] = "1"
    assert client.update(PODS, applied, ns)["metadata"]["labels"]["u"] == "1"
    dry = client.delete(PODS, "a", ns, dry_run=True)
    assert dry["metadata"]["name"] == "a" and client.get(PODS, "a", ns)
    client.delete(PODS, "a", ns, options={"gracePeriodSeconds": 0, "propagationPolicy": "Background"})
    client.delete_collection(PODS, ns, label_selector="app=y", options={"gracePeriodSeconds": 0})
    assert client.list(PODS, ns)["items"] == []


def test_dry_run_writes_nothing_and_subresources_work(client: Client, ns: str) -> None:
    client.create(PODS, _pod("dry"), ns, dry_run=True, field_validation="Strict")
    with pytest.raises(APIError):
        client.get(PODS, "dry", ns)
    deployment = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                  "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
                           "template": {"metadata": {"labels": {"app": "web"}},
                                        "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}
    client.create(DEPLOYMENTS, deployment, ns)
    scale = client.get(DEPLOYMENTS, "web", ns, subresource="scale")
    assert (scale["kind"], scale["spec"]["replicas"]) == ("Scale", 1)
    scaled = client.patch(DEPLOYMENTS, "web", {"spec": {"replicas": 3}}, ns, patch_type="merge",
                          subresource="scale")
    assert scaled["spec"]["replicas"] == 3


def test_table_and_raw_requests(client: Client, ns: str) -> None:
    client.create(PODS, _pod("t"), ns)
    table = client.list(PODS, ns, accept=rest.TABLE)
    assert table["kind"] == "Table" and table["rows"][0]["cells"][0] == "t"
    raw = json.loads(client.raw("GET", f"/api/v1/namespaces/{ns}/pods/t"))
    assert raw["metadata"]["name"] == "t"
    assert client.raw("GET", "/version").startswith(b"{")


def test_watch_streams_events_until_the_server_ends_it(client: Client, ns: str) -> None:
    listed = client.list(PODS, ns)
    client.create(PODS, _pod("w1"), ns)
    client.patch(PODS, "w1", {"metadata": {"labels": {"a": "b"}}}, ns, patch_type="merge")
    client.create(PODS, _pod("w2"), ns)
    events = client.watch(PODS, ns, resource_version=listed["metadata"]["resourceVersion"], timeout_seconds=1)
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == \
        [("ADDED", "w1"), ("MODIFIED", "w1"), ("ADDED", "w2")]
    one = client.watch(PODS, ns, name="w2", resource_version=listed["metadata"]["resourceVersion"],
                       timeout_seconds=1)
    assert [e["object"]["metadata"]["name"] for e in one] == ["w2"]
    # the kept-alive connection still works after streams on their own connections
    assert client.get(PODS, "w1", ns)["metadata"]["labels"] == {"a": "b"}


def test_api_errors_are_printed_as_kubectl_prints_them(apiserver: ApiServer, client: Client, ns: str,
                                                       tmp_path: Path) -> None:
    with pytest.raises(APIError) as missing:
        client.get(PODS, "missing", ns)
    assert missing.value.message == _kubectl_error(apiserver, "get", "pod", "missing", "-n", ns)
    assert (missing.value.code, missing.value.reason, missing.value.details["name"]) == (404, "NotFound", "missing")

    manifest = tmp_path / "pod.yaml"
    manifest.write_text(json.dumps(_pod("dup")))
    client.create(PODS, _pod("dup"), ns)
    with pytest.raises(APIError) as exists:
        client.create(PODS, _pod("dup"), ns)
    expected = _kubectl_error(apiserver, "create", "-f", "pod.yaml", "-n", ns, cwd=tmp_path)
    assert exists.value.with_source("creating", "pod.yaml").message == expected

    bad = _pod("Bad")
    bad["spec"]["containers"].append({"name": "main", "image": ""})
    manifest.write_text(json.dumps(bad))
    with pytest.raises(APIError) as invalid:
        client.create(PODS, bad, ns)
    assert "\n* " in invalid.value.message
    assert invalid.value.with_source("creating", "pod.yaml").message == \
        _kubectl_error(apiserver, "create", "-f", "pod.yaml", "-n", ns, cwd=tmp_path)


def test_raw_errors_are_kubectls(apiserver: ApiServer, client: Client, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/pods/missing"
    with pytest.raises(APIError) as raised:
        client.raw("GET", path)
    assert raised.value.message == _kubectl_error(apiserver, "get", "--raw", path)


def _token_kubeconfig(apiserver: ApiServer, path: Path, token: str) -> Path:
    ca = base64.b64encode((apiserver.pki / "ca.crt").read_bytes()).decode()
    path.write_text(json.dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": "t",
        "clusters": [{"name": "t", "cluster": {"server": apiserver.url, "certificate-authority-data": ca}}],
        "contexts": [{"name": "t", "context": {"cluster": "t", "user": "t"}}],
        "users": [{"name": "t", "user": {"token": token}}]}))
    return path


def test_token_auth_and_its_errors(apiserver: ApiServer, client: Client, ns: str, tmp_path: Path) -> None:
    client.create(SERVICEACCOUNTS, {"metadata": {"name": "bot"}}, ns)
    answer = client.create(SERVICEACCOUNTS, {"spec": {}}, ns, name="bot",
                           subresource="token")
    config = _token_kubeconfig(apiserver, tmp_path / "token.conf", answer["status"]["token"])
    with Client.connect(kc.connection(kc.load(str(config)))) as bot:
        with pytest.raises(APIError) as forbidden:
            bot.list(PODS, ns)
        assert forbidden.value.reason == "Forbidden"
        assert forbidden.value.message == _kubectl_error(apiserver, "get", "pods", "-n", ns, "-o", "json",
                                                         kubeconfig=config)
    refused = _token_kubeconfig(apiserver, tmp_path / "bad.conf", "not-a-token")
    with Client.connect(kc.connection(kc.load(str(refused)))) as stranger:
        with pytest.raises(APIError) as unauthorized:
            Discovery(stranger).registry()
    assert unauthorized.value.message == _kubectl_error(apiserver, "get", "pods", kubeconfig=refused)


def test_a_401_without_a_status_body_is_client_gos_generic_error() -> None:
    error = APIError.from_response(401, b"Unauthorized", "text/plain")
    assert error.message == "error: You must be logged in to the server (the server has asked for the client to " \
                            "provide credentials)"
    assert APIError.from_response(500, b"", "").message == 'Error from server (InternalError): an error on the ' \
        'server ("unknown") has prevented the request from succeeding'


def test_connection_refused_on_a_free_port(apiserver: ApiServer, tmp_path: Path) -> None:
    port = free_port()
    conn = kc.Connection(server=f"https://127.0.0.1:{port}", insecure=True)
    with pytest.raises(ServerUnreachable) as raised:
        Client.connect(conn).get(PODS, "x", "default")
    assert raised.value.message == f"The connection to the server 127.0.0.1:{port} was refused - did you specify " \
                                   "the right host or port?"
    config = tmp_path / "refused.conf"
    config.write_text(json.dumps({"clusters": [{"name": "c", "cluster": {"server": f"http://127.0.0.1:{port}"}}],
                                  "contexts": [{"name": "c", "context": {"cluster": "c"}}], "current-context": "c"}))
    assert _kubectl_error(apiserver, "get", "pods", kubeconfig=config).endswith(
        f"The connection to the server 127.0.0.1:{port} was refused - did you specify the right host or port?")


def test_a_server_certificate_from_another_ca_is_refused(apiserver: ApiServer, foreign_pki: Path) -> None:
    conn = kc.connection(kc.load(str(apiserver.kubeconfig)))
    foreign = kc.Connection(server=conn.server, ca_data=(foreign_pki / "ca.crt").read_bytes(),
                            cert_data=conn.cert_data, key_data=conn.key_data)
    with pytest.raises(ServerUnreachable) as raised:
        Client.connect(foreign).get(PODS, "x", "default")
    assert raised.value.message == "Unable to connect to the server: tls: failed to verify certificate: x509: " \
                                   "certificate signed by unknown authority"
    insecure = kc.Connection(server=conn.server, insecure=True, cert_data=conn.cert_data, key_data=conn.key_data)
    assert Client.connect(insecure).get(NAMESPACES, "default")["metadata"]["name"] == "default"


def test_discovery_builds_the_registry_and_caches_it_per_server(client: Client, tmp_path: Path) -> None:
    discovery = Discovery(client, tmp_path)
    registry = discovery.registry()
    pods = registry.get("", "v1", "pods")
    assert pods is not None and pods.namespaced and "po" in pods.short_names
    assert {s.name for s in pods.subresources} >= {"status", "log", "eviction"}
    assert discovery.resolve("deploy").group_resource == "deployments.apps"
    assert discovery.resolve("hpa").group == "autoscaling"
    cache = server_cache_dir(tmp_path, client.connection.server) / CACHE_FILE
    assert cache.parent.name == client.connection.host_port.replace(":", "_") and cache.exists()
    again = Discovery(client, tmp_path)
    assert [r.plural for r in again.registry().resources] == [r.plural for r in registry.resources]
    assert again._fresh is False   # read from the cache, no request
    for text in ("foo", "foo.bar", "foo.v1.apps"):
        with pytest.raises(ResourceTypeNotFound, match='^error: the server doesn\'t have a resource type "foo"$'):
            again.resolve(text)


def test_a_crd_missing_from_the_cache_triggers_one_refresh(client: Client, tmp_path: Path) -> None:
    Discovery(client, tmp_path).registry()
    group = f"g{uuid.uuid4().hex[:6]}.example.com"
    client.create(CRDS, {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                         "metadata": {"name": f"widgets.{group}"},
                         "spec": {"group": group, "scope": "Namespaced",
                                  "names": {"plural": "widgets", "singular": "widget", "kind": "Widget",
                                            "shortNames": ["wdg"]},
                                  "versions": [{"name": "v1", "served": True, "storage": True,
                                                "schema": {"openAPIV3Schema": {"type": "object"}}}]}})
    wait_until(lambda: any(r.group == group for r in Discovery(client).registry().resources), timeout=5,
               message="the CRD to be served")
    cached = Discovery(client, tmp_path)
    assert cached.resolve(f"wdg.{group}").kind == "Widget"
    assert cached._fresh


def test_legacy_discovery_fallback_gives_the_same_resources(client: Client) -> None:
    from minikube_py.client import discovery

    aggregated = {(r.group, r.version, r.plural): r for r in discovery.fetch_resources(client)}
    original = discovery.AGGREGATED_ACCEPT
    discovery.AGGREGATED_ACCEPT = "application/json"
    try:
        legacy = {(r.group, r.version, r.plural): r for r in discovery.fetch_resources(client)}
    finally:
        discovery.AGGREGATED_ACCEPT = original
    assert legacy.keys() == aggregated.keys()
    assert legacy[("", "v1", "pods")] == aggregated[("", "v1", "pods")]


def test_import_and_one_get_in_a_fresh_process_is_fast(apiserver: ApiServer) -> None:
    """The figure the mkctl issue asks for: `import minikube_py.client` + load the kubeconfig + one GET."""
    script = ("import time; t=time.perf_counter()\n"
              "from minikube_py.client import Client, kubeconfig as kc\n"
              "from minikube_py.api.registry import Resource\n"
              f"c=Client.connect(kc.connection(kc.load({str(apiserver.kubeconfig)!r})))\n"
              "r=Resource('', 'v1', 'Namespace', 'namespaces', 'namespace', False)\n"
              "c.get(r, 'default'); print(time.perf_counter()-t)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert float(done.stdout) < 1.0


def test_impersonation_headers_and_tls_server_name(apiserver: ApiServer) -> None:
    conn = kc.connection(kc.load(str(apiserver.kubeconfig)),
                         kc.Overrides(as_user="jane", as_groups=("team-a", "team-b")))
    reviews = REGISTRY.get("authentication.k8s.io", "v1", "selfsubjectreviews")
    with Client.connect(conn) as client:
        info = client.create(reviews, {"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"})
    assert info["status"]["userInfo"]["username"] == "jane"
    assert {"team-a", "team-b"} <= set(info["status"]["userInfo"]["groups"])
    named = kc.connection(kc.load(str(apiserver.kubeconfig)),
                          kc.Overrides(server=apiserver.url.replace("127.0.0.1", "localhost"),
                                       tls_server_name="127.0.0.1"))
    with Client.connect(named) as client:
        assert client.get(NAMESPACES, "default")["metadata"]["name"] == "default"
    wrong = kc.connection(kc.load(str(apiserver.kubeconfig)), kc.Overrides(tls_server_name="wrong.example"))
    with pytest.raises(ServerUnreachable, match="^Unable to connect to the server: tls: failed to verify certificate"):
        Client.connect(wrong).get(NAMESPACES, "default")
