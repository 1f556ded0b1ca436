"""Authentication and authorization of the kube-apiserver: who a request comes from (client certificates,
service-account tokens), what RBAC lets them do, the bootstrap RBAC objects, and the review APIs."""

from .authn import authenticate, bearer_token
from .default_roles import default_rbac_objects, kubeadm_rbac_objects
from .escalation import check_escalation
from .impersonation import impersonate
from .rbac import Decision, RBACAuthorizer, RequestAttributes, aggregate, forbidden_error, forbidden_message
from .reviews import review
from .tokens import (
    BoundObject,
    InvalidToken,
    TokenAuthenticator,
    issue_legacy_token,
    issue_token,
    jwks,
    openid_configuration,
    token_request,
)
from .user import UserInfo, anonymous, authenticated, service_account_user
from .x509 import user_from_certificate

__all__ = ["authenticate", "bearer_token", "check_escalation", "default_rbac_objects", "kubeadm_rbac_objects",
           "impersonate", "Decision", "RBACAuthorizer", "RequestAttributes", "aggregate", "forbidden_error",
           "forbidden_message", "review", "BoundObject", "InvalidToken", "TokenAuthenticator", "issue_legacy_token",
           "issue_token", "jwks", "openid_configuration", "token_request", "UserInfo", "anonymous", "authenticated",
           "service_account_user", "user_from_certificate"]
