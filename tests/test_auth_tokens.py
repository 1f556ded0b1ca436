"""Service-account tokens as a pod or `kubectl create token` uses them: issued by the TokenRequest API,
accepted while they are fresh, signed by our key and their service account (and bound pod) still exists;
legacy Secret-based tokens while their Secret does; TokenReview answers; the issuer discovery documents."""

from __future__ import annotations

import base64
import json
import time

import pytest
from minikube_py.pki.keys import key_pem, new_key, public_key_pem
from test_auth_support import FakeReader, service_account

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.auth import (
    BoundObject,
    InvalidToken,
    TokenAuthenticator,
    issue_legacy_token,
    issue_token,
    jwks,
    openid_configuration,
    review,
    token_request,
)
from minikube_py.apiserver.auth.tokens import DEFAULT_ISSUER, key_id

ISSUER = DEFAULT_ISSUER


@pytest.fixture(scope="module")
def keys() -> tuple[bytes, bytes]:
    key = new_key()
    return key_pem(key), public_key_pem(key)


@pytest.fixture(scope="module")
def other_key() -> bytes:
    return key_pem(new_key())


@pytest.fixture
def reader() -> FakeReader:
    return FakeReader(service_account("ci", "build-bot"))


@pytest.fixture
def tokens(reader, keys) -> TokenAuthenticator:
    return TokenAuthenticator([keys[1]], [ISSUER], reader)


def bot(reader: FakeReader) -> dict:
    return reader.get(reader.registry.get("", "v1", "serviceaccounts"), "ci", "build-bot")


def public_key(pem: bytes):
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_public_key(pem)


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_a_requested_token_authenticates_its_service_account(reader, keys, tokens) -> None:
    answer = token_request({"spec": {}}, bot(reader), keys[0], now=1_000_000)
    assert answer["spec"] == {"expirationSeconds": 3600, "audiences": [ISSUER]}
    assert answer["status"]["expirationTimestamp"] == "1970-01-12T14:46:40Z"
    token = token_request({"spec": {}}, bot(reader), keys[0])["status"]["token"]
    user = tokens.authenticate(token)
    assert user.name == "system:serviceaccount:ci:build-bot"
    assert user.groups == ("system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated")
    assert user.uid == bot(reader)["metadata"]["uid"]
    jti = claims(token)["jti"]
    assert user.extra == {"authentication.kubernetes.io/credential-id": [f"JTI={jti}"]}


def test_token_claims_are_kubernetes_bound_token_claims(reader, keys) -> None:
    uid = bot(reader)["metadata"]["uid"]
    token = issue_token(keys[0], namespace="ci", name="build-bot", uid=uid, audiences=["vault"],
                        expiration_seconds=600, bound=BoundObject("Pod", "web", "p-1"), now=100)
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header == {"alg": "RS256", "kid": key_id(public_key(keys[1]))}
    body = claims(token)
    assert {key: body[key] for key in ("aud", "exp", "iat", "nbf", "iss", "sub")} == {
        "aud": ["vault"], "exp": 700, "iat": 100, "nbf": 100, "iss": ISSUER,
        "sub": "system:serviceaccount:ci:build-bot"}
    assert body["kubernetes.io"] == {"namespace": "ci", "serviceaccount": {"name": "build-bot", "uid": uid},
                                     "pod": {"name": "web", "uid": "p-1"}}


def test_too_short_an_expiry_is_refused_with_kubernetes_message(reader, keys) -> None:
    with pytest.raises(StatusError) as refused:
        token_request({"spec": {"expirationSeconds": 60}}, bot(reader), keys[0])
    assert refused.value.code == 422
    assert str(refused.value) == ('TokenRequest.authentication.k8s.io "build-bot" is invalid: spec.expirationSeconds: '
                                  'Invalid value: 60: may not specify a duration less than 10 minutes')


def test_an_expired_token_is_refused(reader, keys, tokens) -> None:
    token = issue_token(keys[0], namespace="ci", name="build-bot", uid="", expiration_seconds=600,
                        now=time.time() - 700)
    with pytest.raises(InvalidToken, match="service account token has expired"):
        tokens.check(token)
    assert tokens.authenticate(token) is None
    fresh_enough = issue_token(keys[0], namespace="ci", name="build-bot", uid="", expiration_seconds=600,
                               now=time.time() - 630)   # within the minute of clock skew Kubernetes allows
    assert tokens.authenticate(fresh_enough) is not None


def test_a_token_signed_by_another_key_is_refused(tokens, other_key) -> None:
    token = issue_token(other_key, namespace="ci", name="build-bot", uid="")
    with pytest.raises(InvalidToken, match="error in cryptographic primitive"):
        tokens.check(token)


def test_tokens_of_other_issuers_and_non_jwts_are_not_ours(keys, tokens) -> None:
    assert tokens.check(issue_token(keys[0], namespace="ci", name="build-bot", uid="",
                                    issuer="https://elsewhere")) is None
    assert tokens.check("not-a-jwt") is None
    assert tokens.check("a.b.c") is None


def test_a_token_for_another_audience_is_refused(keys, tokens) -> None:
    token = issue_token(keys[0], namespace="ci", name="build-bot", uid="", audiences=["vault"])
    with pytest.raises(InvalidToken) as refused:
        tokens.check(token)
    assert str(refused.value) == f'token audiences ["vault"] is invalid for the target audiences ["{ISSUER}"]'
    assert tokens.check(token, ["vault", "other"])[1] == ["vault"]


def test_a_token_dies_with_its_service_account(reader, keys, tokens) -> None:
    account = bot(reader)
    token = token_request({}, account, keys[0])["status"]["token"]
    reader.delete(account)
    with pytest.raises(InvalidToken, match="service account ci/build-bot has been deleted"):
        tokens.check(token)
    reader.add(service_account("ci", "build-bot"))   # recreated: a new uid
    with pytest.raises(InvalidToken, match=r"service account UID \(.*\) does not match claim"):
        tokens.check(token)


def test_a_pod_bound_token_dies_with_its_pod(reader, keys, tokens) -> None:
    pod = reader.add({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "ci"},
                      "spec": {"serviceAccountName": "build-bot", "nodeName": "node01"}})
    node = reader.add({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node01"}})
    request = {"spec": {"boundObjectRef": {"apiVersion": "v1", "kind": "Pod", "name": "web"}}}
    token = token_request(request, bot(reader), keys[0], bound_object=pod, node=node)["status"]["token"]
    user = tokens.authenticate(token)
    assert user.extra["authentication.kubernetes.io/pod-name"] == ["web"]
    assert user.extra["authentication.kubernetes.io/node-name"] == ["node01"]
    reader.delete(pod)
    with pytest.raises(InvalidToken, match="pod ci/web has been deleted"):
        tokens.check(token)


def test_binding_a_token_to_an_unsupported_kind_is_refused(reader, keys) -> None:
    request = {"spec": {"boundObjectRef": {"apiVersion": "v1", "kind": "ConfigMap", "name": "x"}}}
    with pytest.raises(StatusError, match="cannot bind token to object of type /v1, Kind=ConfigMap"):
        token_request(request, bot(reader), keys[0], bound_object={"metadata": {"name": "x"}})


def test_binding_a_token_to_another_accounts_pod_is_refused(reader, keys) -> None:
    pod = {"metadata": {"name": "web", "uid": "1"}, "spec": {"serviceAccountName": "default"}}
    request = {"spec": {"boundObjectRef": {"kind": "Pod", "name": "web", "uid": "1"}}}
    with pytest.raises(StatusError, match='cannot bind token for serviceaccount "build-bot" to pod running with '
                                          "different serviceaccount name."):
        token_request(request, bot(reader), keys[0], bound_object=pod)


def test_legacy_secret_tokens_live_as_long_as_their_secret(reader, keys, tokens) -> None:
    account = bot(reader)
    token = issue_legacy_token(keys[0], namespace="ci", name="build-bot", uid=account["metadata"]["uid"],
                               secret_name="build-bot-token")
    secret = reader.add({"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/service-account-token",
                         "metadata": {"name": "build-bot-token", "namespace": "ci"},
                         "data": {"token": base64.b64encode(token.encode()).decode()}})
    assert tokens.authenticate(token).name == "system:serviceaccount:ci:build-bot"
    reader.delete(secret)
    with pytest.raises(InvalidToken, match="secret ci/build-bot-token has been deleted"):
        tokens.check(token)


def test_token_review_answers_for_valid_and_invalid_tokens(reader, keys, tokens) -> None:
    token = token_request({}, bot(reader), keys[0])["status"]["token"]
    body = {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": token}}
    answer = review("TokenReview", body, None, None, tokens)
    assert answer["metadata"] == {"creationTimestamp": None}
    assert answer["status"]["authenticated"] is True
    assert answer["status"]["audiences"] == [ISSUER]
    assert answer["status"]["user"]["username"] == "system:serviceaccount:ci:build-bot"
    expired = issue_token(keys[0], namespace="ci", name="build-bot", uid="", now=time.time() - 7200)
    assert review("TokenReview", {"spec": {"token": expired}}, None, None, tokens)["status"] == {
        "user": {}, "error": "service account token has expired"}
    assert review("TokenReview", {"spec": {"token": "nonsense"}}, None, None, tokens)["status"] == {"user": {}}


def test_issuer_discovery_documents(keys) -> None:
    document = jwks([keys[1]])
    assert [(key["kty"], key["alg"], key["use"]) for key in document["keys"]] == [("RSA", "RS256", "sig")]
    assert document["keys"][0]["kid"] == key_id(public_key(keys[1]))
    assert openid_configuration(ISSUER)["jwks_uri"] == f"{ISSUER}/openid/v1/jwks"
