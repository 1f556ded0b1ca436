"""Kubernetes' protobuf framing: the media type, the `k8s\\x00` magic and the runtime.Unknown envelope.

A body is `k8s\\x00` followed by a runtime.Unknown {1: typeMeta {1: apiVersion, 2: kind}, 2: raw (the object's
own message), 3: contentEncoding, 4: contentType}. Errors are `DecodeError`s with the texts of apimachinery's
protobuf serializer."""

from __future__ import annotations

from dataclasses import dataclass

from minikube_py.api.protobuf.wire import DecodeError, fields

PROTOBUF = "application/vnd.kubernetes.protobuf"
MAGIC = b"k8s\x00"


def is_protobuf(content_type: str | None) -> bool:
    """Whether a Content-Type header names Kubernetes' protobuf (parameters and case aside)."""
    return (content_type or "").split(";", 1)[0].strip().lower() == PROTOBUF


@dataclass(frozen=True)
class Unknown:
    api_version: str
    kind: str
    raw: bytes
    content_encoding: str = ""
    content_type: str = ""


def unwrap(body: bytes) -> Unknown:
    """The envelope of a protobuf body."""
    if not body:
        raise DecodeError("empty data")
    if not body.startswith(MAGIC):
        raise DecodeError("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]")
    if len(body) == len(MAGIC):
        raise DecodeError("empty body")
    type_meta, raw, encoding, content_type = _byte_fields(body[len(MAGIC):], "Unknown",
                                                          ("TypeMeta", "Raw", "ContentEncoding", "ContentType"))
    api_version, kind = _byte_fields(type_meta, "TypeMeta", ("APIVersion", "Kind"))
    return Unknown(_text(api_version), _text(kind), raw, _text(encoding), _text(content_type))


def _byte_fields(data: bytes, message: str, names: tuple[str, ...]) -> list[bytes]:
    """Fields 1..len(names) of a message whose fields are all length-delimited (a repeated one: the last)."""
    found = [b""] * len(names)
    for number, wire_type, value in fields(data, message):
        if number <= len(names):
            if not isinstance(value, bytes):
                raise DecodeError(f"proto: wrong wireType = {wire_type} for field {names[number - 1]}")
            found[number - 1] = value
    return found


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")
