"""`kubectl create configmap` and `kubectl create secret generic|docker-registry|tls`, with `--append-hash`
(kubectl's util/hash: sha256 of the JSON of kind, name, data (and type), first ten hex digits with vowels mapped
away)."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from minikube_py.flags.pflag import quote

from ..validation.config import config_key_errors
from ._common import Obj, metadata, new_object, sorted_map
from ._sources import env_file_pairs, file_sources, parse_literal_source, read_bytes
from .errors import GeneratorError
from .output import go_compact_json

DOCKER_HUB = "https://index.docker.io/v1/"
_HASH_LETTERS = str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"})


def _check_sources(name: str, files: list[str], literals: list[str], env_files: list[str]) -> None:
    if not name:
        raise GeneratorError("name must be specified")
    if env_files and (files or literals):
        raise GeneratorError("from-env-file cannot be combined with from-file or from-literal")


def _hash(encoded: dict[str, Any]) -> str:
    digest = hashlib.sha256(go_compact_json(dict(sorted(encoded.items()))).encode("utf-8")).hexdigest()
    return digest[:10].translate(_HASH_LETTERS)


def configmap_hash(name: str, data: dict[str, str] | None, binary_data: dict[str, bytes] | None = None) -> str:
    """hash.ConfigMapHash: what `--append-hash` appends (`data: None` is a ConfigMap without a data map)."""
    encoded: dict[str, Any] = {"kind": "ConfigMap", "name": name, "data": None if data is None else sorted_map(data)}
    if binary_data:
        encoded["binaryData"] = {key: _b64(value) for key, value in sorted(binary_data.items())}
    return _hash(encoded)


def secret_hash(name: str, secret_type: str, data: dict[str, bytes]) -> str:
    """hash.SecretHash."""
    return _hash({"kind": "Secret", "type": secret_type, "name": name,
                  "data": {key: _b64(value) for key, value in sorted(data.items())}})


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class _ConfigMapData:
    """Data and BinaryData being filled, refusing invalid and repeated keys as kubectl does."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.data: dict[str, str] = {}
        self.binary: dict[str, bytes] = {}

    def add(self, key: str, value: str | bytes) -> None:
        errors = config_key_errors(key)
        if errors:
            raise GeneratorError(f"{quote(key)} is not a valid key name for a ConfigMap: {','.join(errors)}")
        for field, store in (("Data", self.data), ("BinaryData", self.binary)):
            if key in store:
                raise GeneratorError(f"cannot add key {quote(key)}, another key by that name already exists in "
                                     f"{field} for ConfigMap {quote(self.name)}")
        if isinstance(value, str):
            self.data[key] = value
            return
        try:
            self.data[key] = value.decode("utf-8")
        except UnicodeDecodeError:
            self.binary[key] = value


def configmap(name: str, from_file: list[str] | None = None, from_literal: list[str] | None = None,
              from_env_file: list[str] | None = None, append_hash: bool = False, namespace: str = "") -> Obj:
    """`kubectl create configmap NAME [--from-file] [--from-literal] [--from-env-file] [--append-hash]`."""
    files, literals, env_files = from_file or [], from_literal or [], from_env_file or []
    _check_sources(name, files, literals, env_files)
    content = _ConfigMapData(name)
    for key, data in file_sources(files):
        content.add(key, data)
    for literal in literals:
        content.add(*parse_literal_source(literal))
    for key, value in env_file_pairs(env_files, "env config file cannot be a directory"):
        content.add(key, value)
    data = sorted_map(content.data)
    binary = {key: _b64(value) for key, value in sorted(content.binary.items())}
    if append_hash:
        name = f"{name}-{configmap_hash(name, content.data, content.binary)}"
    fields: Obj = {}
    if data:
        fields["data"] = data
    if binary:
        fields["binaryData"] = binary
    return new_object("v1", "ConfigMap", metadata(name, namespace), **fields)


class _SecretData:
    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def add(self, key: str, value: bytes) -> None:
        errors = config_key_errors(key)
        if errors:
            raise GeneratorError(f"{quote(key)} is not valid key name for a Secret {';'.join(errors)}")
        if key in self.data:
            raise GeneratorError(f"cannot add key {key}, another key by that name already exists")
        self.data[key] = value


def _secret(name: str, namespace: str, secret_type: str, data: dict[str, bytes], append_hash: bool) -> Obj:
    encoded_data = {key: _b64(value) for key, value in sorted(data.items())}
    if append_hash:
        name = f"{name}-{secret_hash(name, secret_type, data)}"
    fields: Obj = {}
    if encoded_data:
        fields["data"] = encoded_data
    if secret_type:
        fields["type"] = secret_type
    return new_object("v1", "Secret", metadata(name, namespace), **fields)


def secret_generic(name: str, secret_type: str = "", from_file: list[str] | None = None,
                   from_literal: list[str] | None = None, from_env_file: list[str] | None = None,
                   append_hash: bool = False, namespace: str = "") -> Obj:
    """`kubectl create secret generic NAME [--type] [--from-literal] [--from-file] [--from-env-file]`."""
    files, literals, env_files = from_file or [], from_literal or [], from_env_file or []
    _check_sources(name, files, literals, env_files)
    content = _SecretData()
    for literal in literals:
        key, value = parse_literal_source(literal)
        content.add(key, value.encode("utf-8"))
    for key, data in file_sources(files):
        content.add(key, data)
    for key, value in env_file_pairs(env_files, "env secret file cannot be a directory"):
        content.add(key, value.encode("utf-8"))
    return _secret(name, namespace, secret_type, content.data, append_hash)


def docker_config_json(username: str, password: str, email: str, server: str) -> bytes:
    """The `.dockerconfigjson` kubectl writes: {"auths":{server:{username,password,email,auth}}}."""
    entry = {"username": username, "password": password, "email": email,
             "auth": _b64(f"{username}:{password}".encode("utf-8"))}
    return go_compact_json({"auths": {server: {key: value for key, value in entry.items() if value}}}).encode()


def secret_docker_registry(name: str, username: str = "", password: str = "", email: str = "",
                           server: str = DOCKER_HUB, from_file: list[str] | None = None, append_hash: bool = False,
                           namespace: str = "") -> Obj:
    """`kubectl create secret docker-registry NAME --docker-username --docker-password [--docker-email]
    [--docker-server] | --from-file=...`."""
    if not name:
        raise GeneratorError("name must be specified")
    if not from_file and not (username and password and server):
        raise GeneratorError("either --from-file or the combination of --docker-username, --docker-password and "
                             "--docker-server is required")
    content = _SecretData()
    if from_file:
        for key, data in file_sources(from_file):
            content.add(key, data)
    else:
        content.data[".dockerconfigjson"] = docker_config_json(username, password, email, server)
    return _secret(name, namespace, "kubernetes.io/dockerconfigjson", content.data, append_hash)


def secret_tls(name: str, cert: str, key: str, append_hash: bool = False, namespace: str = "") -> Obj:
    """`kubectl create secret tls NAME --cert=path --key=path`: the pair must load as tls.X509KeyPair loads it."""
    if not key or not cert:
        raise GeneratorError("key and cert must be specified")
    contents = []
    for path in (cert, key):
        try:
            contents.append(read_bytes(path))
        except GeneratorError as err:
            raise GeneratorError(f"Cannot read file {path}, {err}") from None
    from ._tls import check_key_pair

    check_key_pair(contents[0], contents[1])
    return _secret(name, namespace, "kubernetes.io/tls", {"tls.crt": contents[0], "tls.key": contents[1]},
                   append_hash)
