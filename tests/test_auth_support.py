"""What the auth tests share: a dict-backed stand-in for the apiserver's watch cache (get/list through the
registry, change events to its listeners as the cache publishes them), and builders of the RBAC objects a
user would apply. The tests at the bottom check the stand-in itself."""

from __future__ import annotations

from typing import Any

from fake_cache import Change, FakeReader

Object = dict[str, Any]
RBAC = "rbac.authorization.k8s.io/v1"


def role(name: str, namespace: str, *rules: Object) -> Object:
    return {"apiVersion": RBAC, "kind": "Role", "metadata": {"name": name, "namespace": namespace},
            "rules": list(rules)}


def cluster_role(name: str, *rules: Object, labels: dict[str, str] | None = None,
                 aggregate_to: str = "") -> Object:
    role: Object = {"apiVersion": RBAC, "kind": "ClusterRole", "metadata": {"name": name, "labels": labels or {}},
                    "rules": list(rules)}
    if aggregate_to:
        role["aggregationRule"] = {"clusterRoleSelectors": [{"matchLabels": {aggregate_to: "true"}}]}
    return role


def subject(kind: str, name: str, namespace: str = "") -> Object:
    if kind == "ServiceAccount":
        return {"kind": kind, "name": name, **({"namespace": namespace} if namespace else {})}
    return {"apiGroup": "rbac.authorization.k8s.io", "kind": kind, "name": name}


def role_binding(name: str, namespace: str, role_kind: str, role_name: str, *subjects: Object) -> Object:
    return {"apiVersion": RBAC, "kind": "RoleBinding", "metadata": {"name": name, "namespace": namespace},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role_name},
            "subjects": list(subjects)}


def cluster_role_binding(name: str, role_name: str, *subjects: Object) -> Object:
    return {"apiVersion": RBAC, "kind": "ClusterRoleBinding", "metadata": {"name": name},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role_name},
            "subjects": list(subjects)}


def rule(verbs: list[str], groups: list[str] | None = None, resources: list[str] | None = None,
         names: list[str] | None = None, urls: list[str] | None = None) -> Object:
    built: Object = {"verbs": verbs}
    for key, value in (("apiGroups", groups), ("resources", resources), ("resourceNames", names),
                       ("nonResourceURLs", urls)):
        if value is not None:
            built[key] = value
    return built


def service_account(namespace: str, name: str) -> Object:
    return {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": namespace}}


def test_reader_lists_by_namespace_and_publishes_changes() -> None:
    reader = FakeReader()
    seen: list[Change] = []
    reader.listeners.append(seen.append)
    pods = reader.registry.get("", "v1", "pods")
    first = reader.add({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "x"}})
    reader.add({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b", "namespace": "y"}})
    assert [obj["metadata"]["name"] for obj in reader.list(pods, "x")] == ["a"]
    assert len(reader.list(pods)) == 2
    assert reader.get(pods, "x", "a") is first and first["metadata"]["uid"]
    reader.delete(first)
    assert reader.get(pods, "x", "a") is None
    assert [(change.type, change.prefix) for change in seen] == [("ADDED", b"/registry/pods/")] * 2 + [
        ("DELETED", b"/registry/pods/")]
