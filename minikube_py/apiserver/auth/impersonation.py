"""User impersonation, as kube-apiserver's impersonation filter does it (`kubectl --as`, `--as-group`,
`--as-uid`): the `Impersonate-User`, `Impersonate-Group`, `Impersonate-Uid` and `Impersonate-Extra-<key>`
headers switch the request to another user once the caller may `impersonate` each part (users, groups,
serviceaccounts, uids, userextras); otherwise 403 with Kubernetes' message."""

from __future__ import annotations

import urllib.parse
from typing import Any, Iterable

from minikube_py.api import errors

from .rbac import RequestAttributes, forbidden_message
from .user import ANONYMOUS, AUTHENTICATED, SERVICE_ACCOUNT_PREFIX, SERVICE_ACCOUNTS, UNAUTHENTICATED, UserInfo

USER, GROUP, UID, EXTRA = "impersonate-user", "impersonate-group", "impersonate-uid", "impersonate-extra-"
AUTHENTICATION = "authentication.k8s.io"


def _service_account(name: str) -> tuple[str, str] | None:
    """(namespace, name) of a `system:serviceaccount:<ns>:<name>` user name."""
    if not name.startswith(SERVICE_ACCOUNT_PREFIX):
        return None
    parts = name[len(SERVICE_ACCOUNT_PREFIX):].split(":")
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def impersonate(user: UserInfo, headers: Iterable[tuple[str, str]], authorizer: Any) -> UserInfo:
    """The user a request acts as: `user` itself when it carries no Impersonate-* header (`headers`: every
    (name, value) pair, repeated names included), else the user it impersonates."""
    name, uid, groups, extra = "", "", [], {}
    for header, value in headers:
        lowered = header.lower()
        if lowered == USER:
            name = value
        elif lowered == UID:
            uid = value
        elif lowered == GROUP:
            groups.append(value)
        elif lowered.startswith(EXTRA):
            extra.setdefault(urllib.parse.unquote(lowered[len(EXTRA):]), []).append(value)
    if not (name or uid or groups or extra):
        return user
    if not name:
        raise errors.internal("requested impersonation of groups, a uid or extra without impersonating a user")
    account = _service_account(name)
    asked = [RequestAttributes(user, "impersonate", account[0], "", "serviceaccounts", name=account[1])
             if account else RequestAttributes(user, "impersonate", resource="users", name=name)]
    asked += [RequestAttributes(user, "impersonate", resource="groups", name=group) for group in groups]
    if uid:
        asked.append(RequestAttributes(user, "impersonate", api_group=AUTHENTICATION, resource="uids", name=uid))
    asked += [RequestAttributes(user, "impersonate", api_group=AUTHENTICATION, resource="userextras",
                                subresource=key, name=value) for key, values in extra.items() for value in values]
    for attrs in asked:
        decision = authorizer.authorize(attrs)
        if not decision.allowed:
            raise errors.forbidden(forbidden_message(attrs, decision.reason), attrs.resource, attrs.name,
                                   attrs.api_group)
    if account and not groups:
        groups = [SERVICE_ACCOUNTS, f"{SERVICE_ACCOUNTS}:{account[0]}"]
    if name != ANONYMOUS and AUTHENTICATED not in groups and UNAUTHENTICATED not in groups:
        groups.append(AUTHENTICATED)
    elif name == ANONYMOUS and UNAUTHENTICATED not in groups:
        groups.append(UNAUTHENTICATED)
    return UserInfo(name, tuple(groups), uid, extra)
