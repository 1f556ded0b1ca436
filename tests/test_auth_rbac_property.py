"""Property: the indexed RBAC authorizer decides exactly as a literal reading of Kubernetes' rule resolver
(every ClusterRoleBinding, then every RoleBinding of the namespace, each subject, each rule, with its
wildcards) does, for random roles, bindings, users and requests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_auth_support import FakeReader, cluster_role, cluster_role_binding, role, role_binding, rule, subject

from minikube_py.apiserver.auth import RBACAuthorizer, RequestAttributes, UserInfo

NAMESPACES = ["a", "b"]
USERS = ["jane", "bob", "system:serviceaccount:a:bot"]
GROUPS = ["dev", "ops"]
VERBS = ["get", "list", "delete"]
RESOURCES = ["pods", "pods/log", "secrets", "*", "*/log"]

rules = st.builds(lambda verbs, groups, resources, names: rule(verbs, groups, resources, names or None),
                  st.lists(st.sampled_from(VERBS + ["*"]), min_size=1, max_size=2),
                  st.lists(st.sampled_from(["", "apps", "*"]), min_size=1, max_size=2),
                  st.lists(st.sampled_from(RESOURCES), min_size=1, max_size=2),
                  st.lists(st.sampled_from(["x", "y"]), max_size=1))
subjects = st.one_of(st.builds(subject, st.just("User"), st.sampled_from(USERS)),
                     st.builds(subject, st.just("Group"), st.sampled_from(GROUPS)),
                     st.builds(subject, st.just("ServiceAccount"), st.just("bot"), st.sampled_from(["", "a", "b"])))
role_names = st.sampled_from(["r1", "r2", "missing"])


@st.composite
def worlds(draw) -> list[dict]:
    objects = [cluster_role(name, *draw(st.lists(rules, max_size=3))) for name in ("r1", "r2")]
    objects += [role(name, ns, *draw(st.lists(rules, max_size=3))) for name in ("r1", "r2") for ns in NAMESPACES]
    for index in range(draw(st.integers(0, 3))):
        objects.append(cluster_role_binding(f"c{index}", draw(role_names), *draw(st.lists(subjects, max_size=2))))
    for index in range(draw(st.integers(0, 4))):
        objects.append(role_binding(f"n{index}", draw(st.sampled_from(NAMESPACES)),
                                    draw(st.sampled_from(["Role", "ClusterRole"])), draw(role_names),
                                    *draw(st.lists(subjects, max_size=2))))
    return objects


requests = st.builds(lambda name, groups, verb, ns, group, resource, sub, obj: RequestAttributes(
    UserInfo(name, tuple(groups)), verb, ns, group, resource, sub, obj),
    st.sampled_from(USERS), st.lists(st.sampled_from(GROUPS), max_size=2, unique=True), st.sampled_from(VERBS),
    st.sampled_from(["", *NAMESPACES]), st.sampled_from(["", "apps"]), st.sampled_from(["pods", "secrets"]),
    st.sampled_from(["", "log"]), st.sampled_from(["", "x"]))


def literal_allows(objects: list[dict], attrs: RequestAttributes) -> bool:
    def applies(subj: dict, binding_ns: str) -> bool:
        if subj["kind"] == "User":
            return subj["name"] == attrs.user.name
        if subj["kind"] == "Group":
            return subj["name"] in attrs.user.groups
        namespace = subj.get("namespace") or binding_ns
        return bool(namespace) and attrs.user.name == f"system:serviceaccount:{namespace}:{subj['name']}"

    def rule_allows(r: dict) -> bool:
        combined = f"{attrs.resource}/{attrs.subresource}" if attrs.subresource else attrs.resource
        resource_ok = any(res in ("*", combined) or (attrs.subresource and res == f"*/{attrs.subresource}")
                          for res in r.get("resources", []))
        return (any(v in ("*", attrs.verb) for v in r["verbs"])
                and any(g in ("*", attrs.api_group) for g in r.get("apiGroups", []))
                and resource_ok and (not r.get("resourceNames") or attrs.name in r["resourceNames"]))

    def rules_of(kind: str, name: str, namespace: str) -> list[dict]:
        for obj in objects:
            if obj["kind"] == kind and obj["metadata"]["name"] == name and \
                    obj["metadata"].get("namespace", "") == (namespace if kind == "Role" else ""):
                return obj["rules"]
        return []

    for obj in objects:
        if obj["kind"] == "ClusterRoleBinding":
            scope = ""
        elif obj["kind"] == "RoleBinding" and attrs.namespace and obj["metadata"]["namespace"] == attrs.namespace:
            scope = attrs.namespace
        else:
            continue
        if any(applies(subj, scope) for subj in obj["subjects"]):
            if any(rule_allows(r) for r in rules_of(obj["roleRef"]["kind"], obj["roleRef"]["name"], scope)):
                return True
    return False


@settings(max_examples=300, deadline=None)
@given(worlds(), st.lists(requests, min_size=1, max_size=5))
def test_indexed_decisions_equal_the_literal_reading(objects: list[dict], asked: list[RequestAttributes]) -> None:
    authorizer = RBACAuthorizer(FakeReader(*objects))
    for attrs in asked:
        assert authorizer.authorize(attrs).allowed == literal_allows(objects, attrs)
