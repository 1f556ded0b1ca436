"""Discovery and OpenAPI documents as kubectl 1.32 reads them: legacy and aggregated discovery shapes, the
PATCH `fieldValidation` parameter its query-param verifier looks for, the definitions `kubectl explain`
walks; custom resources appearing and disappearing with the registry. The last tests run the real
`kubectl explain`/`api-resources` against a tiny server of these documents (skipped without kubectl)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from minikube_py.api import discovery, openapi
from minikube_py.api.builtin_resources import BUILTIN_RESOURCES
from minikube_py.api.registry import Registry, Resource, Subresource, builtin_registry

WIDGET = Resource("example.com", "v1", "Widget", "widgets", "widget", True, short_names=("wg",),
                  categories=("all",), subresources=(Subresource("status", "Widget", ("get", "patch", "update")),
                                                     Subresource("scale", "Scale", ("get", "patch", "update"),
                                                                 "autoscaling", "v1")))
WIDGET_SCHEMA = {"type": "object", "description": "A widget.", "properties": {"spec": {
    "type": "object", "description": "The desired widget.", "required": ["size"],
    "properties": {"size": {"type": "integer", "description": "How big."}, "color": {"type": "string"}}}}}
CRD_SCHEMAS = {("example.com", "v1", "Widget"): WIDGET_SCHEMA}


def with_widget() -> Registry:
    registry = builtin_registry()
    registry.add(WIDGET)
    return registry


# ---------------------------------------------------------------------------------------------- discovery

def test_api_versions() -> None:
    assert discovery.api_versions("10.0.0.1:6443") == {
        "kind": "APIVersions", "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "10.0.0.1:6443"}]}


def test_group_list_has_preferred_versions_and_no_core_group() -> None:
    document = discovery.group_list(builtin_registry())
    assert (document["kind"], document["apiVersion"]) == ("APIGroupList", "v1")
    groups = {group["name"]: group for group in document["groups"]}
    assert "" not in groups
    assert document["groups"][0]["name"] == "apiregistration.k8s.io"
    assert groups["autoscaling"] == {
        "name": "autoscaling",
        "versions": [{"groupVersion": "autoscaling/v2", "version": "v2"},
                     {"groupVersion": "autoscaling/v1", "version": "v1"}],
        "preferredVersion": {"groupVersion": "autoscaling/v2", "version": "v2"}}
    assert discovery.api_group(builtin_registry(), "apps")["kind"] == "APIGroup"
    assert discovery.api_group(builtin_registry(), "example.com") is None


def test_resource_list_of_apps() -> None:
    document = discovery.resource_list(builtin_registry(), "apps", "v1")
    assert (document["kind"], document["apiVersion"], document["groupVersion"]) == ("APIResourceList", "v1",
                                                                                   "apps/v1")
    entries = {entry["name"]: entry for entry in document["resources"]}
    assert entries["deployments"] == {
        "name": "deployments", "singularName": "deployment", "namespaced": True, "kind": "Deployment",
        "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
        "shortNames": ["deploy"], "categories": ["all"], "storageVersionHash": "8aSe+NMegvE="}
    assert entries["deployments/scale"] == {"name": "deployments/scale", "singularName": "", "namespaced": True,
                                            "group": "autoscaling", "version": "v1", "kind": "Scale",
                                            "verbs": ["get", "patch", "update"]}
    assert entries["deployments/status"] == {"name": "deployments/status", "singularName": "", "namespaced": True,
                                             "kind": "Deployment", "verbs": ["get", "patch", "update"]}
    assert [entry["name"] for entry in document["resources"]][:4] == [
        "controllerrevisions", "daemonsets", "daemonsets/status", "deployments"]


def test_core_resource_list_has_no_api_version_and_1_32_hashes() -> None:
    document = discovery.resource_list(builtin_registry(), "", "v1")
    assert "apiVersion" not in document and document["groupVersion"] == "v1"
    entries = {entry["name"]: entry for entry in document["resources"]}
    assert entries["pods"]["storageVersionHash"] == "xPOwRZ+Yhw8="
    assert entries["configmaps"]["storageVersionHash"] == "qFsyl6wFWjQ="
    assert "storageVersionHash" not in entries["bindings"]
    assert "storageVersionHash" not in entries["componentstatuses"]
    assert entries["pods/eviction"]["group"] == "policy"
    assert entries["serviceaccounts/token"]["group"] == "authentication.k8s.io"
    assert entries["nodes/proxy"]["kind"] == "NodeProxyOptions"
    assert discovery.resource_list(builtin_registry(), "apps", "v1beta1") is None


def test_storage_version_hashes_follow_the_stored_kind() -> None:
    registry = builtin_registry()
    hashes = {(e["name"], gv): e.get("storageVersionHash") for gv in ("autoscaling/v1", "autoscaling/v2",
                                                                        "events.k8s.io/v1")
              for e in discovery.resource_list(registry, *gv.split("/"))["resources"]}
    assert hashes[("horizontalpodautoscalers", "autoscaling/v1")] == "qwQve8ut294="
    assert hashes[("horizontalpodautoscalers", "autoscaling/v2")] == "qwQve8ut294="
    assert hashes[("events", "events.k8s.io/v1")] == "r2yiGXH7wu8="


def test_aggregated_core() -> None:
    document = discovery.aggregated(builtin_registry(), core=True)
    assert (document["kind"], document["apiVersion"]) == ("APIGroupDiscoveryList", "apidiscovery.k8s.io/v2")
    [core] = document["items"]
    assert core["metadata"] == {"name": "", "creationTimestamp": None}
    [v1] = core["versions"]
    assert (v1["version"], v1["freshness"]) == ("v1", "Current")
    pods = next(r for r in v1["resources"] if r["resource"] == "pods")
    assert pods["responseKind"] == {"group": "", "version": "v1", "kind": "Pod"}
    assert (pods["scope"], pods["singularResource"], pods["shortNames"], pods["categories"]) == (
        "Namespaced", "pod", ["po"], ["all"])
    eviction = next(s for s in pods["subresources"] if s["subresource"] == "eviction")
    assert eviction == {"subresource": "eviction", "responseKind": {"group": "policy", "version": "v1",
                                                                    "kind": "Eviction"}, "verbs": ["create"]}


def test_aggregated_groups() -> None:
    document = discovery.aggregated(builtin_registry(), core=False)
    names = [item["metadata"]["name"] for item in document["items"]]
    assert names == [group for group in dict.fromkeys(g for g, _ in builtin_registry().group_versions()) if group]
    assert names[:3] == ["apiregistration.k8s.io", "apps", "events.k8s.io"]
    autoscaling = document["items"][names.index("autoscaling")]
    assert [v["version"] for v in autoscaling["versions"]] == ["v2", "v1"]
    apps = document["items"][names.index("apps")]["versions"][0]["resources"]
    deployments = next(r for r in apps if r["resource"] == "deployments")
    assert deployments["subresources"][0] == {"subresource": "scale", "responseKind": {
        "group": "autoscaling", "version": "v1", "kind": "Scale"}, "verbs": ["get", "patch", "update"]}
    csr = next(r for item in document["items"] for v in item["versions"] for r in v["resources"]
               if r["resource"] == "certificatesigningrequests")
    assert csr["scope"] == "Cluster"


def test_custom_groups_come_after_built_in_ones_preferred_version_first() -> None:
    registry = with_widget()
    registry.add(Resource("example.com", "v1beta1", "Widget", "widgets", "widget", True))
    registry.add(Resource("aaa.io", "v1alpha1", "Thing", "things", "thing", False))
    names = [group["name"] for group in discovery.group_list(registry)["groups"]]
    assert names[-3:] == ["flowcontrol.apiserver.k8s.io", "aaa.io", "example.com"]
    example = discovery.api_group(registry, "example.com")
    assert [v["version"] for v in example["versions"]] == ["v1", "v1beta1"]
    item = discovery.aggregated(registry, core=False)["items"][-1]
    assert [v["version"] for v in item["versions"]] == ["v1", "v1beta1"]
    assert discovery.resource_list(registry, "example.com", "v1")["resources"][0]["shortNames"] == ["wg"]
    registry.remove("example.com", "v1", "widgets")
    registry.remove("example.com", "v1beta1", "widgets")
    assert "example.com" not in [g["name"] for g in discovery.group_list(registry)["groups"]]


def test_version_priority() -> None:
    versions = ["v1alpha1", "v1", "v2beta1", "v1beta2", "foo", "v2", "v1beta1", "v10"]
    assert sorted(versions, key=discovery.version_sort_key) == [
        "v10", "v2", "v1", "v2beta1", "v1beta2", "v1beta1", "v1alpha1", "foo"]


# ---------------------------------------------------------------------------------------------- OpenAPI

def _group_versions() -> list[tuple[str, str]]:
    return builtin_registry().group_versions()


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def supports_query_param(document: dict[str, Any], gvk: dict[str, str], param: str) -> bool:
    """kubectl's query_param_verifier_v3: the first PATCH operation of the GVK decides."""
    for item in document["paths"].values():
        patch = item.get("patch")
        if patch and patch.get("x-kubernetes-group-version-kind") == gvk:
            return any(p["name"] == param for p in patch.get("parameters", []))
    return False


def test_v3_index_lists_every_group_version_with_a_stable_hash() -> None:
    registry = builtin_registry()
    index = openapi.v3_index(registry)
    assert list(index["paths"]) == [openapi.v3_path(g, v) for g, v in _group_versions()]
    assert index["paths"]["api/v1"]["serverRelativeURL"].startswith("/openapi/v3/api/v1?hash=")
    assert index["paths"]["apis/apps/v1"]["serverRelativeURL"].startswith("/openapi/v3/apis/apps/v1?hash=")
    assert openapi.v3_index(builtin_registry()) == index


def test_v3_hash_changes_with_the_document_only() -> None:
    before = openapi.v3_index(builtin_registry())["paths"]
    after = openapi.v3_index(with_widget(), CRD_SCHEMAS)["paths"]
    changed = openapi.v3_index(with_widget(), {("example.com", "v1", "Widget"): {"type": "object"}})["paths"]
    assert after["apis/example.com/v1"] != changed["apis/example.com/v1"]
    assert {k: v for k, v in after.items() if k != "apis/example.com/v1"} == before


@pytest.mark.parametrize(("group", "version"), _group_versions(), ids=lambda x: x or "core")
def test_v3_document_is_self_contained_openapi_3(group: str, version: str) -> None:
    registry = builtin_registry()
    data = openapi.v3_document_bytes(registry, group, version)
    document = json.loads(data)
    assert document == openapi.v3_document(registry, group, version)
    assert document["openapi"] == "3.0.0"
    schemas = document["components"]["schemas"]
    for ref in _refs(document):
        assert ref.removeprefix("#/components/schemas/") in schemas, ref
    text = data.decode()
    assert '"null"' not in text and '"additionalProperties":false' not in text


@pytest.mark.parametrize("resource", [r for r in BUILTIN_RESOURCES if "patch" in r.verbs],
                         ids=lambda r: f"{r.plural}.{r.group}/{r.version}")
def test_kubectl_finds_field_validation_on_patch(resource: Resource) -> None:
    document = openapi.v3_document(builtin_registry(), resource.group, resource.version)
    gvk = {"group": resource.group, "version": resource.version, "kind": resource.kind}
    for param in ("fieldValidation", "dryRun", "fieldManager", "force"):
        assert supports_query_param(document, gvk, param)


@pytest.mark.parametrize("resource", BUILTIN_RESOURCES, ids=lambda r: f"{r.plural}.{r.group}/{r.version}")
def test_explain_finds_the_kind(resource: Resource) -> None:
    document = openapi.v3_document(builtin_registry(), resource.group, resource.version)
    gvk = {"group": resource.group, "version": resource.version, "kind": resource.kind}
    found = [s for s in document["components"]["schemas"].values()
             if gvk in s.get("x-kubernetes-group-version-kind", [])]
    assert found and found[0]["type"] == "object" and found[0]["description"]


def test_deployment_operations() -> None:
    document = openapi.v3_document(builtin_registry(), "apps", "v1")
    paths = document["paths"]
    collection = paths["/apis/apps/v1/namespaces/{namespace}/deployments"]
    assert {m: collection[m]["x-kubernetes-action"] for m in ("get", "post", "delete")} == {
        "get": "list", "post": "post", "delete": "deletecollection"}
    assert collection["delete"]["operationId"] == "deleteAppsV1CollectionNamespacedDeployment"
    item = paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]
    assert {m: item[m]["operationId"] for m in ("get", "put", "patch", "delete")} == {
        "get": "readAppsV1NamespacedDeployment", "put": "replaceAppsV1NamespacedDeployment",
        "patch": "patchAppsV1NamespacedDeployment", "delete": "deleteAppsV1NamespacedDeployment"}
    assert "application/strategic-merge-patch+json" in item["patch"]["requestBody"]["content"]
    assert [p["name"] for p in item["parameters"]] == ["name", "namespace", "pretty"]
    assert paths["/apis/apps/v1/deployments"]["get"]["operationId"] == "listAppsV1DeploymentForAllNamespaces"
    assert paths["/apis/apps/v1/watch/namespaces/{namespace}/deployments/{name}"]["get"][
        "x-kubernetes-action"] == "watch"
    scale = paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]
    assert scale["get"]["x-kubernetes-group-version-kind"] == {"group": "autoscaling", "kind": "Scale",
                                                               "version": "v1"}
    assert scale["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/io.k8s.api.autoscaling.v1.Scale"}
    list_params = [p["name"] for p in collection["get"]["parameters"]]
    assert {"labelSelector", "fieldSelector", "limit", "continue", "watch", "resourceVersion"} <= set(list_params)


def test_cluster_scoped_paths() -> None:
    paths = openapi.v3_document(builtin_registry(), "", "v1")["paths"]
    assert "/api/v1/nodes/{name}" in paths and "/api/v1/namespaces/{namespace}/nodes" not in paths
    assert "/api/v1/namespaces/{name}/finalize" in paths
    assert paths["/api/v1/namespaces/{namespace}/pods/{name}/exec"]["get"]["x-kubernetes-action"] == "connect"
    assert paths["/api/v1/namespaces/{namespace}/pods/{name}/log"]["get"]["operationId"] == \
        "readCoreV1NamespacedPodLog"


def test_definitions_in_openapi_form() -> None:
    schemas = openapi.v3_document(builtin_registry(), "apps", "v1")["components"]["schemas"]
    strategy = schemas["io.k8s.api.apps.v1.DeploymentStrategy"]
    assert strategy["type"] == "object"
    assert strategy["properties"]["type"]["type"] == "string"
    assert strategy["properties"]["rollingUpdate"] == {
        "allOf": [{"$ref": "#/components/schemas/io.k8s.api.apps.v1.RollingUpdateDeployment"}],
        "description": "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate."}
    assert "enum" not in schemas["io.k8s.api.apps.v1.Deployment"]["properties"]["kind"]
    assert schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]["format"] == "int-or-string"
    assert schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]["oneOf"] == [{"type": "integer"},
                                                                                  {"type": "string"}]
    assert schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"]["description"].startswith("Quantity is a")
    containers = schemas["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"]
    assert containers["x-kubernetes-patch-merge-key"] == "name"
    assert containers["items"] == {"$ref": "#/components/schemas/io.k8s.api.core.v1.Container"}


def test_custom_resource_document() -> None:
    registry = with_widget()
    assert openapi.v3_document(builtin_registry(), "example.com", "v1") is None
    document = openapi.v3_document(registry, "example.com", "v1", CRD_SCHEMAS)
    widget = document["components"]["schemas"]["com.example.v1.Widget"]
    assert widget["x-kubernetes-group-version-kind"] == [{"group": "example.com", "version": "v1",
                                                          "kind": "Widget"}]
    assert widget["properties"]["spec"] == WIDGET_SCHEMA["properties"]["spec"]
    assert widget["properties"]["metadata"]["allOf"] == [
        {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}]
    assert "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" in document["components"]["schemas"]
    gvk = {"group": "example.com", "version": "v1", "kind": "Widget"}
    assert supports_query_param(document, gvk, "fieldValidation")
    patch = document["paths"]["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"]["patch"]
    assert "application/strategic-merge-patch+json" not in patch["requestBody"]["content"]
    without_schema = openapi.v3_document(registry, "example.com", "v1")["components"]["schemas"]
    assert without_schema["com.example.v1.Widget"]["x-kubernetes-preserve-unknown-fields"] is True


def test_v2_document() -> None:
    document = openapi.v2_document(with_widget(), CRD_SCHEMAS)
    assert document["swagger"] == "2.0"
    definitions = document["definitions"]
    for ref in _refs(document):
        assert ref.removeprefix("#/definitions/") in definitions, ref
    patch = document["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"]
    assert patch["x-kubernetes-group-version-kind"] == {"group": "apps", "kind": "Deployment", "version": "v1"}
    assert {"name": "body", "in": "body", "required": True,
            "schema": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"}} in patch["parameters"]
    assert {p["name"]: p["type"] for p in patch["parameters"] if p["in"] == "query"}["force"] == "boolean"
    assert definitions["io.k8s.api.apps.v1.DeploymentStrategy"]["properties"]["rollingUpdate"]["$ref"] == \
        "#/definitions/io.k8s.api.apps.v1.RollingUpdateDeployment"
    assert definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]["type"] == "string"
    assert "com.example.v1.Widget" in definitions
    assert "/api/v1/namespaces/{namespace}/pods" in document["paths"]


# ---------------------------------------------------------------------------------------------- real kubectl

class _DocumentServer(BaseHTTPRequestHandler):
    """Serves /version, aggregated discovery and /openapi/v3 of one registry: what kubectl explain needs."""

    registry: Registry = builtin_registry()
    crd_schemas: dict = {}

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, body: bytes, content_type: str = "application/json", code: int = 200) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
        path = self.path.partition("?")[0].rstrip("/")
        body: bytes | None = None
        if path == "/version":
            body = json.dumps({"major": "1", "minor": "32", "gitVersion": "v1.32.0"}).encode()
        elif path in ("/api", "/apis"):
            document = discovery.aggregated(self.registry, core=path == "/api")
            return self._send(json.dumps(document).encode(), discovery.AGGREGATED_CONTENT_TYPE)
        elif path == "/openapi/v3":
            body = json.dumps(openapi.v3_index(self.registry, self.crd_schemas)).encode()
        elif path.startswith("/openapi/v3/"):
            parts = path.split("/")[3:]
            group, version = ("", parts[1]) if parts[0] == "api" else (parts[1], parts[2])
            body = openapi.v3_document_bytes(self.registry, group, version, self.crd_schemas)
        if body is None:
            return self._send(b'{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound",'
                              b'"code":404}', code=404)
        self._send(body)


@pytest.fixture(scope="module")
def kubectl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    binary = shutil.which("kubectl")
    if binary is None:
        pytest.skip("kubectl is not installed")
    handler = type("Handler", (_DocumentServer,), {"registry": with_widget(), "crd_schemas": CRD_SCHEMAS})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = tmp_path_factory.mktemp("kubectl-home")
    config = Path(home) / "config"
    config.write_text(f"""apiVersion: v1
kind: Config
clusters: [{{name: c, cluster: {{server: "http://127.0.0.1:{server.server_address[1]}"}}}}]
users: [{{name: u, user: {{token: t}}}}]
contexts: [{{name: c, context: {{cluster: c, user: u}}}}]
current-context: c
""")
    environment = {**os.environ, "HOME": str(home), "KUBECONFIG": str(config)}

    def run(*args: str) -> str:
        result = subprocess.run([binary, *args], env=environment, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout

    yield run
    server.shutdown()
    server.server_close()


def test_kubectl_explain_pods(kubectl: Any) -> None:
    lines = kubectl("explain", "pods").splitlines()
    assert lines[:6] == ["KIND:       Pod", "VERSION:    v1", "", "DESCRIPTION:",
                         "    Pod is a collection of containers that can run on a host. This resource is",
                         "    created by clients and scheduled onto hosts."]
    assert "  spec\t<PodSpec>" in lines and "  metadata\t<ObjectMeta>" in lines


def test_kubectl_explain_deployment_strategy_recursive(kubectl: Any) -> None:
    lines = kubectl("explain", "deployment.spec.strategy", "--recursive").splitlines()
    assert lines[:10] == [
        "GROUP:      apps", "KIND:       Deployment", "VERSION:    v1", "",
        "FIELD: strategy <DeploymentStrategy>", "", "", "DESCRIPTION:",
        "    The deployment strategy to use to replace existing pods with new ones.",
        "    DeploymentStrategy describes how to replace existing pods with new ones."]
    fields = lines[lines.index("FIELDS:") + 1:]
    assert [line for line in fields if "<" in line] == [
        "  rollingUpdate\t<RollingUpdateDeployment>", "    maxSurge\t<IntOrString>",
        "    maxUnavailable\t<IntOrString>", "  type\t<string>"]


def test_kubectl_explain_custom_resource_field(kubectl: Any) -> None:
    output = kubectl("explain", "wg.spec.size")
    assert output.splitlines()[:5] == ["GROUP:      example.com", "KIND:       Widget", "VERSION:    v1", "",
                                       "FIELD: size <integer>"]
    assert "How big." in output


def test_kubectl_api_resources(kubectl: Any) -> None:
    rows = [line.split() for line in kubectl("api-resources").splitlines()[1:]]
    assert ["deployments", "deploy", "apps/v1", "true", "Deployment"] in rows
    assert ["horizontalpodautoscalers", "hpa", "autoscaling/v2", "true", "HorizontalPodAutoscaler"] in rows
    assert ["widgets", "wg", "example.com/v1", "true", "Widget"] in rows
    assert len(rows) == len({(r.group, r.plural) for r in BUILTIN_RESOURCES}) + 1
