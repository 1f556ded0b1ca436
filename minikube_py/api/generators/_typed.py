"""A JSON object as kubectl prints it after decoding it into its Go type: fields in struct order, unknown fields
dropped, `omitempty` empties left out, the zero values of the other fields written (`null`, `{}`, `""`, `0`),
map keys sorted, quantities canonical. Uses the struct tables of `api.protobuf.messages` (the kinds kubectl's
generators and protobuf requests involve); other kinds come back unchanged."""

from __future__ import annotations

from typing import Any

from ..protobuf.messages import SCALARS, Field, kind_message, message
from ..quantity import QuantityError, parse_quantity
from ._common import Obj

_SCALAR_ZERO: dict[str, Any] = {"string": "", "bytes": None, "int32": 0, "int64": 0, "bool": False}
_ZERO_STRUCTS: dict[str, Any] = {"meta/v1.Time": None, "intstr.IntOrString": 0, "resource.Quantity": "0"}
_VERBATIM = frozenset({"meta/v1.Time", "intstr.IntOrString", "meta/v1.FieldsV1", "authentication/v1.ExtraValue",
                       "authorization/v1.ExtraValue", "certificates/v1.ExtraValue"})


def as_typed(obj: Obj) -> Obj:
    """`obj` round-tripped through its Go struct (kind and apiVersion first, as TypeMeta is)."""
    name = kind_message(obj.get("apiVersion", ""), obj.get("kind", ""))
    if name is None:
        return obj
    return {"kind": obj.get("kind"), "apiVersion": obj.get("apiVersion"), **_struct(obj, name)}


def _struct(value: Obj, name: str) -> Obj:
    out: Obj = {}
    for field in message(name):
        if not field.name:   # an embedded struct: its fields inline
            out.update(_struct(value, field.type))
            continue
        item = value.get(field.name)
        if item is None:
            if field.struct:
                out[field.name] = _ZERO_STRUCTS[field.type] if field.type in _ZERO_STRUCTS else _struct({}, field.type)
            elif not field.omitempty:
                out[field.name] = _SCALAR_ZERO.get(field.type) if not (field.pointer or field.repeated
                                                                       or field.map) else None
            continue
        if field.omitempty and not field.pointer and not field.struct and _empty(item, field):
            continue
        out[field.name] = _value(item, field)
    return out


def _empty(item: Any, field: Field) -> bool:
    if field.repeated or field.map:
        return not item
    return item == _SCALAR_ZERO.get(field.type, object()) or item == ""


def _value(item: Any, field: Field) -> Any:
    if field.repeated and isinstance(item, list):
        return [_single(element, field.type) for element in item]
    if field.map and isinstance(item, dict):
        return {key: _single(item[key], field.type) for key in sorted(item)}
    return _single(item, field.type)


def _single(item: Any, type_name: str) -> Any:
    if item is None or type_name in SCALARS or type_name in _VERBATIM:
        return item
    if type_name == "resource.Quantity":
        try:
            return str(parse_quantity(str(item)))
        except QuantityError:
            return item
    return _struct(item, type_name) if isinstance(item, dict) else item
