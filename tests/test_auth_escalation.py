"""RBAC's escalation check as a namespace admin meets it: she may hand out roles whose permissions she
holds, not more (403 listing what she lacks), unless she may `bind` or `escalate`; system:masters may do
anything; an update that only touches owner references passes."""

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

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.auth import RBACAuthorizer, authenticated, check_escalation, default_rbac_objects

JANE = authenticated("jane")


@pytest.fixture
def reader() -> FakeReader:
    reader = FakeReader(*default_rbac_objects())
    reader.add(role_binding("jane-admin", "dev", "ClusterRole", "admin", subject("User", "jane")))
    return reader


def refusal(obj: dict, authorizer: RBACAuthorizer, user=JANE) -> str:
    with pytest.raises(StatusError) as refused:
        check_escalation(user, obj, None, authorizer)
    assert refused.value.code == 403
    return str(refused.value)


def test_a_namespace_admin_may_hand_out_edit_in_her_namespace(authorizer) -> None:
    check_escalation(JANE, role_binding("bob-edits", "dev", "ClusterRole", "edit", subject("User", "bob")), None,
                authorizer)
    check_escalation(JANE, role("pod-reader", "dev", rule(["get", "list"], [""], ["pods"])), None, authorizer)


def test_a_role_with_permissions_she_lacks_is_refused(authorizer) -> None:
    node_reader = role("node-reader", "dev", rule(["get", "list"], [""], ["nodes"]), rule(["get"], [""], ["pods"]))
    assert refusal(node_reader, authorizer) == (
        'roles.rbac.authorization.k8s.io "node-reader" is forbidden: user "jane" (groups=["system:authenticated"]) '
        "is attempting to grant RBAC permissions not currently held:\n"
        '{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}')


def test_binding_cluster_admin_is_refused_unless_she_may_bind_it(reader, authorizer) -> None:
    binding = role_binding("bob-root", "dev", "ClusterRole", "cluster-admin", subject("User", "bob"))
    assert refusal(binding, authorizer) == (
        'rolebindings.rbac.authorization.k8s.io "bob-root" is forbidden: user "jane" '
        '(groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n'
        '{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}')
    reader.add(cluster_role("binder", rule(["bind"], ["rbac.authorization.k8s.io"], ["clusterroles"],
                                           names=["cluster-admin"])))
    reader.add(cluster_role_binding("jane-binds", "binder", subject("User", "jane")))
    check_escalation(JANE, binding, None, authorizer)


def test_escalate_permission_lets_her_write_any_role(reader, authorizer) -> None:
    reader.add(cluster_role("escalator", rule(["escalate"], ["rbac.authorization.k8s.io"], ["roles"])))
    reader.add(cluster_role_binding("jane-escalates", "escalator", subject("User", "jane")))
    check_escalation(JANE, role("node-reader", "dev", rule(["get"], [""], ["nodes"])), None, authorizer)


def test_system_masters_may_grant_anything(authorizer) -> None:
    admin = authenticated("kubernetes-admin", ("system:masters",))
    check_escalation(admin, cluster_role_binding("everyone-root", "cluster-admin", subject("Group", "x")), None,
                authorizer)


def test_binding_a_missing_role_is_not_found(authorizer) -> None:
    binding = role_binding("b", "dev", "ClusterRole", "nope", subject("User", "bob"))
    with pytest.raises(StatusError) as refused:
        check_escalation(JANE, binding, None, authorizer)
    assert (refused.value.code, str(refused.value)) == (404, 'clusterrole.rbac.authorization.k8s.io "nope" not found')


def test_an_update_touching_only_owner_references_passes(authorizer) -> None:
    old = role("node-reader", "dev", rule(["get"], [""], ["nodes"]))
    new = {**old, "metadata": {**old["metadata"], "ownerReferences": [{"name": "x"}]}}
    check_escalation(JANE, new, old, authorizer)
    relabelled = {**old, "metadata": {**old["metadata"], "labels": {"a": "b"}}}
    with pytest.raises(StatusError):
        check_escalation(JANE, relabelled, old, authorizer)


def test_aggregation_rules_need_cluster_admin(authorizer) -> None:
    aggregated = cluster_role("gather", aggregate_to="example.com/gather")
    assert refusal(aggregated, authorizer) == (
        'clusterroles.rbac.authorization.k8s.io "gather" is forbidden: must have cluster-admin privileges to use '
        "the aggregationRule")
