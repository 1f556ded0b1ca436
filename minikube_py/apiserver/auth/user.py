"""Who a request comes from: the authenticated user as Kubernetes' `user.Info` describes it (name, groups,
uid, extra), and the well-known names of the system users and groups."""

from __future__ import annotations

from dataclasses import dataclass, field

SYSTEM_MASTERS = "system:masters"
AUTHENTICATED = "system:authenticated"
UNAUTHENTICATED = "system:unauthenticated"
ANONYMOUS = "system:anonymous"
NODES = "system:nodes"
NODE_PREFIX = "system:node:"
SERVICE_ACCOUNTS = "system:serviceaccounts"
SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:"


@dataclass(frozen=True)
class UserInfo:
    name: str
    groups: tuple[str, ...] = ()
    uid: str = ""
    extra: dict[str, list[str]] = field(default_factory=dict, hash=False, compare=False)

    def as_status(self) -> dict:
        """The authentication.k8s.io UserInfo shape (TokenReview, SelfSubjectReview)."""
        status: dict = {"username": self.name}
        if self.uid:
            status["uid"] = self.uid
        if self.groups:
            status["groups"] = list(self.groups)
        if self.extra:
            status["extra"] = {key: list(values) for key, values in self.extra.items()}
        return status


def authenticated(name: str, groups: tuple[str, ...] | list[str] = (), uid: str = "",
                  extra: dict[str, list[str]] | None = None) -> UserInfo:
    """A user an authenticator vouched for: `system:authenticated` joins its groups, as Kubernetes'
    AuthenticatedGroupAdder adds it (unless already there)."""
    groups = tuple(groups)
    if AUTHENTICATED not in groups:
        groups += (AUTHENTICATED,)
    return UserInfo(name, groups, uid, dict(extra or {}))


def anonymous() -> UserInfo:
    """What `--anonymous-auth=true` makes of a request without credentials."""
    return UserInfo(ANONYMOUS, (UNAUTHENTICATED,))


def service_account_user(namespace: str, name: str, uid: str = "",
                         extra: dict[str, list[str]] | None = None) -> UserInfo:
    return authenticated(f"{SERVICE_ACCOUNT_PREFIX}{namespace}:{name}",
                         (SERVICE_ACCOUNTS, f"{SERVICE_ACCOUNTS}:{namespace}"), uid, extra)
