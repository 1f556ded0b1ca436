"""`Impersonate-User` / `Impersonate-Group` / `Impersonate-Uid` (kubectl's `--as`, `--as-group`): the
requester must be allowed the `impersonate` verb on each users/groups/serviceaccounts/uids it names; the
request then runs as that user, as kube-apiserver's impersonation filter does."""

from __future__ import annotations

from typing import Any, Mapping

from minikube_py.api import errors

from .auth.rbac import RequestAttributes, forbidden_message
from .auth.user import SERVICE_ACCOUNT_PREFIX, authenticated, service_account_user


def impersonated(user: Any, headers: Mapping[str, str], authorizer: Any) -> Any:
    """The user a request acts as: `user` itself, or the one its Impersonate-* headers name."""
    name = headers.get("Impersonate-User")
    groups = list(headers.getall("Impersonate-Group", []))
    uid = headers.get("Impersonate-Uid", "")
    if name is None:
        if groups or uid:
            raise errors.bad_request("requested impersonation of groups or uid without impersonating a user")
        return user
    checks: list[RequestAttributes] = []
    if name.startswith(SERVICE_ACCOUNT_PREFIX) and name.count(":") == 3:
        namespace, account = name[len(SERVICE_ACCOUNT_PREFIX):].split(":", 1)
        checks.append(RequestAttributes(user, "impersonate", namespace, "", "serviceaccounts", "", account))
    else:
        checks.append(RequestAttributes(user, "impersonate", "", "", "users", "", name))
    checks += [RequestAttributes(user, "impersonate", "", "", "groups", "", group) for group in groups]
    if uid:
        checks.append(RequestAttributes(user, "impersonate", "", "authentication.k8s.io", "uids", "", uid))
    for check in checks:
        if not authorizer.authorize(check).allowed:
            raise errors.forbidden(forbidden_message(check), check.resource, check.name, check.api_group)
    if name.startswith(SERVICE_ACCOUNT_PREFIX) and name.count(":") == 3 and not groups:
        namespace, account = name[len(SERVICE_ACCOUNT_PREFIX):].split(":", 1)
        return service_account_user(namespace, account, uid)
    return authenticated(name, groups, uid)
