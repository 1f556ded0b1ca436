"""The built-in resource table is Kubernetes 1.32's: group versions in the apiserver's order, the names,
short names, categories, verbs and subresources kubectl sees, a 1.32 schema for every kind; and names typed
by a user resolve as kubectl resolves them."""

from __future__ import annotations

import pytest

from minikube_py.api import schemas
from minikube_py.api.builtin_resources import BUILTIN_RESOURCES
from minikube_py.api.discovery import in_category, resolve
from minikube_py.api.registry import ALL_VERBS, Resource, builtin_registry

# `kubectl api-versions` order of a default 1.32 apiserver (core first, then group priority, preferred first).
GROUP_VERSIONS_1_32 = [
    ("", "v1"), ("apiregistration.k8s.io", "v1"), ("apps", "v1"), ("events.k8s.io", "v1"),
    ("authentication.k8s.io", "v1"), ("authorization.k8s.io", "v1"), ("autoscaling", "v2"), ("autoscaling", "v1"),
    ("batch", "v1"), ("certificates.k8s.io", "v1"), ("networking.k8s.io", "v1"), ("policy", "v1"),
    ("rbac.authorization.k8s.io", "v1"), ("storage.k8s.io", "v1"), ("admissionregistration.k8s.io", "v1"),
    ("apiextensions.k8s.io", "v1"), ("scheduling.k8s.io", "v1"), ("coordination.k8s.io", "v1"),
    ("node.k8s.io", "v1"), ("discovery.k8s.io", "v1"), ("flowcontrol.apiserver.k8s.io", "v1"),
]

SHORT_NAMES = {
    "cs": "componentstatuses", "cm": "configmaps", "ep": "endpoints", "ev": "events", "limits": "limitranges",
    "ns": "namespaces", "no": "nodes", "pvc": "persistentvolumeclaims", "pv": "persistentvolumes", "po": "pods",
    "rc": "replicationcontrollers", "quota": "resourcequotas", "sa": "serviceaccounts", "svc": "services",
    "ds": "daemonsets", "deploy": "deployments", "rs": "replicasets", "sts": "statefulsets",
    "hpa": "horizontalpodautoscalers", "cj": "cronjobs", "csr": "certificatesigningrequests", "ing": "ingresses",
    "netpol": "networkpolicies", "pdb": "poddisruptionbudgets", "sc": "storageclasses",
    "crd": "customresourcedefinitions", "crds": "customresourcedefinitions", "pc": "priorityclasses",
}


def _by_plural(group: str, plural: str) -> Resource:
    return next(r for r in BUILTIN_RESOURCES if r.group == group and r.plural == plural)


def test_group_versions_in_the_apiservers_order() -> None:
    assert builtin_registry().group_versions() == GROUP_VERSIONS_1_32


def test_resources_are_unique_and_alphabetical_within_a_group_version() -> None:
    keys = [(r.group, r.version, r.plural) for r in BUILTIN_RESOURCES]
    assert len(keys) == len(set(keys))
    for group, version in GROUP_VERSIONS_1_32:
        plurals = [r.plural for r in BUILTIN_RESOURCES if (r.group, r.version) == (group, version)]
        assert plurals == sorted(plurals)


@pytest.mark.parametrize("resource", BUILTIN_RESOURCES, ids=lambda r: f"{r.plural}.{r.group}/{r.version}")
def test_every_kind_has_its_1_32_schema(resource: Resource) -> None:
    assert resource.schema_name == schemas.definition_name(resource.group, resource.version, resource.kind)
    assert resource.schema_name in schemas.definitions()
    if "list" in resource.verbs:
        assert schemas.definition_name(resource.group, resource.version, resource.list_kind) is not None


def test_short_names_are_kubectls() -> None:
    found = {short: r.plural for r in BUILTIN_RESOURCES for short in r.short_names}
    assert found == SHORT_NAMES


def test_category_all_is_kubectl_get_alls_set() -> None:
    assert {r.plural for r in BUILTIN_RESOURCES if "all" in r.categories} == {
        "pods", "services", "replicationcontrollers", "deployments", "replicasets", "statefulsets", "daemonsets",
        "jobs", "cronjobs", "horizontalpodautoscalers"}
    assert [r.plural for r in in_category(builtin_registry(), "all")] == [
        "pods", "replicationcontrollers", "services", "daemonsets", "deployments", "replicasets", "statefulsets",
        "horizontalpodautoscalers", "cronjobs", "jobs"]


def test_api_extensions_category() -> None:
    assert sorted(r.plural for r in BUILTIN_RESOURCES if "api-extensions" in r.categories) == [
        "apiservices", "customresourcedefinitions", "mutatingwebhookconfigurations",
        "validatingadmissionpolicies", "validatingadmissionpolicybindings", "validatingwebhookconfigurations"]


def test_verbs() -> None:
    create_only = {r.plural for r in BUILTIN_RESOURCES if r.verbs == ("create",)}
    assert create_only == {"bindings", "selfsubjectreviews", "tokenreviews", "localsubjectaccessreviews",
                           "selfsubjectaccessreviews", "selfsubjectrulesreviews", "subjectaccessreviews"}
    assert _by_plural("", "componentstatuses").verbs == ("get", "list")
    assert "deletecollection" not in _by_plural("", "namespaces").verbs
    assert _by_plural("apps", "deployments").verbs == ALL_VERBS


def test_scopes() -> None:
    cluster = {r.plural for r in BUILTIN_RESOURCES if not r.namespaced and r.group in ("", "rbac.authorization.k8s.io")}
    assert cluster == {"componentstatuses", "namespaces", "nodes", "persistentvolumes", "clusterrolebindings",
                       "clusterroles"}
    assert _by_plural("authorization.k8s.io", "localsubjectaccessreviews").namespaced
    assert _by_plural("storage.k8s.io", "csistoragecapacities").namespaced


def test_subresources() -> None:
    pods = _by_plural("", "pods")
    assert [s.name for s in pods.subresources] == [
        "attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "status"]
    eviction = pods.subresource("eviction")
    assert (eviction.group, eviction.version, eviction.kind, eviction.verbs) == ("policy", "v1", "Eviction",
                                                                                ("create",))
    token = _by_plural("", "serviceaccounts").subresource("token")
    assert (token.group, token.version, token.kind) == ("authentication.k8s.io", "v1", "TokenRequest")
    for group, plural in [("", "replicationcontrollers"), ("apps", "deployments"), ("apps", "replicasets"),
                          ("apps", "statefulsets")]:
        scale = _by_plural(group, plural).subresource("scale")
        assert (scale.group, scale.version, scale.kind, scale.verbs) == ("autoscaling", "v1", "Scale",
                                                                         ("get", "patch", "update"))
    assert _by_plural("apps", "daemonsets").subresource("scale") is None
    assert [s.name for s in _by_plural("certificates.k8s.io", "certificatesigningrequests").subresources] == [
        "approval", "status"]
    assert [s.name for s in _by_plural("", "namespaces").subresources] == ["finalize", "status"]


def test_singular_names() -> None:
    assert _by_plural("", "endpoints").singular == "endpoints"
    assert _by_plural("networking.k8s.io", "ingresses").singular == "ingress"
    assert _by_plural("storage.k8s.io", "csistoragecapacities").singular == "csistoragecapacity"


@pytest.mark.parametrize(("text", "expected"), [
    ("po", [("", "v1", "pods")]),
    ("PODS", [("", "v1", "pods")]),
    ("Pod", [("", "v1", "pods")]),
    ("deploy", [("apps", "v1", "deployments")]),
    ("deployment.apps", [("apps", "v1", "deployments")]),
    ("deploy.apps", [("apps", "v1", "deployments")]),
    ("deployments.v1.apps", [("apps", "v1", "deployments")]),
    ("hpa", [("autoscaling", "v2", "horizontalpodautoscalers"), ("autoscaling", "v1", "horizontalpodautoscalers")]),
    ("hpa.v1.autoscaling", [("autoscaling", "v1", "horizontalpodautoscalers")]),
    ("events", [("", "v1", "events"), ("events.k8s.io", "v1", "events")]),
    ("ev.events.k8s.io", [("events.k8s.io", "v1", "events")]),
    ("endpoints", [("", "v1", "endpoints")]),
    ("crds", [("apiextensions.k8s.io", "v1", "customresourcedefinitions")]),
    ("netpol", [("networking.k8s.io", "v1", "networkpolicies")]),
    ("foo", []),
    ("deployments.batch", []),
])
def test_resolve(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(r.group, r.version, r.plural) for r in resolve(builtin_registry(), text)] == expected


def test_every_name_of_every_resource_resolves_to_it() -> None:
    registry = builtin_registry()
    for resource in BUILTIN_RESOURCES:
        for name in (resource.plural, resource.singular, resource.kind, *resource.short_names):
            assert resource in resolve(registry, name)
            qualified = resolve(registry, f"{name}.{resource.group}" if resource.group else name)
            assert resource in qualified
            assert resolve(registry, f"{name}.{resource.version}.{resource.group}") == [resource]


def test_custom_resources_resolve_after_they_are_added_and_not_after_removal() -> None:
    registry = builtin_registry()
    widget = Resource("example.com", "v1", "Widget", "widgets", "widget", True, short_names=("wg",))
    registry.add(widget)
    assert resolve(registry, "wg") == [widget]
    assert resolve(registry, "widgets.example.com") == [widget]
    assert resolve(registry, "Widget") == [widget]
    registry.remove("example.com", "v1", "widgets")
    assert resolve(registry, "wg") == []


def test_a_category_lists_each_group_resource_once_in_its_preferred_version() -> None:
    registry = builtin_registry()
    for version in ("v1", "v1beta1"):
        registry.add(Resource("example.com", version, "Widget", "widgets", "widget", True, categories=("all",)))
    registry.add(Resource("example.com", "v1beta1", "Gadget", "gadgets", "gadget", True, categories=("all",)))
    custom = [(r.version, r.plural) for r in in_category(registry, "all") if r.group == "example.com"]
    assert custom == [("v1", "widgets"), ("v1beta1", "gadgets")]
