"""Decoding a request body into a built-in kind as the apiserver's Go JSON decoder does, against the 1.32 OpenAPI
definitions (`schemas.definitions()`).

- A value of the wrong JSON type is a 400 BadRequest with encoding/json's text:
  `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field
  PodSpec.spec.containers of type []v1.Container`; a malformed quantity or base64 value likewise, with the
  message of the type's own decoder.
- Unknown fields are pruned in every mode, as the decoder drops them; with fieldValidation=Strict they are a 400
  `... cannot be handled as a Pod: strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`,
  with Warn they come back as warnings (`unknown field "spec.foo"`), with Ignore they go silently.
- Fields set to null are dropped, as Go leaves them unset (`creationTimestamp` stays null, as Go writes it).

The walk interprets the definitions directly (they are plain dicts, resolved once per process): validating a pod
costs a few tens of microseconds, no schema compilation needed. Value rules (required fields, names, ranges) are
the semantic validators' job, not this module's."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any, Sequence

from .. import errors
from ..json_values import kind as json_kind
from ..quantity import FORMAT_WRONG, QuantityError, parse_json_quantity
from ..schemas import REF_PREFIX, definitions

_QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
_INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
_TIMES = ("io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime")
_INT_RANGES = {"int32": (-2**31, 2**31 - 1), "int64": (-2**63, 2**63 - 1)}


class _Abort(Exception):
    """A decoder error that stops decoding (a type's own UnmarshalJSON failing)."""


@dataclass
class _Walk:
    strict_paths: list[str] = field(default_factory=list)
    type_error: str | None = None


def _number_literal(value: Any) -> str:
    return f"number {value!r}" if isinstance(value, float) else f"number {value}"


def _def_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.removeprefix(REF_PREFIX) if ref else None


def _types(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type")
    if declared is None:
        return set()
    return {declared} if isinstance(declared, str) else set(declared)


def go_type(schema: dict[str, Any]) -> str:
    """The Go type a schema stands for, as encoding/json names it (`[]v1.Container`, `map[string]string`)."""
    name = _def_name(schema)
    if name is not None:
        if name in _TIMES:
            return "string"
        if name == _INT_OR_STRING:
            return "int32"
        parts = name.split(".")
        return f"{parts[-2]}.{parts[-1]}"
    types = _types(schema) - {"null"}
    if "array" in types:
        return "[]" + go_type(schema.get("items") or {})
    if "object" in types:
        values = schema.get("additionalProperties")
        return "map[string]" + go_type(values) if isinstance(values, dict) else "map[string]interface {}"
    if "string" in types:
        return "[]uint8" if schema.get("format") == "byte" else "string"
    if "integer" in types:
        return schema.get("format") or "int"
    if "number" in types:
        return "float64"
    if "boolean" in types:
        return "bool"
    return "interface {}"


class _Decoder:
    def __init__(self) -> None:
        self.walk = _Walk()

    def _type_error(self, value_text: str, struct: str, go_path: list[str], schema: dict[str, Any]) -> None:
        if self.walk.type_error is None:
            where = f"Go struct field {struct}.{'.'.join(go_path)}" if go_path else "Go value"
            self.walk.type_error = f"json: cannot unmarshal {value_text} into {where} of type {go_type(schema)}"

    def value(self, schema: dict[str, Any], value: Any, struct: str, go_path: list[str], path: str) -> Any:
        """Check `value` against `schema`, pruning unknown fields inside it; returns the value to keep (a whole
        float becomes an int, as kubectl's YAML to JSON conversion writes `1.0` as `1`)."""
        if value is None:
            return value
        name = _def_name(schema)
        if name is not None:
            return self._named(name, value, struct, go_path, path, schema)
        types = _types(schema) - {"null"}
        if not types:
            return value  # apiextensions JSON, RawExtension-like: anything goes
        kind = json_kind(value)
        if "object" in types:
            if kind != "object":
                self._type_error(kind, struct, go_path, schema)
            elif "properties" in schema:
                self._struct(schema, value, struct, go_path, path)
            elif isinstance(schema.get("additionalProperties"), dict):
                for key, item in value.items():
                    value[key] = self.value(schema["additionalProperties"], item, struct, go_path,
                                            f"{path}.{key}" if path else key)
        elif "array" in types:
            if kind != "array":
                self._type_error(kind, struct, go_path, schema)
                return value
            items = schema.get("items") or {}
            for index, item in enumerate(value):
                value[index] = _zero(items) if item is None else self.value(items, item, struct, go_path,
                                                                            f"{path}[{index}]")
        elif "string" in types:
            if kind != "string":
                self._type_error(kind, struct, go_path, schema)
            elif schema.get("format") == "byte":
                _check_base64(value)
        elif "integer" in types:
            if kind != "number":
                self._type_error(kind, struct, go_path, schema)
                return value
            value = _whole(value)
            low, high = _INT_RANGES.get(schema.get("format") or "int64", _INT_RANGES["int64"])
            if isinstance(value, float) or not low <= value <= high:
                self._type_error(_number_literal(value), struct, go_path, schema)
        elif "number" in types:
            if kind != "number":
                self._type_error(kind, struct, go_path, schema)
        elif "boolean" in types and kind != "bool":
            self._type_error(kind, struct, go_path, schema)
        return value

    def _named(self, name: str, value: Any, struct: str, go_path: list[str], path: str,
               schema: dict[str, Any]) -> Any:
        if name == _QUANTITY:
            if not isinstance(value, (str, int, float)):
                raise _Abort(FORMAT_WRONG)
            try:
                parse_json_quantity(value)
            except QuantityError as error:
                raise _Abort(str(error)) from None
            return value
        if name == _INT_OR_STRING:
            if isinstance(value, str):
                return value
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self._type_error(json_kind(value), struct, go_path, schema)
                return value
            value = _whole(value)
            if isinstance(value, float) or not -2**31 <= value < 2**31:
                self._type_error(_number_literal(value), struct, go_path, schema)
            return value
        if name in _TIMES:
            if not isinstance(value, str):
                self._type_error(json_kind(value), struct, go_path, schema)
            return value
        definition = definitions()[name]
        if "properties" not in definition:
            return self.value(definition, value, struct, go_path, path)
        if not isinstance(value, dict):
            self._type_error(json_kind(value), struct, go_path, schema)
        else:
            self._struct(definition, value, name.rsplit(".", 1)[-1], go_path, path)
        return value

    def _struct(self, schema: dict[str, Any], value: dict[str, Any], struct: str, go_path: list[str],
                path: str) -> None:
        properties = schema["properties"]
        for key in list(value):
            child_path = f"{path}.{key}" if path else key
            sub = properties.get(key)
            if sub is None:
                self.walk.strict_paths.append(child_path)
                del value[key]
            elif value[key] is None:
                if key != "creationTimestamp":  # a Time struct: Go writes its zero value back as null
                    del value[key]
            else:
                value[key] = self.value(sub, value[key], struct, go_path + [key], child_path)


def _zero(schema: dict[str, Any]) -> Any:
    """What a JSON null in a list becomes in Go: the element type's zero value."""
    name = _def_name(schema)
    if name in _TIMES:
        return None
    if name == _INT_OR_STRING:
        return 0
    if name == _QUANTITY:
        return "0"
    if name is not None:
        schema = definitions()[name]
    types = _types(schema) - {"null"}
    for json_type, zero in (("object", {}), ("array", []), ("string", ""), ("integer", 0), ("number", 0),
                            ("boolean", False)):
        if json_type in types:
            return zero
    return None


def _whole(number: int | float) -> int | float:
    return int(number) if isinstance(number, float) and number.is_integer() else number


def _check_base64(text: str) -> None:
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        stripped = text.rstrip("=")
        bad = next((i for i, ch in enumerate(text) if not (ch.isalnum() or ch in "+/=")), len(stripped))
        raise _Abort(f"illegal base64 data at input byte {bad}") from None


def decoding_prefix(kind: str, version: str) -> str:
    return f'{kind} in version "{version}" cannot be handled as a {kind}: '


def strict_outcome(kind: str, version: str, unknown: Sequence[str], duplicates: Sequence[str],
                   field_validation: str) -> list[str]:
    """Unknown and duplicate fields per fieldValidation: Strict raises the 400, Warn returns the warnings."""
    problems = [f'unknown field "{path}"' for path in unknown] + [f'duplicate field "{path}"' for path in duplicates]
    if not problems or field_validation == "Ignore":
        return []
    if field_validation == "Warn":
        return problems
    raise errors.bad_request(decoding_prefix(kind, version) + "strict decoding error: " + ", ".join(problems))


def decode(schema_name: str, obj: dict[str, Any], kind: str, version: str, field_validation: str = "Strict",
           duplicate_fields: Sequence[str] = ()) -> list[str]:
    """Check and prune `obj` (a `kind` of `schema_name`) in place as the apiserver decodes a body; return the
    warnings of fieldValidation=Warn. Raises the 400 BadRequest the apiserver answers."""
    decoder = _Decoder()
    try:
        decoder.value({"$ref": REF_PREFIX + schema_name}, obj, kind, [], "")
    except _Abort as abort:
        raise errors.bad_request(decoding_prefix(kind, version) + str(abort)) from None
    if decoder.walk.type_error is not None:
        raise errors.bad_request(decoding_prefix(kind, version) + decoder.walk.type_error)
    return strict_outcome(kind, version, decoder.walk.strict_paths, duplicate_fields, field_validation)
