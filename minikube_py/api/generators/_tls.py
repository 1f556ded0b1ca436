"""crypto/tls.X509KeyPair's checks of a PEM certificate and key, with Go's error texts (cryptography is imported
here only, when `create secret tls` runs)."""

from __future__ import annotations

import re

from .errors import GeneratorError

_PEM = re.compile(rb"-----BEGIN ([^\r\n-]*)-----\r?\n.*?-----END \1-----", re.DOTALL)


def _blocks(data: bytes) -> list[tuple[str, bytes]]:
    return [(match[1].decode("utf-8", "replace"), match[0]) for match in _PEM.finditer(data)]


def check_key_pair(cert_pem: bytes, key_pem: bytes) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    cert_blocks = _blocks(cert_pem)
    certificates = [block for kind, block in cert_blocks if kind == "CERTIFICATE"]
    if not certificates:
        if not cert_blocks:
            raise GeneratorError("tls: failed to find any PEM data in certificate input")
        if len(cert_blocks) == 1 and cert_blocks[0][0].endswith("PRIVATE KEY"):
            raise GeneratorError("tls: failed to find certificate PEM data in certificate input, but did find a "
                                 "private key; PEM inputs may have been switched")
        skipped = " ".join(kind for kind, _ in cert_blocks)
        raise GeneratorError(f'tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM '
                             f"blocks of the following types: [{skipped}]")
    key_blocks = _blocks(key_pem)
    keys = [block for kind, block in key_blocks if kind == "PRIVATE KEY" or kind.endswith(" PRIVATE KEY")]
    if not keys:
        if not key_blocks:
            raise GeneratorError("tls: failed to find any PEM data in key input")
        if len(key_blocks) == 1 and key_blocks[0][0] == "CERTIFICATE":
            raise GeneratorError("tls: found a certificate rather than a key in the PEM for the private key")
        skipped = " ".join(kind for kind, _ in key_blocks)
        raise GeneratorError(f'tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after '
                             f"skipping PEM blocks of the following types: [{skipped}]")
    try:
        certificate = x509.load_pem_x509_certificate(certificates[0])
    except ValueError:
        raise GeneratorError("x509: malformed certificate") from None
    try:
        private_key = serialization.load_pem_private_key(keys[0], password=None)
    except (ValueError, TypeError):
        raise GeneratorError("tls: failed to parse private key") from None
    public_key = certificate.public_key()
    families = (rsa.RSAPublicKey, ec.EllipticCurvePublicKey, ed25519.Ed25519PublicKey)
    family = next((kind for kind in families if isinstance(public_key, kind)), None)
    if family is None:
        raise GeneratorError("tls: unknown public key algorithm")
    if not isinstance(private_key.public_key(), family):
        raise GeneratorError("tls: private key type does not match public key type")
    der = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if private_key.public_key().public_bytes(*der) != public_key.public_bytes(*der):
        raise GeneratorError("tls: private key does not match public key")
