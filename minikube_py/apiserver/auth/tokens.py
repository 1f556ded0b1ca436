"""ServiceAccount tokens: JWTs signed RS256 with `sa.key` and verified with `--service-account-key-file`,
as kube-apiserver issues and checks them. Bound tokens (the TokenRequest API: audiences, expiry, an optional
bound Pod/Secret/Node) and legacy Secret-based tokens (issuer `kubernetes/serviceaccount`, no expiry); a
token is honoured only while its ServiceAccount (and bound object, or Secret) still exists with the same uid."""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any, Iterable, Protocol, Sequence

from minikube_py.api import errors

from ._gofmt import quoted_strings
from .user import UserInfo, service_account_user

DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local"
LEGACY_ISSUER = "kubernetes/serviceaccount"
DEFAULT_EXPIRATION = 3600
MIN_EXPIRATION = 600
MAX_EXPIRATION = 1 << 32
LEEWAY = 60  # seconds of clock skew tolerated on exp/nbf, as go-jose's default leeway
_LEGACY = "kubernetes.io/serviceaccount/"
_EXTRA = "authentication.kubernetes.io/"
_CACHE_SIZE = 4096


class Reader(Protocol):
    registry: Any

    def get(self, resource: Any, namespace: str, name: str) -> dict | None: ...


class InvalidToken(Exception):
    """A JWT that names a service account but cannot be honoured; the message is Kubernetes'."""


@dataclass(frozen=True)
class BoundObject:
    """What a bound token is tied to: a Pod, a Secret or a Node (kind, name, uid)."""

    kind: str
    name: str
    uid: str


# -- keys ---------------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=16)
def _private_key(pem: bytes) -> Any:
    from cryptography.hazmat.primitives import serialization

    return serialization.load_pem_private_key(pem, password=None)


def _public_key(pem: bytes) -> Any:
    """The public key of a PEM public key, private key or certificate (what a key file may hold)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    if b"PRIVATE KEY" in pem:
        return _private_key(pem).public_key()
    if b"CERTIFICATE" in pem:
        return x509.load_pem_x509_certificate(pem).public_key()
    return serialization.load_pem_public_key(pem)


def key_id(public_key: Any) -> str:
    """The `kid` Kubernetes puts in its tokens' header: base64url(SHA-256(DER SubjectPublicKeyInfo))."""
    from cryptography.hazmat.primitives import serialization

    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return _b64(hashlib.sha256(der).digest())


# -- encoding -----------------------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(signing_key_pem: bytes, claims: dict[str, Any]) -> str:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    key = _private_key(signing_key_pem)
    header = {"alg": "RS256", "kid": key_id(key.public_key())}
    signing_input = ".".join(_b64(json.dumps(part, separators=(",", ":"), sort_keys=True).encode())
                             for part in (header, claims))
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64(signature)}"


# -- issuing ------------------------------------------------------------------------------------------------
def issue_token(signing_key_pem: bytes, *, namespace: str, name: str, uid: str, issuer: str = DEFAULT_ISSUER,
                audiences: Sequence[str] = (), expiration_seconds: int = DEFAULT_EXPIRATION,
                bound: BoundObject | None = None, node: BoundObject | None = None,
                now: float | None = None) -> str:
    """A bound service-account token as the TokenRequest API issues it (audiences default to the issuer).
    A Pod-bound token also names the Pod's node when given, as Kubernetes 1.32 does."""
    issued = int(time.time() if now is None else now)
    review: dict[str, Any] = {"namespace": namespace, "serviceaccount": {"name": name, "uid": uid}}
    for reference in (bound, node):
        if reference is not None:
            review[reference.kind.lower()] = {"name": reference.name, "uid": reference.uid}
    claims = {"aud": list(audiences or [issuer]), "exp": issued + expiration_seconds, "iat": issued,
              "iss": issuer, "jti": str(uuid.uuid4()), "kubernetes.io": review, "nbf": issued,
              "sub": f"system:serviceaccount:{namespace}:{name}"}
    return _sign(signing_key_pem, claims)


def issue_legacy_token(signing_key_pem: bytes, *, namespace: str, name: str, uid: str, secret_name: str) -> str:
    """A Secret-based token (`kubernetes.io/service-account-token`) as the token controller writes it."""
    return _sign(signing_key_pem, {
        "iss": LEGACY_ISSUER, f"{_LEGACY}namespace": namespace, f"{_LEGACY}secret.name": secret_name,
        f"{_LEGACY}service-account.name": name, f"{_LEGACY}service-account.uid": uid,
        "sub": f"system:serviceaccount:{namespace}:{name}"})


def _rfc3339(seconds: float) -> str:
    return datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def token_request(body: dict[str, Any], service_account: dict[str, Any], signing_key_pem: bytes, *,
                  issuer: str = DEFAULT_ISSUER, api_audiences: Sequence[str] = (),
                  bound_object: dict[str, Any] | None = None, node: dict[str, Any] | None = None,
                  now: float | None = None) -> dict[str, Any]:
    """The completed TokenRequest for `POST .../serviceaccounts/<name>/token`: spec defaulted and validated
    (422 with Kubernetes' messages), `bound_object` (the object spec.boundObjectRef names, fetched by the
    caller; a Pod's `node` too) checked, and status {token, expirationTimestamp}."""
    meta = service_account["metadata"]
    spec = dict(body.get("spec") or {})
    seconds = spec.get("expirationSeconds")
    seconds = DEFAULT_EXPIRATION if seconds is None else seconds
    if seconds < MIN_EXPIRATION or seconds > MAX_EXPIRATION:
        detail = ("may not specify a duration less than 10 minutes" if seconds < MIN_EXPIRATION
                  else "may not specify a duration larger than 2^32 seconds")
        raise errors.invalid("TokenRequest", meta["name"], [errors.Cause(
            "spec.expirationSeconds", "FieldValueInvalid", f"Invalid value: {seconds}: {detail}")],
            "authentication.k8s.io")
    spec["expirationSeconds"] = seconds
    spec["audiences"] = list(spec.get("audiences") or api_audiences or [issuer])
    bound = _bound(spec.get("boundObjectRef"), bound_object, meta["name"])
    node_ref = None
    if node is not None and bound is not None and bound.kind == "Pod":
        node_ref = BoundObject("Node", node["metadata"]["name"], node["metadata"].get("uid", ""))
    issued = time.time() if now is None else now
    token = issue_token(signing_key_pem, namespace=meta["namespace"], name=meta["name"], uid=meta.get("uid", ""),
                        issuer=issuer, audiences=spec["audiences"], expiration_seconds=seconds, bound=bound,
                        node=node_ref, now=issued)
    return {"kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"name": meta["name"], "namespace": meta["namespace"], "creationTimestamp": None},
            "spec": spec, "status": {"token": token, "expirationTimestamp": _rfc3339(int(issued) + seconds)}}


def _bound(reference: dict[str, Any] | None, obj: dict[str, Any] | None, account: str) -> BoundObject | None:
    if not reference:
        return None
    kind, name = reference.get("kind", ""), reference.get("name", "")
    group, _, version = (reference.get("apiVersion") or "v1").rpartition("/")
    if group or kind not in ("Pod", "Secret", "Node"):
        raise errors.bad_request(f"cannot bind token to object of type {group}/{version}, Kind={kind}")
    if obj is None:
        raise errors.not_found(f"{kind.lower()}s", name)
    if kind == "Pod" and (obj.get("spec") or {}).get("serviceAccountName", "default") != account:
        raise errors.bad_request(f'cannot bind token for serviceaccount "{account}" to pod running with '
                                 f"different serviceaccount name.")
    uid = obj["metadata"].get("uid", "")
    if reference.get("uid") and reference["uid"] != uid:
        raise errors.conflict(kind, name, "", f"the UID in the bound object reference ({reference['uid']}) does "
                              f"not match the UID in record. The object might have been deleted and then recreated")
    return BoundObject(kind, name, uid)


# -- verifying ----------------------------------------------------------------------------------------------
class TokenAuthenticator:
    """Bearer tokens signed by any of `public_keys` (PEM) from one of `issuers` (legacy tokens: their own
    issuer), meant for `audiences` (default: the first issuer, as `--api-audiences` defaults)."""

    def __init__(self, public_keys: Iterable[bytes], issuers: Sequence[str], reader: Reader,
                 audiences: Sequence[str] = ()) -> None:
        keys = [_public_key(pem) for pem in public_keys]
        self._keys = {key_id(key): key for key in keys}
        self.issuers = tuple(issuers) or (DEFAULT_ISSUER,)
        self.audiences = tuple(audiences) or self.issuers[:1]
        self.reader = reader
        self._verified: dict[str, dict[str, Any]] = {}

    def authenticate(self, token: str) -> UserInfo | None:
        """The service account's user, or None when the token is not one of ours or not valid (now)."""
        try:
            checked = self.check(token)
        except InvalidToken:
            return None
        return None if checked is None else checked[0]

    def check(self, token: str, audiences: Sequence[str] = ()) -> tuple[UserInfo, list[str]] | None:
        """The user and the audiences (of `audiences`, default the apiserver's) the token is good for; None
        for a token that is no service-account JWT of an accepted issuer; InvalidToken with Kubernetes'
        reason for one that is but cannot be honoured (expired, forged, its account gone)."""
        claims = self._claims(token)
        if claims is None:
            return None
        wanted = list(audiences or self.audiences)
        if claims.get("iss") == LEGACY_ISSUER:
            return self._legacy_user(claims, token), wanted   # no aud claim: the apiserver's audiences
        token_audiences = claims.get("aud") or []
        token_audiences = [token_audiences] if isinstance(token_audiences, str) else token_audiences
        matched = [audience for audience in wanted if audience in token_audiences]
        if not matched:
            raise InvalidToken(f"token audiences {quoted_strings(token_audiences)} is invalid for the target audiences "
                               f"{quoted_strings(wanted)}")
        return self._bound_user(claims), matched

    # signature and issuer
    def _claims(self, token: str) -> dict[str, Any] | None:
        cached = self._verified.get(token)
        if cached is not None:
            return cached
        parts = token.split(".")
        if len(parts) != 3:
            return None
        try:
            header, claims = json.loads(_unb64(parts[0])), json.loads(_unb64(parts[1]))
            signature = _unb64(parts[2])
        except (ValueError, binascii.Error):
            return None
        if not isinstance(header, dict) or not isinstance(claims, dict):
            return None
        if claims.get("iss") not in self.issuers and claims.get("iss") != LEGACY_ISSUER:
            return None
        if header.get("alg") != "RS256" or not self._signed(header, f"{parts[0]}.{parts[1]}".encode(), signature):
            raise InvalidToken("go-jose/go-jose: error in cryptographic primitive")
        if len(self._verified) >= _CACHE_SIZE:
            self._verified.clear()
        self._verified[token] = claims
        return claims

    def _signed(self, header: dict[str, Any], signing_input: bytes, signature: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        hinted = self._keys.get(header.get("kid", ""))
        for key in [hinted] if hinted is not None else self._keys.values():
            try:
                key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
                return True
            except InvalidSignature:
                continue
        return False

    # the claims of each kind of token
    def _bound_user(self, claims: dict[str, Any]) -> UserInfo:
        now = time.time()
        if "exp" in claims and now > claims["exp"] + LEEWAY:
            raise InvalidToken("service account token has expired")
        if "nbf" in claims and now < claims["nbf"] - LEEWAY:
            raise InvalidToken("service account token is not valid yet")
        review = claims.get("kubernetes.io") or {}
        namespace = review.get("namespace", "")
        account = review.get("serviceaccount") or {}
        uid = self._account_uid(namespace, account.get("name", ""), account.get("uid", ""))
        extra: dict[str, list[str]] = {}
        for kind, plural in (("pod", "pods"), ("secret", "secrets"), ("node", "nodes")):
            reference = review.get(kind)
            if not reference:
                continue
            scope = "" if kind == "node" else namespace
            self._still_there(plural, scope, reference.get("name", ""), reference.get("uid", ""))
            if kind != "secret":
                extra[f"{_EXTRA}{kind}-name"] = [reference.get("name", "")]
                extra[f"{_EXTRA}{kind}-uid"] = [reference.get("uid", "")]
        if claims.get("jti"):
            extra[f"{_EXTRA}credential-id"] = [f"JTI={claims['jti']}"]
        return service_account_user(namespace, account.get("name", ""), uid, extra)

    def _legacy_user(self, claims: dict[str, Any], token: str) -> UserInfo:
        namespace = claims.get(f"{_LEGACY}namespace", "")
        name = claims.get(f"{_LEGACY}service-account.name", "")
        secret_name = claims.get(f"{_LEGACY}secret.name", "")
        secret = self._get("secrets", namespace, secret_name)
        if secret is None:
            raise InvalidToken(f"secret {namespace}/{secret_name} has been deleted")
        stored = (secret.get("data") or {}).get("token", "")
        if base64.b64decode(stored or "").decode(errors="replace") != token:
            raise InvalidToken(f"token does not match secret {namespace}/{secret_name}")
        uid = self._account_uid(namespace, name, claims.get(f"{_LEGACY}service-account.uid", ""))
        return service_account_user(namespace, name, uid)

    # what must still exist
    def _get(self, plural: str, namespace: str, name: str) -> dict | None:
        resource = self.reader.registry.get("", "v1", plural)
        return None if resource is None else self.reader.get(resource, namespace, name)

    def _account_uid(self, namespace: str, name: str, uid: str) -> str:
        account = self._get("serviceaccounts", namespace, name)
        if account is None:
            raise InvalidToken(f"service account {namespace}/{name} has been deleted")
        actual = account["metadata"].get("uid", "")
        if uid and actual != uid:
            raise InvalidToken(f"service account UID ({actual}) does not match claim ({uid})")
        return actual

    def _still_there(self, plural: str, namespace: str, name: str, uid: str) -> None:
        found = self._get(plural, namespace, name)
        kind = plural[:-1]
        where = f"{namespace}/{name}" if namespace else name
        if found is None:
            raise InvalidToken(f"{kind} {where} has been deleted")
        actual = found["metadata"].get("uid", "")
        if uid and actual != uid:
            raise InvalidToken(f"{kind} UID ({actual}) does not match claim ({uid})")


# -- service-account issuer discovery -----------------------------------------------------------------------
def jwks(public_keys: Iterable[bytes]) -> dict[str, Any]:
    """`/openid/v1/jwks`: the verification keys as a JSON Web Key Set."""
    keys = []
    for pem in public_keys:
        key = _public_key(pem)
        numbers = key.public_numbers()
        keys.append({"use": "sig", "kty": "RSA", "kid": key_id(key), "alg": "RS256",
                     "n": _b64(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
                     "e": _b64(numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big"))})
    return {"keys": keys}


def openid_configuration(issuer: str, jwks_uri: str = "") -> dict[str, Any]:
    """`/.well-known/openid-configuration` of the service-account issuer."""
    return {"issuer": issuer, "jwks_uri": jwks_uri or f"{issuer}/openid/v1/jwks",
            "response_types_supported": ["id_token"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"]}
