"""The review APIs, answered as kube-apiserver answers them: SelfSubjectAccessReview, SubjectAccessReview and
LocalSubjectAccessReview (may this user do that?), SelfSubjectRulesReview (`kubectl auth can-i --list`),
SelfSubjectReview (`kubectl auth whoami`) and TokenReview. Each takes the posted object and returns it
completed with its status; invalid requests raise the 422 Kubernetes writes."""

from __future__ import annotations

import json
from typing import Any

from minikube_py.api import errors

from .rbac import RBACAuthorizer, RequestAttributes
from .tokens import InvalidToken, TokenAuthenticator
from .user import UserInfo

Object = dict[str, Any]
AUTHORIZATION = "authorization.k8s.io"


def review(kind: str, body: Object, user: UserInfo, authorizer: RBACAuthorizer,
           token_authenticator: TokenAuthenticator | None, namespace: str = "") -> Object:
    """The completed review object `kind` for `body`, posted by `user` (to `namespace`: a
    LocalSubjectAccessReview's, from the request path; its metadata.namespace when not given)."""
    spec = body.get("spec") or {}
    if kind == "LocalSubjectAccessReview":
        body = _in_namespace(body, namespace)
    if kind == "SelfSubjectAccessReview":
        _check_attributes(kind, body, spec)
        status = _access(authorizer, user, spec, spec.get("resourceAttributes") or {})
    elif kind in ("SubjectAccessReview", "LocalSubjectAccessReview"):
        _check_subject_review(kind, body, spec)
        subject = UserInfo(spec.get("user", ""), tuple(spec.get("groups") or ()), spec.get("uid", ""),
                           dict(spec.get("extra") or {}))
        status = _access(authorizer, subject, spec, spec.get("resourceAttributes") or {})
    elif kind == "SelfSubjectRulesReview":
        status = _rules(authorizer, user, spec.get("namespace", ""))
    elif kind == "SelfSubjectReview":
        status = {"userInfo": user.as_status()}
    elif kind == "TokenReview":
        status = _token(token_authenticator, spec)
    else:
        raise ValueError(f"not a review kind: {kind}")
    return {**body, "metadata": {**(body.get("metadata") or {}), "creationTimestamp": None}, "status": status}


# -- access reviews -----------------------------------------------------------------------------------------
def _access(authorizer: RBACAuthorizer, user: UserInfo, spec: Object, resource: Object) -> Object:
    if resource:
        attrs = RequestAttributes(user, resource.get("verb", ""), resource.get("namespace", ""),
                                  resource.get("group", ""), resource.get("resource", ""),
                                  resource.get("subresource", ""), resource.get("name", ""))
    else:
        other = spec.get("nonResourceAttributes") or {}
        attrs = RequestAttributes(user, other.get("verb", ""), path=other.get("path", ""), resource_request=False)
    decision = authorizer.authorize(attrs)
    status: Object = {"allowed": decision.allowed}
    if decision.reason:
        status["reason"] = decision.reason
    return status


def _in_namespace(body: Object, namespace: str) -> Object:
    meta = body.get("metadata") or {}
    if namespace and meta.get("namespace", namespace) != namespace:
        raise errors.bad_request("the namespace of the provided object does not match the namespace sent on the "
                                 "request")
    namespace = namespace or meta.get("namespace", "")
    if not namespace:
        raise errors.bad_request("namespace is required on this type: ")
    return {**body, "metadata": {**meta, "namespace": namespace}}


def _go_value(kind: str, value: Object | None) -> str:
    """How apimachinery's field errors print an attributes struct (Go's %#v), or "null" when absent."""
    if value is None:
        return '"null"'
    fields = {"NonResourceAttributes": ("path", "verb"),
              "ResourceAttributes": ("namespace", "verb", "group", "version", "resource", "subresource", "name")}
    shown = ", ".join(f"{name[0].upper()}{name[1:]}:{json.dumps(value.get(name, ''))}" for name in fields[kind])
    return f"authorization.{kind}{{{shown}}}"


def _attribute_causes(spec: Object) -> list[errors.Cause]:
    resource, other = spec.get("resourceAttributes"), spec.get("nonResourceAttributes")
    if resource and other:
        return [errors.Cause("spec.nonResourceAttributes", "FieldValueInvalid",
                             f"Invalid value: {_go_value('NonResourceAttributes', other)}: "
                             f"cannot be specified in combination with resourceAttributes")]
    if not resource and not other:
        return [errors.Cause("spec.resourceAttributes", "FieldValueInvalid",
                             'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes '
                             "must be specified")]
    return []


def _check_attributes(kind: str, body: Object, spec: Object) -> None:
    causes = _attribute_causes(spec)
    if causes:
        raise errors.invalid(kind, (body.get("metadata") or {}).get("name", ""), causes, AUTHORIZATION)


def _check_subject_review(kind: str, body: Object, spec: Object) -> None:
    meta = body.get("metadata") or {}
    causes = _attribute_causes(spec)
    if not spec.get("user") and not spec.get("groups"):
        causes.append(errors.Cause("spec.user", "FieldValueInvalid",
                                   f"Invalid value: {json.dumps(spec.get('user', ''))}: "
                                   f"at least one of user or group must be specified"))
    if kind == "LocalSubjectAccessReview":
        resource = spec.get("resourceAttributes")
        if resource and resource.get("namespace", "") != meta.get("namespace", ""):
            causes.append(errors.Cause("spec.resourceAttributes.namespace", "FieldValueInvalid",
                                       f"Invalid value: {json.dumps(resource.get('namespace', ''))}: "
                                       f"must match metadata.namespace"))
        other = spec.get("nonResourceAttributes")
        if other:
            causes.append(errors.Cause("spec.nonResourceAttributes", "FieldValueInvalid",
                                       f"Invalid value: {_go_value('NonResourceAttributes', other)}: "
                                       f"disallowed on this kind of request"))
    if causes:
        raise errors.invalid(kind, meta.get("name", ""), causes, AUTHORIZATION)


# -- rules review -------------------------------------------------------------------------------------------
def _rules(authorizer: RBACAuthorizer, user: UserInfo, namespace: str) -> Object:
    resource_rules, non_resource_rules, incomplete, error = authorizer.rules_for(user, namespace)
    status: Object = {"resourceRules": resource_rules, "nonResourceRules": non_resource_rules,
                      "incomplete": incomplete}
    if error:
        status["evaluationError"] = error
    return status


# -- token review -------------------------------------------------------------------------------------------
def _token(authenticator: TokenAuthenticator | None, spec: Object) -> Object:
    token = spec.get("token", "")
    try:
        checked = authenticator.check(token, spec.get("audiences") or ()) if authenticator and token else None
    except InvalidToken as failure:
        return {"user": {}, "error": str(failure)}
    if checked is None:
        return {"user": {}}
    user, audiences = checked
    return {"authenticated": True, "user": user.as_status(), "audiences": audiences}
