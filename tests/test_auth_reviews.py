"""The review APIs as kubectl uses them: `auth can-i` (SelfSubjectAccessReview), `auth can-i --as`-style
SubjectAccessReviews and LocalSubjectAccessReviews, `auth can-i --list` (SelfSubjectRulesReview) and
`auth whoami` (SelfSubjectReview), with the 422s of malformed reviews."""

from __future__ import annotations

import pytest
from test_auth_support import role, role_binding, rule, subject

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.auth import authenticated, review

JANE = authenticated("jane", ("developers",), uid="u-1")
SSAR = {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
        "spec": {"resourceAttributes": {"namespace": "default", "verb": "list", "resource": "pods"}}}


def test_can_i_is_no_until_a_binding_says_yes(reader, authorizer) -> None:
    answer = review("SelfSubjectAccessReview", SSAR, JANE, authorizer, None)
    assert answer == {**SSAR, "metadata": {"creationTimestamp": None}, "status": {"allowed": False}}
    reader.add(role("pod-reader", "default", rule(["list"], [""], ["pods"])))
    reader.add(role_binding("jane-reads", "default", "Role", "pod-reader", subject("Group", "developers")))
    assert review("SelfSubjectAccessReview", SSAR, JANE, authorizer, None)["status"] == {
        "allowed": True,
        "reason": 'RBAC: allowed by RoleBinding "jane-reads/default" of Role "pod-reader" to Group "developers"'}


def test_non_resource_access_review(authorizer) -> None:
    body = {"spec": {"nonResourceAttributes": {"path": "/healthz", "verb": "get"}}}
    status = review("SelfSubjectAccessReview", body, JANE, authorizer, None)["status"]
    assert status == {"allowed": True, "reason": 'RBAC: allowed by ClusterRoleBinding "system:discovery" of '
                                                 'ClusterRole "system:discovery" to Group "system:authenticated"'}


def test_access_reviews_need_exactly_one_kind_of_attributes(authorizer) -> None:
    with pytest.raises(StatusError) as neither:
        review("SelfSubjectAccessReview", {"spec": {}}, JANE, authorizer, None)
    assert neither.value.code == 422
    assert str(neither.value) == (
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: '
        '"null": exactly one of nonResourceAttributes or resourceAttributes must be specified')
    both = {"spec": {"resourceAttributes": {"verb": "get"}, "nonResourceAttributes": {"path": "/x", "verb": "get"}}}
    with pytest.raises(StatusError) as refused:
        review("SelfSubjectAccessReview", both, JANE, authorizer, None)
    assert str(refused.value) == (
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: '
        'authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: cannot be specified in combination with '
        'resourceAttributes')


def test_subject_access_review_asks_about_someone_else(authorizer) -> None:
    body = {"spec": {"user": "bob", "groups": ["system:masters"],
                     "resourceAttributes": {"verb": "delete", "resource": "nodes"}}}
    assert review("SubjectAccessReview", body, JANE, authorizer, None)["status"] == {"allowed": True}
    body = {"spec": {"user": "bob", "resourceAttributes": {"verb": "delete", "resource": "nodes"}}}
    assert review("SubjectAccessReview", body, JANE, authorizer, None)["status"] == {"allowed": False}
    with pytest.raises(StatusError, match='spec.user: Invalid value: "": at least one of user or group must be '
                                          "specified"):
        review("SubjectAccessReview", {"spec": {"resourceAttributes": {"verb": "get"}}}, JANE, authorizer, None)


def test_local_subject_access_review_stays_in_its_namespace(authorizer) -> None:
    body = {"metadata": {"namespace": "dev"},
            "spec": {"user": "bob", "resourceAttributes": {"namespace": "prod", "verb": "get", "resource": "pods"}}}
    with pytest.raises(StatusError) as refused:
        review("LocalSubjectAccessReview", body, JANE, authorizer, None, "dev")
    assert str(refused.value) == ('LocalSubjectAccessReview.authorization.k8s.io "" is invalid: '
                                  'spec.resourceAttributes.namespace: Invalid value: "prod": must match '
                                  "metadata.namespace")
    body["spec"]["resourceAttributes"]["namespace"] = "dev"
    answer = review("LocalSubjectAccessReview", {**body, "metadata": {}}, JANE, authorizer, None, "dev")
    assert answer["metadata"] == {"namespace": "dev", "creationTimestamp": None}
    assert answer["status"] == {"allowed": False}


def test_rules_review_lists_what_can_i_list_prints(reader, authorizer) -> None:
    admin = authenticated("kubernetes-admin", ("system:masters",))
    status = review("SelfSubjectRulesReview", {"spec": {"namespace": "default"}}, admin, authorizer, None)["status"]
    assert status["resourceRules"][0] == {"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}
    assert status["nonResourceRules"][0] == {"verbs": ["*"], "nonResourceURLs": ["*"]}
    assert status["incomplete"] is False
    status = review("SelfSubjectRulesReview", {"spec": {"namespace": "default"}}, JANE, authorizer, None)["status"]
    assert {"verbs": ["create"], "apiGroups": ["authorization.k8s.io"],
            "resources": ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]} in status["resourceRules"]
    assert {"verbs": ["get"], "nonResourceURLs": ["/healthz", "/livez", "/readyz", "/version", "/version/"]} \
        in status["nonResourceRules"]


def test_whoami(authorizer) -> None:
    answer = review("SelfSubjectReview", {"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"},
                    JANE, authorizer, None)
    assert answer["status"] == {"userInfo": {"username": "jane", "uid": "u-1",
                                             "groups": ["developers", "system:authenticated"]}}
