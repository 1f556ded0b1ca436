"""`--authorization-mode`: the authorizers a request asks in order, as kube-apiserver's union authorizer does
(the first that allows wins). `RBAC` and `Node` are the RBAC authorizer (which grants node identities the
`system:node` rules, standing in for the Node authorizer); `AlwaysAllow` allows everything, `AlwaysDeny`
nothing. Rule listing (`can-i --list`, escalation checks) reads RBAC's rules."""

from __future__ import annotations

from typing import Any

from .auth.rbac import Decision, RBACAuthorizer, RequestAttributes
from .auth.user import UserInfo

Object = dict[str, Any]


class AuthorizerChain:
    def __init__(self, modes: list[str], rbac: RBACAuthorizer) -> None:
        self.modes = list(dict.fromkeys("RBAC" if mode == "Node" else mode for mode in modes))
        self.rbac = rbac

    def authorize(self, attrs: RequestAttributes) -> Decision:
        reasons = []
        for mode in self.modes:
            if mode == "AlwaysAllow":
                return Decision(True)
            if mode == "AlwaysDeny":
                return Decision(False, "")
            decision = self.rbac.authorize(attrs)
            if decision.allowed:
                return decision
            if decision.reason:
                reasons.append(decision.reason)
        return Decision(False, ", ".join(reasons))

    def rules_for(self, user: UserInfo, namespace: str) -> tuple[list[Object], list[Object], bool, str]:
        return self.rbac.rules_for(user, namespace)

    def role_rules(self, kind: str, name: str, namespace: str) -> list[Object]:
        return self.rbac.role_rules(kind, name, namespace)
