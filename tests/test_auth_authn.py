"""Who a request is: the CN and O of a verified client certificate (as the TLS layer hands it over, in
either form), a service-account bearer token, nobody (401 Unauthorized) or, with --anonymous-auth,
system:anonymous."""

from __future__ import annotations

import pytest
from minikube_py.pki.certs import CLIENT_AUTH, LeafSpec, Subject, self_signed_ca, signed_leaf
from minikube_py.pki.keys import key_pem, new_key, public_key_pem
from test_auth_support import FakeReader, service_account

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.auth import (
    TokenAuthenticator,
    authenticate,
    bearer_token,
    issue_token,
    user_from_certificate,
)


@pytest.fixture(scope="module")
def jane_certificate() -> bytes:
    from cryptography.hazmat.primitives import serialization

    ca_key, key = new_key(), new_key()
    ca = self_signed_ca(ca_key, "kubernetes")
    leaf = signed_leaf(LeafSpec(Subject("jane", ("developers", "qa")), (CLIENT_AUTH,)), key, ca, ca_key)
    return leaf.public_bytes(serialization.Encoding.DER)


@pytest.fixture(scope="module")
def signing() -> tuple[bytes, bytes]:
    key = new_key()
    return key_pem(key), public_key_pem(key)


@pytest.fixture
def tokens(signing) -> TokenAuthenticator:
    reader = FakeReader(service_account("default", "app"))
    return TokenAuthenticator([signing[1]], ["https://kubernetes.default.svc.cluster.local"], reader)


def test_client_certificate_names_the_user_and_its_groups(jane_certificate) -> None:
    user = user_from_certificate(jane_certificate)
    assert (user.name, user.groups) == ("jane", ("developers", "qa", "system:authenticated"))


def test_the_decoded_peer_certificate_gives_the_same_user() -> None:
    decoded = {"subject": ((("organizationName", "system:masters"),), (("commonName", "kubernetes-admin"),))}
    user = user_from_certificate(decoded)
    assert (user.name, user.groups) == ("kubernetes-admin", ("system:masters", "system:authenticated"))
    assert user_from_certificate({"subject": ((("organizationName", "x"),),)}) is None


def test_a_request_without_credentials_is_unauthorized(tokens) -> None:
    with pytest.raises(StatusError) as refused:
        authenticate(None, None, tokens)
    assert (refused.value.code, str(refused.value)) == (401, "Unauthorized")


def test_anonymous_auth_lets_credential_less_requests_in_but_not_bad_tokens(tokens) -> None:
    user = authenticate(None, None, tokens, anonymous_auth=True)
    assert (user.name, user.groups) == ("system:anonymous", ("system:unauthenticated",))
    with pytest.raises(StatusError, match="Unauthorized"):
        authenticate(None, "Bearer garbage", tokens, anonymous_auth=True)


def test_a_bearer_token_authenticates_and_the_certificate_comes_first(jane_certificate, signing, tokens) -> None:
    uid = tokens.reader.get(tokens.reader.registry.get("", "v1", "serviceaccounts"), "default", "app")
    token = issue_token(signing[0], namespace="default", name="app", uid=uid["metadata"]["uid"])
    assert authenticate(None, f"Bearer {token}", tokens).name == "system:serviceaccount:default:app"
    assert authenticate(None, f"bearer {token}", tokens).name == "system:serviceaccount:default:app"
    assert authenticate(jane_certificate, f"Bearer {token}", tokens).name == "jane"
    with pytest.raises(StatusError, match="Unauthorized"):
        authenticate(None, f"Bearer {token}", None)


def test_bearer_token_parsing() -> None:
    assert bearer_token("Bearer abc") == "abc"
    assert bearer_token("Basic abc") is None
    assert bearer_token("Bearer ") is None
    assert bearer_token(None) is None
