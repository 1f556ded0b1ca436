"""Validation of ConfigMaps and Secrets (keys, sizes, the typed secrets' required keys, immutability) and of
ServiceAccounts."""

from __future__ import annotations

import re
from typing import Any

from ..errors import Cause
from . import field

Obj = dict[str, Any]
_KEY_RE = re.compile(r"[-._a-zA-Z0-9]+")
_KEY_DETAIL = ("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
               "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")
_MAX_SIZE = 1024 * 1024
_SECRET_KEYS = {"kubernetes.io/dockercfg": (".dockercfg",), "kubernetes.io/dockerconfigjson": (".dockerconfigjson",),
                "kubernetes.io/tls": ("tls.crt", "tls.key")}


def config_key_errors(key: str) -> list[str]:
    """validation.IsConfigMapKey."""
    errors = []
    if len(key) > 253:
        errors.append("must be no more than 253 characters")
    if not _KEY_RE.fullmatch(key):
        errors.append(_KEY_DETAIL)
    if key in (".", ".."):
        errors.append(f"must not be '{key}'")
    elif key.startswith(".."):
        errors.append("must not start with '..'")
    return errors


def _keys(data: Any, path: str) -> list[Cause]:
    causes: list[Cause] = []
    for key in data or {}:
        causes += field.each_message(f"{path}[{key}]", key, config_key_errors(key))
    return causes


def config_map(obj: Obj) -> list[Cause]:
    data, binary = obj.get("data") or {}, obj.get("binaryData") or {}
    causes = _keys(data, "data") + _keys(binary, "binaryData")
    for key in binary:
        if key in data:
            causes.append(field.invalid(f"binaryData[{key}]", key, "duplicate of key present in data"))
    size = sum(len(k) + len(str(v)) for k, v in data.items()) + sum(len(k) + len(str(v)) * 3 // 4
                                                                    for k, v in binary.items())
    if size > _MAX_SIZE:
        causes.append(field.too_long_bytes("", _MAX_SIZE))
    return causes


def secret(obj: Obj) -> list[Cause]:
    data = dict(obj.get("data") or {})
    causes = _keys(data, "data")
    for key in obj.get("stringData") or {}:
        causes += field.each_message(f"stringData[{key}]", key, config_key_errors(key))
    secret_type = obj.get("type") or ""
    present = set(data) | set(obj.get("stringData") or {})
    for key in _SECRET_KEYS.get(secret_type, ()):
        if key not in present:
            causes.append(field.required(f"data[{key}]"))
    if secret_type == "kubernetes.io/service-account-token":
        annotations = (obj.get("metadata") or {}).get("annotations") or {}
        if not annotations.get("kubernetes.io/service-account.name"):
            causes.append(field.required("metadata.annotations[kubernetes.io/service-account.name]"))
    if secret_type == "kubernetes.io/basic-auth" and not present & {"username", "password"}:
        causes.append(field.required("data[username]"))
    if secret_type == "kubernetes.io/ssh-auth" and "ssh-privatekey" not in present:
        causes.append(field.required("data[ssh-privatekey]"))
    return causes


def immutable_data_update(new: Obj, old: Obj) -> list[Cause]:
    """ConfigMaps and Secrets marked `immutable: true` keep their data (and stay immutable)."""
    if not old.get("immutable"):
        return []
    causes: list[Cause] = []
    for key in ("data", "binaryData"):
        if (new.get(key) or {}) != (old.get(key) or {}):
            causes.append(field.forbidden(key, "field is immutable when `immutable` is set"))
    if not new.get("immutable"):
        causes.append(field.forbidden("immutable", "field is immutable when `immutable` is set"))
    return causes


def secret_update(new: Obj, old: Obj) -> list[Cause]:
    causes = []
    if (new.get("type") or "Opaque") != (old.get("type") or "Opaque"):
        causes.append(field.immutable("type", new.get("type") or ""))
    return causes + immutable_data_update(new, old)
