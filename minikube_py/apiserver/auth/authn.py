"""Authenticating one request as kube-apiserver's authenticator chain does: a verified client certificate
first, then an `Authorization: Bearer` service-account token; with neither (or a token that fails) the
request is 401 Unauthorized, unless `--anonymous-auth` lets a credential-less request in as
`system:anonymous`."""

from __future__ import annotations

from typing import Any

from minikube_py.api import errors

from .tokens import InvalidToken, TokenAuthenticator
from .user import UserInfo, anonymous
from .x509 import user_from_certificate


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (the scheme in any case), else None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def authenticate(peercert: bytes | dict[str, Any] | None, authorization: str | None,
                 tokens: TokenAuthenticator | None, anonymous_auth: bool = False) -> UserInfo:
    """The request's user; StatusError 401 `Unauthorized` when it has none that counts."""
    if peercert:
        user = user_from_certificate(peercert)
        if user is not None:
            return user
    token = bearer_token(authorization)
    if token is not None:
        try:
            checked = tokens.check(token) if tokens is not None else None
        except InvalidToken:
            raise errors.unauthorized() from None
        if checked is not None:
            return checked[0]
    if anonymous_auth and token is None:
        return anonymous()
    raise errors.unauthorized()
