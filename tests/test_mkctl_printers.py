"""mkctl's printers against the real kubectl 1.32 on the same mk-apiserver: the same server answers (Tables for
human output, JSON otherwise) rendered by cli.mkctl.printers must be kubectl's stdout byte for byte."""

from __future__ import annotations

import os
import select
import subprocess
import urllib.parse
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apiservers import KUBECTL, ApiServer

from cli.mkctl.printers import custom_columns, formats, go_template, jsonpath
from cli.mkctl.printers.table import Section, TableOptions, WatchPrinter, no_resources_message, render_tables

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")

TABLE_ACCEPT = ("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
                "application/json")
GROUP = "printers.example.com"
TYPES = {  # short name: (collection path under the namespace, apiVersion, kind, resource)
    "pods": ("/api/v1", "v1", "Pod", "pods"),
    "services": ("/api/v1", "v1", "Service", "services"),
    "configmaps": ("/api/v1", "v1", "ConfigMap", "configmaps"),
    "deployments": ("/apis/apps/v1", "apps/v1", "Deployment", "deployments"),
    "pwidgets": (f"/apis/{GROUP}/v1", f"{GROUP}/v1", "Widget", "pwidgets"),
}


def _pod(name: str, labels: dict[str, str], image: str = "busybox:1.36") -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": labels},
            "spec": {"containers": [{"name": "main", "image": image}]}}


@pytest.fixture(scope="module")
def ns(apiserver: ApiServer) -> str:
    """A namespace with two pods, a deployment, a service, a config map and a custom object."""
    name = "p-" + uuid.uuid4().hex[:8]
    assert apiserver.request("POST", "/api/v1/namespaces", {"metadata": {"name": name}})[0] == 201
    base = f"/api/v1/namespaces/{name}"
    objects = [
        (f"{base}/serviceaccounts", {"metadata": {"name": "default"}}),
        (f"{base}/pods", _pod("zeta", {"app": "web", "tier": "front"})),
        (f"{base}/pods", _pod("alpha", {"app": "db"}, "nginx:1.27")),
        (f"{base}/services", {"metadata": {"name": "web", "labels": {"app": "web"}},
                              "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "protocol": "TCP"}]}}),
        (f"{base}/configmaps", {"metadata": {"name": "settings"}, "data": {"a": "1", "b": "<two>"}}),
        (f"/apis/apps/v1/namespaces/{name}/deployments", {
            "metadata": {"name": "web", "labels": {"app": "web"}},
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}),
    ]
    for path, body in objects:
        status, answer = apiserver.request("POST", path, body)
        assert status == 201, answer
    crd = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
           "metadata": {"name": f"pwidgets.{GROUP}"},
           "spec": {"group": GROUP, "scope": "Namespaced",
                    "names": {"plural": "pwidgets", "singular": "pwidget", "kind": "Widget"},
                    "versions": [{"name": "v1", "served": True, "storage": True, "additionalPrinterColumns": [
                        {"name": "Size", "type": "integer", "jsonPath": ".spec.size"},
                        {"name": "Ratio", "type": "number", "jsonPath": ".spec.ratio"},
                        {"name": "Flag", "type": "boolean", "jsonPath": ".spec.flag"},
                        {"name": "Multi", "type": "string", "jsonPath": ".spec.multi"},
                        {"name": "Whole", "type": "number", "jsonPath": ".spec.whole", "priority": 1},
                        {"name": "Text Value", "type": "string", "jsonPath": ".spec.text", "priority": 2}],
                                  "schema": {"openAPIV3Schema": {"type": "object",
                                                                 "x-kubernetes-preserve-unknown-fields": True}}}]}}
    status, answer = apiserver.request("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
    assert status in (201, 409), answer
    widget = {"apiVersion": f"{GROUP}/v1", "kind": "Widget", "metadata": {"name": "w1"},
              "spec": {"size": 3, "ratio": 1.5, "whole": 2.0, "tiny": 1e-7, "huge": 1e21, "flag": True, "none": None,
                       "text": "yes", "multi": "a\nb\n", "list": [1, "two", {"three": 3.25}], "empty": {}}}
    status, answer = apiserver.request("POST", f"/apis/{GROUP}/v1/namespaces/{name}/pwidgets", widget)
    assert status == 201, answer
    return name


def kubectl(apiserver: ApiServer, *args: str) -> str:
    result = apiserver.kubectl(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def fetch(apiserver: ApiServer, path: str, accept: str = "application/json", **query: str) -> dict[str, Any]:
    status, body = apiserver.request("GET", path + ("?" + urllib.parse.urlencode(query) if query else ""),
                                     accept=accept)
    assert status == 200, body
    return body


def collection(ns: str | None, short: str) -> str:
    prefix = TYPES[short][0]
    return f"{prefix}/namespaces/{ns}/{short}" if ns else f"{prefix}/{short}"


def section(apiserver: ApiServer, ns: str | None, short: str, **query: str) -> Section:
    _, api_version, kind, resource = TYPES[short]
    table = fetch(apiserver, collection(ns, short), TABLE_ACCEPT, **query)
    return Section(table, api_version, kind, resource)


def same_moment(apiserver: ApiServer, answers: Callable[[], Any], *args: str) -> tuple[Any, str]:
    """The server's answers and kubectl's output at one moment: AGE cells are computed by the server, so retry
    until the answers fetched before and after kubectl ran are the same."""
    for _ in range(5):
        before = answers()
        output = kubectl(apiserver, *args)
        if answers() == before:
            return before, output
    raise AssertionError("the server's answers kept changing")


@pytest.mark.parametrize("args, options", [
    ((), TableOptions()),
    (("-o", "wide"), TableOptions(wide=True)),
    (("--show-labels",), TableOptions(show_labels=True)),
    (("-L", "app", "-L", "example.com/tier"), TableOptions(label_columns=("app", "example.com/tier"))),
    (("-L", "tier,app", "--show-labels", "-o", "wide"),
     TableOptions(label_columns=("tier", "app"), show_labels=True, wide=True)),
    (("--no-headers",), TableOptions(no_headers=True)),
])
@pytest.mark.parametrize("short", ["pods", "deployments", "services", "configmaps", "pwidgets"])
def test_table_output_matches_kubectl(apiserver: ApiServer, ns: str, short: str, args: tuple[str, ...],
                                      options: TableOptions) -> None:
    def answers() -> list[Section]:
        return [section(apiserver, ns, short)]

    sections, expected = same_moment(apiserver, answers, "get", short, "-n", ns, *args)
    assert render_tables(sections, options) == expected


def test_all_namespaces_adds_the_namespace_column(apiserver: ApiServer, ns: str) -> None:
    def answers() -> Any:
        table = section(apiserver, None, "pods", labelSelector="app in (web,db)")
        return [table]

    sections, expected = same_moment(apiserver, answers, "get", "pods", "-A", "-l", "app in (web,db)")
    assert render_tables(list(sections), TableOptions(all_namespaces=True)) == expected
    assert f"{ns}   alpha" in expected


@pytest.mark.parametrize("sort_by", [".metadata.name", "{.spec.containers[0].image}", "metadata.labels.app"])
def test_sort_by_uses_the_full_objects(apiserver: ApiServer, ns: str, sort_by: str) -> None:
    def answers() -> Any:
        return ([section(apiserver, ns, "pods", includeObject="Object")])

    sections, expected = same_moment(apiserver, answers, "get", "pods", "-n", ns, "--sort-by", sort_by)
    assert render_tables(list(sections), TableOptions(sort_by=sort_by)) == expected


def test_several_types_print_sections_with_kind_prefixes(apiserver: ApiServer, ns: str) -> None:
    def answers() -> Any:
        return ([section(apiserver, ns, "pods"), section(apiserver, ns, "services"),
                          section(apiserver, ns, "deployments")])

    sections, expected = same_moment(apiserver, answers, "get", "pods,svc,deploy", "-n", ns)
    assert render_tables(list(sections), TableOptions()) == expected
    assert "\n\nNAME " in expected and "pod/alpha " in expected and "deployment.apps/web " in expected
    sections, expected = same_moment(apiserver, answers, "get", "pods,svc,deploy", "-n", ns, "--no-headers")
    assert render_tables(list(sections), TableOptions(no_headers=True)) == expected


def _category_all(apiserver: ApiServer) -> list[tuple[str, str, str, str]]:
    """(collection prefix, apiVersion, kind, resource) of every resource in category `all`, in discovery order."""
    found = []
    versions = [("/api/v1", "v1")]
    for group in fetch(apiserver, "/apis")["groups"]:
        preferred = group["preferredVersion"]["groupVersion"]
        versions.append((f"/apis/{preferred}", preferred))
    for prefix, api_version in versions:
        for resource in fetch(apiserver, prefix)["resources"]:
            if "all" in resource.get("categories", []) and "/" not in resource["name"]:
                found.append((prefix, api_version, resource["kind"], resource["name"]))
    return found


def test_get_all(apiserver: ApiServer, ns: str) -> None:
    kinds = _category_all(apiserver)

    def answers() -> Any:
        return ([Section(fetch(apiserver, f"{prefix}/namespaces/{ns}/{resource}", TABLE_ACCEPT),
                                  api_version, kind, resource) for prefix, api_version, kind, resource in kinds])

    sections, expected = same_moment(apiserver, answers, "get", "all", "-n", ns)
    assert render_tables(list(sections), TableOptions()) == expected
    assert expected.startswith("NAME ") and "service/web " in expected


def test_nothing_found_goes_to_stderr(apiserver: ApiServer, ns: str) -> None:
    result = apiserver.kubectl("get", "secrets", "-n", ns, "-l", "nothing=here")
    empty = Section(fetch(apiserver, f"/api/v1/namespaces/{ns}/secrets", TABLE_ACCEPT, labelSelector="nothing=here"),
                    "v1", "Secret", "secrets")
    assert render_tables([empty], TableOptions()) == result.stdout == ""
    assert no_resources_message(ns, [empty], all_namespaces=False) == result.stderr
    result = apiserver.kubectl("get", "secrets", "-A", "-l", "nothing=here")
    assert no_resources_message(ns, [empty], all_namespaces=True) == result.stderr


def test_watch_rows_follow_the_first_table(apiserver: ApiServer, ns: str) -> None:
    printer = WatchPrinter(TableOptions())
    first = fetch(apiserver, f"/api/v1/namespaces/{ns}/pods", TABLE_ACCEPT, labelSelector="app=db")
    text = printer.print(first)
    event = fetch(apiserver, f"/api/v1/namespaces/{ns}/pods", TABLE_ACCEPT, labelSelector="app=web")
    more = printer.print(event)
    assert text.splitlines()[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert more.startswith("zeta    ") and len(more.splitlines()) == 1
    events = WatchPrinter(TableOptions(), output_watch_events=True).print(first, "ADDED")
    assert events.startswith("EVENT      NAME    ") and "\nADDED      alpha   " in events


# ---- -o json / yaml / name ----

def _generic(apiserver: ApiServer, ns: str, short: str, name: str | None = None) -> dict[str, Any]:
    if name:
        return formats.printed_document([fetch(apiserver, f"{collection(ns, short)}/{name}")], single=True)
    return formats.printed_document(formats.list_items(fetch(apiserver, collection(ns, short))), single=False)


@pytest.mark.parametrize("short, name", [("pods", None), ("pods", "zeta"), ("deployments", "web"),
                                         ("configmaps", None), ("pwidgets", None), ("services", "web")])
def test_json_yaml_and_name_match_kubectl(apiserver: ApiServer, ns: str, short: str, name: str | None) -> None:
    target = [short] + ([name] if name else [])
    document = _generic(apiserver, ns, short, name)
    assert formats.to_json_text(document) == kubectl(apiserver, "get", *target, "-n", ns, "-o", "json")
    assert formats.to_yaml_text(document) == kubectl(apiserver, "get", *target, "-n", ns, "-o", "yaml")
    assert formats.to_name_text(document) == kubectl(apiserver, "get", *target, "-n", ns, "-o", "name")
    shown = formats.to_yaml_text(document, show_managed_fields=True)
    assert shown == kubectl(apiserver, "get", *target, "-n", ns, "-o", "yaml", "--show-managed-fields")


def test_several_objects_print_as_a_list(apiserver: ApiServer, ns: str) -> None:
    pods = [fetch(apiserver, f"{collection(ns, 'pods')}/{name}") for name in ("zeta", "alpha")]
    document = formats.printed_document(pods, single=False)
    assert formats.to_json_text(document) == kubectl(apiserver, "get", "pod", "zeta", "alpha", "-n", ns, "-o", "json")
    empty = formats.printed_document([], single=False)
    assert formats.to_json_text(empty) == kubectl(apiserver, "get", "secrets", "-n", ns, "-l", "x=y", "-o", "json")
    assert formats.to_name_text(empty) == ""


# ---- jsonpath, custom columns, go-template ----

@pytest.mark.parametrize("template", [
    "{.items[*].metadata.name}",
    '{range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[0].image}{"\\n"}{end}',
    "{.items[0].metadata.labels}",
    "{.items[?(@.metadata.name==\"zeta\")].metadata.labels.tier}",
    "{.items[*].spec.containers[*].name}",
    "{.items[-1:].metadata.name} and {.items[0,1].kind}",
    "{.kind}{'\\n'}{.metadata.resourceVersion}",
    "{.items[*].metadata.missing}x{.items[0].spec.containers}",
    "{range .items[*]}[{.metadata.name}:{range .spec.containers[*]}{.image},{end}]{end}",
    "{..image}",
    "{.items[?(@.spec.priority>=0)].metadata.name}",
    "{.items[*].metadata.labels.app}{@.kind}{$.apiVersion}",
    "{.items[0].metadata.managedFields[0].manager}",   # only -o json/yaml hide managedFields
])
def test_jsonpath_matches_kubectl(apiserver: ApiServer, ns: str, template: str) -> None:
    document = _generic(apiserver, ns, "pods")
    expected = kubectl(apiserver, "get", "pods", "-n", ns, "-o", f"jsonpath={template}")
    assert jsonpath.render_jsonpath(template, document) == expected


@pytest.mark.parametrize("template", ["{.items[*].metadata.name}", "{.metadata}",
                                      "{range .items[*]}{.metadata.labels}{end}"])
def test_jsonpath_as_json_matches_kubectl(apiserver: ApiServer, ns: str, template: str) -> None:
    document = _generic(apiserver, ns, "pods")
    expected = kubectl(apiserver, "get", "pods", "-n", ns, "-o", f"jsonpath-as-json={template}")
    assert jsonpath.render_jsonpath(template, document, as_json=True) == expected


@pytest.mark.parametrize("template", ["{.items[0].spec}", "{.items[0].spec.list[*]}",
                                      "{range .items[0].spec.list[*]}{@}|{end}",
                                      "{.items[0].spec.none} {.items[0].spec.huge} {.items[0].spec.tiny}"])
def test_jsonpath_of_json_values_matches_kubectl(apiserver: ApiServer, ns: str, template: str) -> None:
    document = _generic(apiserver, ns, "pwidgets")
    for output, as_json in (("jsonpath", False), ("jsonpath-as-json", True)):
        expected = kubectl(apiserver, "get", "pwidgets", "-n", ns, "-o", f"{output}={template}")
        assert jsonpath.render_jsonpath(template, document, as_json=as_json) == expected


def test_columns_and_templates_of_json_values_match_kubectl(apiserver: ApiServer, ns: str) -> None:
    document = _generic(apiserver, ns, "pwidgets")
    spec = "SPEC:.spec,LIST:.spec.list,NONE:.spec.none,F:.spec.ratio,W:.spec.whole,T:.spec.tiny,H:.spec.huge"
    expected = kubectl(apiserver, "get", "pwidgets", "-n", ns, "-o", f"custom-columns={spec}")
    assert custom_columns.render_custom_columns(document, custom_columns.parse_spec(spec)) == expected
    template = "{{range .items}}{{.spec}}|{{.spec.whole}}|{{.spec.tiny}}|{{.spec.none}}|{{.spec.list}}{{end}}"
    expected = kubectl(apiserver, "get", "pwidgets", "-n", ns, "-o", f"go-template={template}")
    assert go_template.render_go_template(template, document) == expected


def test_jsonpath_errors_are_kubectls() -> None:
    with pytest.raises(jsonpath.JSONPathError, match=r"^error parsing jsonpath \{\.a, unclosed action$"):
        jsonpath.parse_template("{.a")
    with pytest.raises(jsonpath.JSONPathError, match="is not array or slice"):
        jsonpath.render_jsonpath("{.a[0]}", {"a": {"b": 1}})


@pytest.mark.parametrize("spec", [
    "NAME:.metadata.name,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels,MISSING:.status.nothing",
    "N:metadata.name,READY:{.status.phase},PORTS:.spec.containers[0].ports",
])
@pytest.mark.parametrize("short", ["pods", "configmaps"])
def test_custom_columns_match_kubectl(apiserver: ApiServer, ns: str, spec: str, short: str) -> None:
    document = _generic(apiserver, ns, short)
    columns = custom_columns.parse_spec(spec)
    expected = kubectl(apiserver, "get", short, "-n", ns, "-o", f"custom-columns={spec}")
    assert custom_columns.render_custom_columns(document, columns) == expected
    expected = kubectl(apiserver, "get", short, "-n", ns, "-o", f"custom-columns={spec}", "--no-headers")
    assert custom_columns.render_custom_columns(document, columns, no_headers=True) == expected


def test_custom_columns_file(apiserver: ApiServer, ns: str, tmp_path: Path) -> None:
    spec = tmp_path / "columns.txt"
    spec.write_text("NAME   DATA\n.metadata.name   {.data.b}\n")
    document = _generic(apiserver, ns, "configmaps")
    expected = kubectl(apiserver, "get", "configmaps", "-n", ns, "-o", f"custom-columns-file={spec}")
    assert custom_columns.render_custom_columns(document, custom_columns.parse_template(spec.read_text())) == expected


@pytest.mark.parametrize("template", [
    "{{.metadata.name}}",
    '{{range .items}}{{.metadata.name}} {{index .metadata.labels "app"}}{{"\\n"}}{{end}}',
    "{{range $i, $p := .items}}{{$i}}={{$p.metadata.name}};{{end}}",
    "{{range .items}}{{if eq .metadata.name \"zeta\"}}Z{{else}}{{.metadata.name}}{{end}}{{end}}",
    '{{printf "%s has %d items" .kind (len .items)}}',
    "{{range .items}}{{with .metadata.labels.tier}}{{.}}{{else}}-{{end}} {{end}}",
    "{{.metadata.missing}}|{{.items | len}}",
    "{{- range .items -}} {{ .spec.containers }} {{- end }}",
    "{{range .items}}{{if and .metadata.labels (ne .metadata.name \"x\")}}{{.metadata.labels}}{{end}}{{end}}",
])
def test_go_template_matches_kubectl(apiserver: ApiServer, ns: str, template: str) -> None:
    document = _generic(apiserver, ns, "pods")
    expected = kubectl(apiserver, "get", "pods", "-n", ns, "-o", f"go-template={template}")
    assert go_template.render_go_template(template, document) == expected


def test_go_template_reports_what_it_does_not_support() -> None:
    with pytest.raises(go_template.GoTemplateError, match="not supported"):
        go_template.render_go_template("{{template \"x\"}}", {})


def test_secret_data_through_go_template(apiserver: ApiServer, ns: str) -> None:
    secret = {"metadata": {"name": "s"}, "data": {"password": "aHVudGVyMg=="}}
    assert apiserver.request("POST", f"/api/v1/namespaces/{ns}/secrets", secret)[0] == 201
    template = "{{.data.password | base64decode}}"
    obj = fetch(apiserver, f"/api/v1/namespaces/{ns}/secrets/s")
    assert go_template.render_go_template(template, obj) == "hunter2"
    assert kubectl(apiserver, "get", "secret", "s", "-n", ns, "-o", f"go-template={template}") == "hunter2"


# ---- more kubectl habits ----

def test_show_kind_and_all_namespaces_with_several_types(apiserver: ApiServer, ns: str) -> None:
    def answers() -> list[Section]:
        return [section(apiserver, ns, "pods")]

    sections, expected = same_moment(apiserver, answers, "get", "pods", "-n", ns, "--show-kind")
    assert render_tables(sections, TableOptions(show_kind=True)) == expected
    assert "pod/alpha " in expected

    def everywhere() -> list[Section]:
        return [section(apiserver, None, "pods", labelSelector="app=web"),
                section(apiserver, None, "deployments", labelSelector="app=web")]

    sections, expected = same_moment(apiserver, everywhere, "get", "pods,deploy", "-A", "-l", "app=web")
    assert render_tables(sections, TableOptions(all_namespaces=True)) == expected
    assert expected.startswith("NAMESPACE    NAME ") and "deployment.apps/web " in expected


def test_named_objects_share_one_header(apiserver: ApiServer, ns: str) -> None:
    def answers() -> list[Section]:
        return [Section(fetch(apiserver, f"{collection(ns, 'pods')}/{name}", TABLE_ACCEPT), "v1", "Pod", "pods")
                for name in ("zeta", "alpha")]

    sections, expected = same_moment(apiserver, answers, "get", "pod", "zeta", "alpha", "-n", ns, "-L", "tier")
    assert render_tables(sections, TableOptions(label_columns=("tier",))) == expected
    assert expected.count("NAME") == 1


def test_cluster_scoped_types_have_no_namespace_column(apiserver: ApiServer, ns: str) -> None:
    def answers() -> list[Section]:
        table = fetch(apiserver, "/api/v1/namespaces", TABLE_ACCEPT, fieldSelector=f"metadata.name={ns}")
        return [Section(table, "v1", "Namespace", "namespaces", namespaced=False)]

    sections, expected = same_moment(apiserver, answers, "get", "namespaces", "-A", "--field-selector",
                                     f"metadata.name={ns}", "--show-labels")
    assert render_tables(sections, TableOptions(all_namespaces=True, show_labels=True)) == expected
    assert expected.startswith("NAME ")
    nothing = apiserver.kubectl("get", "namespaces", "-l", "nothing=here")
    assert no_resources_message("default", sections, all_namespaces=False) == nothing.stderr


def test_several_types_as_one_list(apiserver: ApiServer, ns: str) -> None:
    items = (formats.list_items(fetch(apiserver, collection(ns, "pods")))
             + formats.list_items(fetch(apiserver, collection(ns, "services"))))
    document = formats.printed_document(items, single=False)
    for output, text in (("json", formats.to_json_text), ("yaml", formats.to_yaml_text),
                         ("name", formats.to_name_text)):
        assert text(document) == kubectl(apiserver, "get", "pods,svc", "-n", ns, "-o", output)


def test_custom_columns_of_nothing_print_the_header(apiserver: ApiServer, ns: str) -> None:
    empty = formats.printed_document([], single=False)
    columns = custom_columns.parse_spec("NAME:.metadata.name,AGE:.metadata.creationTimestamp")
    expected = kubectl(apiserver, "get", "secrets", "-n", ns, "-l", "x=y", "-o",
                       "custom-columns=NAME:.metadata.name,AGE:.metadata.creationTimestamp")
    assert custom_columns.render_custom_columns(empty, columns) == expected


def test_single_object_jsonpath_and_columns(apiserver: ApiServer, ns: str) -> None:
    pod = fetch(apiserver, f"{collection(ns, 'pods')}/zeta")
    template = '{.metadata.name}{" "}{.spec.containers[*].image}{" "}{.status.phase}'
    assert jsonpath.render_jsonpath(template, pod) == kubectl(apiserver, "get", "pod", "zeta", "-n", ns, "-o",
                                                              f"jsonpath={template}")
    spec = "NAME:.metadata.name,UID:.metadata.uid"
    assert custom_columns.render_custom_columns(pod, custom_columns.parse_spec(spec)) == kubectl(
        apiserver, "get", "pod", "zeta", "-n", ns, "-o", f"custom-columns={spec}")


@pytest.mark.parametrize("output, error", [
    ("jsonpath={.items[0", lambda: jsonpath.parse_template("{.items[0")),
    ("custom-columns=NAME", lambda: custom_columns.parse_spec("NAME")),
    ("go-template={{.a", lambda: go_template.parse_template("{{.a")),
])
def test_bad_templates_fail_like_kubectl(apiserver: ApiServer, ns: str, output: str, error: Callable[[], Any]) -> None:
    result = apiserver.kubectl("get", "pods", "-n", ns, "-o", output)
    assert result.returncode == 1 and result.stdout == ""
    with pytest.raises(ValueError) as raised:
        error()
    assert result.stderr == f"error: {raised.value}\n"


def test_sort_by_a_field_nobody_has(apiserver: ApiServer, ns: str) -> None:
    """kubectl's sorting printer fails, get ignores the printer's error: nothing printed, exit 0."""
    result = apiserver.kubectl("get", "pods", "-n", ns, "--sort-by", ".spec.nothing")
    pods = [section(apiserver, ns, "pods", includeObject="Object")]
    assert render_tables(pods, TableOptions(sort_by=".spec.nothing")) == result.stdout == ""
    assert (result.returncode, result.stderr) == (0, no_resources_message(ns, pods, all_namespaces=False))
    result = apiserver.kubectl("get", "pods,svc", "-n", ns, "--sort-by", ".metadata.name")
    sections = pods + [section(apiserver, ns, "services", includeObject="Object")]
    with pytest.raises(ValueError) as raised:   # several types: kubectl sorts the Tables themselves first
        render_tables(sections, TableOptions(sort_by=".metadata.name"))
    assert result.returncode == 1 and result.stderr == f"error: {raised.value}\n"


def test_watch_matches_kubectl(apiserver: ApiServer, ns: str) -> None:
    """`kubectl get pods -w`: the list, then the row of a MODIFIED event, aligned under the same header."""
    for attempt in range(3):
        listed = fetch(apiserver, collection(ns, "pods"), TABLE_ACCEPT, labelSelector="app=db")
        environment = {**os.environ, "HOME": str(apiserver.home), "KUBECONFIG": str(apiserver.kubeconfig)}
        process = subprocess.Popen([KUBECTL, "get", "pods", "-n", ns, "-l", "app=db", "-w"], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, env=environment)
        try:
            output = _read_lines(process, b"", 2)
            patch = {"metadata": {"annotations": {"attempt": str(attempt)}}}
            status, _ = apiserver.request("PATCH", f"{collection(ns, 'pods')}/alpha", patch,
                                          content_type="application/merge-patch+json")
            assert status == 200
            output = _read_lines(process, output, 3)
        finally:
            process.kill()
            process.wait()
        events = apiserver.watch_events(f"{collection(ns, 'pods')}?labelSelector=app%3Ddb&watch=true&timeoutSeconds=1"
                                        f"&resourceVersion={listed['metadata']['resourceVersion']}", TABLE_ACCEPT)
        printer = WatchPrinter(TableOptions())
        expected = printer.print(listed) + printer.print(events[-1]["object"])
        if output.decode() == expected:
            return
    assert output.decode() == expected


def _read_lines(process: subprocess.Popen, output: bytes, lines: int) -> bytes:
    """kubectl's stdout so far, read until it holds `lines` lines."""
    while output.count(b"\n") < lines:
        ready, _, _ = select.select([process.stdout], [], [], 20)
        assert ready, f"kubectl printed only {output!r}"
        chunk = os.read(process.stdout.fileno(), 65536)
        assert chunk, f"kubectl ended after {output!r}"
        output += chunk
    return output


def test_sort_by_many_equal_keys_leaves_kubectls_order(apiserver: ApiServer) -> None:
    """Go's sort is not stable: rows with equal keys end in pdqsort's order, which mkctl reproduces."""
    many = "m-" + uuid.uuid4().hex[:8]
    assert apiserver.request("POST", "/api/v1/namespaces", {"metadata": {"name": many}})[0] == 201
    assert apiserver.request("POST", f"/api/v1/namespaces/{many}/serviceaccounts",
                             {"metadata": {"name": "default"}})[0] == 201
    for index in range(60):
        pod = _pod(f"pod-{(index * 37) % 60:02d}", {"group": str(index % 3), "rank": str((index * 7) % 11)})
        status, answer = apiserver.request("POST", f"/api/v1/namespaces/{many}/pods", pod)
        assert status == 201, answer
    for sort_by in (".metadata.labels.group", ".metadata.labels.rank", ".spec.containers[0].image",
                    ".metadata.labels.none"):
        def answers() -> list[Section]:
            return [section(apiserver, many, "pods", includeObject="Object")]

        sections, expected = same_moment(apiserver, answers, "get", "pods", "-n", many, "--sort-by", sort_by,
                                         "-L", "group,rank")
        options = TableOptions(sort_by=sort_by, label_columns=("group", "rank"))
        assert render_tables(sections, options) == expected, sort_by


def test_plain_lists_print_name_and_age() -> None:
    """A server without Table support: kubectl's client-side NAME AGE (the reference's `2y326d`)."""
    from datetime import datetime, timezone

    from cli.mkctl.printers.table import fallback_table

    created = datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp()
    now = created + (2 * 365 + 326) * 86400 + 3600
    metadata = {"name": "x", "namespace": "default", "creationTimestamp": "2024-01-01T00:00:00Z"}
    answer = {"kind": "PodList", "apiVersion": "v1", "items": [{"metadata": metadata}]}
    sections = [Section(fallback_table(answer, now), "v1", "Pod", "pods")]
    assert render_tables(sections, TableOptions()) == "NAME   AGE\nx      2y326d\n"
    expected = "NAMESPACE   NAME   AGE\ndefault     x      2y326d\n"
    assert render_tables(sections, TableOptions(all_namespaces=True)) == expected


@pytest.mark.parametrize("output", ["json", "yaml"])
def test_watch_events_as_json_and_yaml(apiserver: ApiServer, ns: str, output: str) -> None:
    items = formats.list_items(fetch(apiserver, collection(ns, "pods"), labelSelector="app=db"))
    expected = formats.watch_event_text("ADDED", items[0], output)
    environment = {**os.environ, "HOME": str(apiserver.home), "KUBECONFIG": str(apiserver.kubeconfig)}
    process = subprocess.Popen([KUBECTL, "get", "pods", "-n", ns, "-l", "app=db", "-w", "--output-watch-events",
                                "-o", output], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment)
    try:
        printed = _read_lines(process, b"", expected.count("\n"))
    finally:
        process.kill()
        process.wait()
    assert printed.decode() == expected


@pytest.mark.parametrize("template", ["{.items[0].metadata.name}", "{.items[7].metadata.name}",
                                      "{.items[0].metadata.labels[0]}"])
def test_jsonpath_execution_errors_match_kubectl(apiserver: ApiServer, ns: str, template: str) -> None:
    selector = "app=nothing" if template.startswith("{.items[0].metadata.name") else "app=web"
    result = apiserver.kubectl("get", "pods", "-n", ns, "-l", selector, "-o", f"jsonpath={template}")
    items = formats.list_items(fetch(apiserver, collection(ns, "pods"), labelSelector=selector))
    with pytest.raises(jsonpath.JSONPathError) as raised:
        jsonpath.render_jsonpath(template, formats.printed_document(items, single=False))
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"error: {raised.value}")


def test_custom_columns_errors_match_kubectl(apiserver: ApiServer, ns: str) -> None:
    spec = "NAME:.metadata.name,SECOND:.spec.containers[1].name"
    result = apiserver.kubectl("get", "pods", "-n", ns, "-o", f"custom-columns={spec}")
    with pytest.raises(custom_columns.CustomColumnsError) as raised:
        custom_columns.render_custom_columns(_generic(apiserver, ns, "pods"), custom_columns.parse_spec(spec))
    assert (result.returncode, result.stdout, result.stderr) == (1, raised.value.output, f"error: {raised.value}\n")
