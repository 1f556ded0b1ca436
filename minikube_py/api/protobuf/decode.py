"""`decode_object`: a protobuf request body as the JSON-shaped object the same request in JSON would carry.

The apiserver decodes protobuf into Go structs and the rest of its pipeline sees what Go's JSON would make of
them, so this module writes exactly that: JSON names, `omitempty` zero values left out, zero values of the
other fields written (`null` for nil pointers, slices and maps; `creationTimestamp: null`), embedded structs
inline, bytes as base64, Time as RFC 3339, Quantity and IntOrString in their JSON forms. Unknown field
numbers are skipped, as protobuf does. For the body of `kubectl create deployment web --image=nginx` the
result equals kubectl's `--dry-run=client -o json` output."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from minikube_py.api.errors import StatusError, bad_request
from minikube_py.api.protobuf import envelope, messages, wire
from minikube_py.api.protobuf.messages import Field
from minikube_py.api.protobuf.wire import DecodeError

_SCALAR_ZERO: dict[str, Any] = {"string": "", "bytes": None, "int32": 0, "int64": 0, "bool": False}  # nil []byte


def decode_object(body: bytes, api_version: str = "", kind: str = "") -> dict[str, Any]:
    """The object in a `application/vnd.kubernetes.protobuf` body, with its `kind` and `apiVersion`.

    `api_version`/`kind` are what the request's URL expects (the resource's); they stand in for an envelope
    that leaves them out and name the expected kind in errors, as the apiserver's do. Raises StatusError 400
    (BadRequest) for a body that is not a readable protobuf object, 415 (UnsupportedMediaType) for a kind
    whose protobuf this server does not read (send JSON instead)."""
    try:
        unknown = envelope.unwrap(body)
    except DecodeError as err:
        raise _unrecognized(kind, str(err), body) from None
    actual_version = unknown.api_version or api_version
    actual_kind = unknown.kind or kind
    if not actual_kind or not actual_version.rsplit("/", 1)[-1]:
        missing = "Kind" if not actual_kind else "apiVersion"
        raise _unrecognized(kind, f"Object '{missing}' is missing in 'runtime.TypeMeta{{APIVersion:"
                                  f"{json.dumps(unknown.api_version)}, Kind:{json.dumps(unknown.kind)}}}'", body)
    name = messages.kind_message(actual_version, actual_kind)
    if name is None:
        raise StatusError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                          "accepted media types include: application/json, application/yaml")
    try:
        obj = _struct(unknown.raw, name)
    except DecodeError as err:
        raise bad_request(f"{actual_kind} in version {json.dumps(actual_version.rsplit('/', 1)[-1])} cannot be "
                          f"handled as a {kind or actual_kind}: {err}") from None
    return {"kind": actual_kind, "apiVersion": actual_version, **obj}


def _unrecognized(kind: str, why: str, body: bytes) -> StatusError:
    """The apiserver's 400 for a body it cannot even tell the kind of."""
    head, more = body[:30], " ..." if len(body) > 30 else ""
    summary = "<empty>" if not body else (_value(head, "string") if head[:1] == b"{" else head.hex()) + more
    return bad_request(f"the object provided is unrecognized (must be of type {kind or 'unknown'}): {why} "
                       f"({summary})")


def _struct(data: bytes, name: str) -> dict[str, Any]:
    """Message `name` as Go's JSON writes the struct it unmarshals into."""
    fields = messages.message(name)
    by_number = {field.number: field for field in fields}
    found: dict[int, list[Any]] = {}
    for number, wire_type, value in wire.fields(data, name.rsplit(".", 1)[1]):
        field = by_number.get(number)
        if field is not None:
            found.setdefault(number, []).extend(_raw_values(field, wire_type, value))
    obj: dict[str, Any] = {}
    for field in fields:
        values = found.get(field.number)
        if not field.name:
            obj.update(_struct(b"".join(values or ()), field.type))
        elif values is None:
            if not field.omitempty or field.struct:
                obj[field.name] = _zero(field)
        elif field.map:
            obj[field.name] = dict(_map_entry(entry, field.type) for entry in values)
        elif field.repeated:
            obj[field.name] = [_value(value, field.type) for value in values]
        elif field.type in messages.SCALARS:
            value = _value(values[-1], field.type)
            if field.pointer or not field.omitempty or value not in ("", 0, False):
                obj[field.name] = value
        else:
            obj[field.name] = _value(b"".join(values), field.type)  # a message field seen twice merges
    return obj


def _raw_values(field: Field, wire_type: int, value: int | bytes) -> list[Any]:
    """The wire values one occurrence of `field` carries (several for a packed repeated varint)."""
    varint = field.type in ("int32", "int64", "bool") and not field.map
    if varint and field.repeated and isinstance(value, bytes):
        return wire.packed_varints(value)
    if (wire_type == wire.VARINT) != varint or wire_type not in (wire.VARINT, wire.BYTES):
        raise DecodeError(f"proto: wrong wireType = {wire_type} for field {field.go_name}")
    return [value]


def _value(value: Any, type_: str) -> Any:
    if type_ == "string":
        return value.decode("utf-8", "replace")
    if type_ == "bytes":
        return base64.b64encode(value).decode("ascii")
    if type_ == "int32":
        return wire.signed(value, 32)
    if type_ == "int64":
        return wire.signed(value)
    if type_ == "bool":
        return value != 0
    json_form = _JSON_FORMS.get(type_)
    return json_form(value, type_) if json_form else _struct(value, type_)


def _zero(field: Field) -> Any:
    """What Go's JSON writes for a field the body left out: its Go zero value."""
    if field.struct:
        return _value(b"", field.type)
    return _SCALAR_ZERO[field.type] if not (field.pointer or field.repeated or field.map) else None


def _map_entry(data: bytes, value_type: str) -> tuple[str, Any]:
    """One {1: key, 2: value} entry of a map field; a missing part is its type's zero value."""
    key = value = b""
    for number, wire_type, item in wire.fields(data, "MapEntry"):
        if number in (1, 2) and not isinstance(item, bytes):
            raise DecodeError(f"proto: wrong wireType = {wire_type} for field {('key', 'value')[number - 1]}")
        if number == 1:
            key = item
        elif number == 2:
            value = item
    return _value(key, "string"), _value(value, value_type)


def _time(data: bytes, name: str) -> str | None:
    """metav1.Time: RFC 3339 in UTC to the second (the apiserver drops nanos); empty is the zero time, null."""
    if not data:
        return None
    seconds = _struct(data, name)["seconds"]
    try:
        return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        raise DecodeError("Time.MarshalJSON: year outside of range [0,9999]") from None


def _quantity(data: bytes, name: str) -> str:
    return _struct(data, name)["string"] or "0"


def _int_or_string(data: bytes, name: str) -> int | str:
    fields = _struct(data, name)
    if fields["type"] not in (0, 1):
        raise DecodeError("impossible IntOrString.Type")
    return fields["strVal"] if fields["type"] else fields["intVal"]


def _fields_v1(data: bytes, name: str) -> Any:
    raw = base64.b64decode(_struct(data, name)["Raw"] or "")
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        raise DecodeError("FieldsV1: invalid JSON") from None


def _extra_value(data: bytes, name: str) -> list[str] | None:
    return _struct(data, name)["items"]


# the messages Go's JSON writes in a form of their own, each read from (its bytes, its name)
_JSON_FORMS: dict[str, Callable[[bytes, str], Any]] = {
    "meta/v1.Time": _time, "resource.Quantity": _quantity, "intstr.IntOrString": _int_or_string,
    "meta/v1.FieldsV1": _fields_v1, "authentication/v1.ExtraValue": _extra_value,
    "authorization/v1.ExtraValue": _extra_value, "certificates/v1.ExtraValue": _extra_value,
}
