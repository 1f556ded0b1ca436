"""`kubectl --as` and friends: a request with Impersonate-* headers acts as another user only when its
caller may impersonate that user (and each group, uid and extra), else 403 with kube-apiserver's text."""

from __future__ import annotations

import pytest
from test_auth_support import cluster_role, cluster_role_binding, rule, subject

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.auth import authenticated, impersonate

ADMIN = authenticated("kubernetes-admin", ("system:masters",))
JANE = authenticated("jane")


def test_without_impersonation_headers_the_caller_stays_itself(authorizer) -> None:
    assert impersonate(JANE, [("Accept", "application/json")], authorizer) is JANE


def test_an_admin_acts_as_a_user_with_groups(authorizer) -> None:
    headers = [("Impersonate-User", "jane"), ("Impersonate-Group", "developers"), ("Impersonate-Group", "qa"),
               ("Impersonate-Extra-Scopes", "view"), ("Impersonate-Uid", "u-9")]
    acting = impersonate(ADMIN, headers, authorizer)
    assert (acting.name, acting.groups, acting.uid) == ("jane", ("developers", "qa", "system:authenticated"), "u-9")
    assert acting.extra == {"scopes": ["view"]}


def test_a_service_account_comes_with_its_groups(authorizer) -> None:
    acting = impersonate(ADMIN, [("Impersonate-User", "system:serviceaccount:ci:bot")], authorizer)
    assert acting.groups == ("system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated")


def test_impersonating_without_permission_is_forbidden(authorizer) -> None:
    with pytest.raises(StatusError) as refused:
        impersonate(JANE, [("Impersonate-User", "bob")], authorizer)
    assert refused.value.code == 403
    assert str(refused.value) == ('users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API '
                                  'group "" at the cluster scope')
    with pytest.raises(StatusError) as refused:
        impersonate(JANE, [("Impersonate-User", "system:serviceaccount:ci:bot")], authorizer)
    assert str(refused.value) == ('serviceaccounts "bot" is forbidden: User "jane" cannot impersonate resource '
                                  '"serviceaccounts" in API group "" in the namespace "ci"')


def test_rbac_can_allow_impersonating_one_user_but_not_its_groups(reader, authorizer) -> None:
    reader.add(cluster_role("as-bob", rule(["impersonate"], [""], ["users"], names=["bob"])))
    reader.add(cluster_role_binding("jane-as-bob", "as-bob", subject("User", "jane")))
    assert impersonate(JANE, [("impersonate-user", "bob")], authorizer).name == "bob"
    with pytest.raises(StatusError, match='groups "system:masters" is forbidden: User "jane" cannot impersonate '
                                          'resource "groups"'):
        impersonate(JANE, [("Impersonate-User", "bob"), ("Impersonate-Group", "system:masters")], authorizer)


def test_groups_without_a_user_are_refused(authorizer) -> None:
    with pytest.raises(StatusError) as refused:
        impersonate(ADMIN, [("Impersonate-Group", "qa")], authorizer)
    assert refused.value.code == 500
