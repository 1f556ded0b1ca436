"""RBAC decisions as a user meets them: forbidden until a binding grants a role, the exact 403 texts of
kube-apiserver, the allow reasons `kubectl auth can-i` reports, subjects by user, group and service account,
resource names, wildcards, aggregated ClusterRoles, system:masters and node users."""

from __future__ import annotations

import pytest
from test_auth_support import (
    FakeReader,
    cluster_role,
    cluster_role_binding,
    role,
    role_binding,
    rule,
    subject,
)

from minikube_py.apiserver.auth import (
    RBACAuthorizer,
    RequestAttributes,
    aggregate,
    authenticated,
    forbidden_error,
    forbidden_message,
    service_account_user,
)

JANE = authenticated("jane", ("developers",))
POD_READER = role("pod-reader", "default", rule(["get", "list", "watch"], [""], ["pods"]))


def ask(user=JANE, verb="list", resource="pods", namespace="default", group="", **more) -> RequestAttributes:
    return RequestAttributes(user, verb, namespace, group, resource, **more)


@pytest.fixture
def reader() -> FakeReader:
    return FakeReader()


def test_jane_is_forbidden_until_a_role_binding_grants_her_a_role(reader, authorizer) -> None:
    decision = authorizer.authorize(ask())
    assert not decision.allowed and decision.reason == ""
    assert forbidden_message(ask(), decision.reason) == (
        'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"')
    reader.add(POD_READER)
    reader.add(role_binding("read-pods", "default", "Role", "pod-reader", subject("User", "jane")))
    decision = authorizer.authorize(ask())
    assert decision.allowed
    assert decision.reason == 'RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to User "jane"'
    assert not authorizer.authorize(ask(namespace="prod")).allowed
    assert not authorizer.authorize(ask(verb="delete")).allowed


def test_deleting_the_binding_takes_the_permission_away(reader, authorizer) -> None:
    reader.add(POD_READER)
    binding = reader.add(role_binding("read-pods", "default", "Role", "pod-reader", subject("User", "jane")))
    assert authorizer.authorize(ask()).allowed
    reader.delete(binding)
    assert not authorizer.authorize(ask()).allowed


def test_forbidden_texts_of_each_kind_of_request() -> None:
    assert forbidden_message(ask(resource="nodes", namespace="")) == (
        'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope')
    assert forbidden_message(ask(verb="get", name="x")) == (
        'pods "x" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"')
    assert forbidden_message(ask(verb="get", name="web", subresource="log")) == (
        'pods "web" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace '
        '"default"')
    assert forbidden_message(ask(verb="create", resource="deployments", group="apps")) == (
        'deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in '
        'the namespace "default"')
    path = RequestAttributes(JANE, "get", path="/healthz", resource_request=False)
    assert forbidden_message(path) == 'forbidden: User "jane" cannot get path "/healthz"'
    error = forbidden_error(ask(verb="get", name="x"))
    assert error.code == 403 and error.status()["reason"] == "Forbidden"
    assert error.status()["details"] == {"name": "x", "kind": "pods"}


def test_a_binding_to_a_missing_role_is_named_in_the_denial(reader, authorizer) -> None:
    reader.add(role_binding("broken", "default", "Role", "gone", subject("User", "jane")))
    reader.add(cluster_role_binding("broken-too", "vanished", subject("Group", "developers")))
    decision = authorizer.authorize(ask())
    assert not decision.allowed
    assert decision.reason == ('RBAC: [clusterrole.rbac.authorization.k8s.io "vanished" not found, '
                               'role.rbac.authorization.k8s.io "gone" not found]')
    assert forbidden_message(ask(), decision.reason).endswith(
        'in the namespace "default": RBAC: [clusterrole.rbac.authorization.k8s.io "vanished" not found, '
        'role.rbac.authorization.k8s.io "gone" not found]')


def test_groups_and_service_accounts_are_subjects(reader, authorizer) -> None:
    reader.add(cluster_role("reader", rule(["get", "list"], [""], ["pods", "services"])))
    reader.add(cluster_role_binding("developers-read", "reader", subject("Group", "developers")))
    reader.add(role_binding("bot-reads", "ci", "ClusterRole", "reader", subject("ServiceAccount", "bot")))
    assert authorizer.authorize(ask(namespace="anywhere")).reason == (
        'RBAC: allowed by ClusterRoleBinding "developers-read" of ClusterRole "reader" to Group "developers"')
    bot = service_account_user("ci", "bot")
    decision = authorizer.authorize(ask(user=bot, namespace="ci"))
    assert decision.reason == 'RBAC: allowed by RoleBinding "bot-reads/ci" of ClusterRole "reader" to ' \
                              'ServiceAccount "bot/ci"'
    assert not authorizer.authorize(ask(user=bot, namespace="default")).allowed
    assert not authorizer.authorize(ask(user=service_account_user("other", "bot"), namespace="ci")).allowed


def test_resource_names_subresources_and_wildcards(reader, authorizer) -> None:
    reader.add(role("narrow", "default",
                    rule(["get", "update"], [""], ["configmaps"], names=["settings"]),
                    rule(["get"], [""], ["pods/log"]),
                    rule(["get", "update"], ["*"], ["*/scale"]),
                    rule(["*"], ["batch"], ["*"])))
    reader.add(role_binding("narrow", "default", "Role", "narrow", subject("User", "jane")))
    allowed = lambda **kw: authorizer.authorize(ask(**kw)).allowed  # noqa: E731
    assert allowed(verb="get", resource="configmaps", name="settings")
    assert not allowed(verb="get", resource="configmaps", name="other")
    assert not allowed(verb="list", resource="configmaps")
    assert allowed(verb="get", name="web", subresource="log")
    assert not allowed(verb="get", name="web")
    assert allowed(verb="update", resource="deployments", group="apps", name="web", subresource="scale")
    assert not allowed(verb="update", resource="deployments", group="apps", name="web", subresource="status")
    assert allowed(verb="deletecollection", resource="cronjobs", group="batch")


def test_non_resource_urls_with_a_trailing_star(reader, authorizer) -> None:
    reader.add(cluster_role("health", rule(["get"], urls=["/healthz", "/readyz/*"])))
    reader.add(cluster_role_binding("health", "health", subject("User", "jane")))
    path = lambda verb, url: authorizer.authorize(  # noqa: E731
        RequestAttributes(JANE, verb, path=url, resource_request=False)).allowed
    assert path("get", "/healthz") and path("get", "/readyz/etcd")
    assert not path("get", "/healthz/etcd") and not path("post", "/healthz")


def test_system_masters_may_do_anything_without_any_binding(authorizer) -> None:
    admin = authenticated("kubernetes-admin", ("system:masters",))
    decision = authorizer.authorize(ask(user=admin, verb="delete", resource="nodes", namespace=""))
    assert decision.allowed and decision.reason == ""


def test_aggregated_cluster_roles_take_the_rules_of_the_roles_they_select(reader, authorizer) -> None:
    reader.add(cluster_role("monitoring", aggregate_to="example.com/aggregate-to-monitoring"))
    reader.add(cluster_role("pods", rule(["get"], [""], ["pods"]),
                            labels={"example.com/aggregate-to-monitoring": "true"}))
    reader.add(cluster_role_binding("monitoring", "monitoring", subject("User", "jane")))
    assert authorizer.authorize(ask(verb="get")).allowed
    assert not authorizer.authorize(ask(verb="get", resource="services")).allowed
    reader.add(cluster_role("services", rule(["get"], [""], ["services"]),
                            labels={"example.com/aggregate-to-monitoring": "true"}))
    assert authorizer.authorize(ask(verb="get", resource="services")).allowed


def test_aggregate_gives_each_aggregated_role_its_rules_nested_ones_included() -> None:
    get_pods, get_secrets = rule(["get"], [""], ["pods"]), rule(["get"], [""], ["secrets"])
    roles = [cluster_role("outer", aggregate_to="x/outer"),
             cluster_role("inner", labels={"x/outer": "true"}, aggregate_to="x/inner"),
             cluster_role("a", get_pods, labels={"x/inner": "true"}),
             cluster_role("b", get_secrets, get_pods, labels={"x/outer": "true"})]
    assert aggregate(roles) == {"outer": [get_secrets, get_pods], "inner": [get_pods]}


def test_node_users_get_the_system_node_role() -> None:
    reader = FakeReader(cluster_role("system:node", rule(["get", "list", "watch"], [""], ["pods"])))
    node = authenticated("system:node:node01", ("system:nodes",))
    authorizer = RBACAuthorizer(reader)
    assert authorizer.authorize(ask(user=node, verb="watch", namespace="")).allowed
    assert not authorizer.authorize(ask(user=node, verb="delete")).allowed
    assert not authorizer.authorize(ask(user=authenticated("system:node:x"), verb="watch")).allowed
    assert authorizer.rules_for(node, "")[2:] == (True, "node authorizer does not support user rule resolution")


def test_rules_for_lists_what_a_user_may_do(reader, authorizer) -> None:
    reader.add(POD_READER)
    reader.add(role_binding("read-pods", "default", "Role", "pod-reader", subject("User", "jane")))
    resource_rules, non_resource, incomplete, error = authorizer.rules_for(JANE, "default")
    assert resource_rules == [{"verbs": ["get", "list", "watch"], "apiGroups": [""], "resources": ["pods"]}]
    assert (non_resource, incomplete, error) == ([], False, "")
    assert authorizer.rules_for(JANE, "prod")[0] == []
