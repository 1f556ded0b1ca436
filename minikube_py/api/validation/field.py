"""Field errors as apimachinery's `field.Error` prints them: `spec.containers[0].image: Required value`,
`metadata.name: Invalid value: "Web": <detail>`, `spec.restartPolicy: Unsupported value: "x": supported values:
"Always", ...`, each a `Cause` of a 422 Invalid error. Bad values are printed as Go's fmt prints them (strings
quoted, numbers and booleans bare, maps and slices as `%#v`)."""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..errors import Cause


def go_quote(text: str) -> str:
    """Go's `%q` of a string (close enough: JSON escaping without escaping non-ASCII)."""
    return json.dumps(text, ensure_ascii=False)


def go_value(value: Any, go_type: str = "") -> str:
    """How `field.Error` prints a bad value: `%v` for numbers and booleans, `%q` for strings, `%#v` otherwise
    (`go_type` names the Go type of a map or slice: `map[string]string`, `[]string`)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, dict):
        body = ", ".join(f"{go_quote(str(k))}:{go_value(value[k])}" for k in sorted(value))
        return f"{go_type or 'map[string]string'}{{{body}}}"
    if isinstance(value, list):
        body = ", ".join(go_value(item) for item in value)
        return f"{go_type or '[]string'}{{{body}}}"
    return str(value)


def _with_detail(body: str, detail: str) -> str:
    return f"{body}: {detail}" if detail else body


def required(path: str, detail: str = "") -> Cause:
    return Cause(path, "FieldValueRequired", _with_detail("Required value", detail))


def invalid(path: str, value: Any, detail: str, go_type: str = "") -> Cause:
    return Cause(path, "FieldValueInvalid", _with_detail(f"Invalid value: {go_value(value, go_type)}", detail))


def invalid_repr(path: str, printed: str, detail: str) -> Cause:
    """An Invalid value whose value is already printed (a Go struct's `%#v`)."""
    return Cause(path, "FieldValueInvalid", _with_detail(f"Invalid value: {printed}", detail))


def not_supported(path: str, value: Any, supported: Iterable[str]) -> Cause:
    listed = ", ".join(go_quote(v) for v in supported)
    detail = f"supported values: {listed}" if listed else ""
    return Cause(path, "FieldValueNotSupported", _with_detail(f"Unsupported value: {go_value(value)}", detail))


def duplicate(path: str, value: Any) -> Cause:
    return Cause(path, "FieldValueDuplicate", f"Duplicate value: {go_value(value)}")


def not_found(path: str, value: Any) -> Cause:
    return Cause(path, "FieldValueNotFound", f"Not found: {go_value(value)}")


def forbidden(path: str, detail: str) -> Cause:
    return Cause(path, "FieldValueForbidden", _with_detail("Forbidden", detail))


def too_long(path: str, detail: str) -> Cause:
    """`Too long: <detail>`: the detail is `names`' wording (`may not be more than 262144 bytes`)."""
    return Cause(path, "FieldValueTooLong", f"Too long: {detail}")


def too_long_bytes(path: str, max_length: int) -> Cause:
    return too_long(path, f"may not be more than {max_length} bytes")


def too_many(path: str, actual: int, max_items: int) -> Cause:
    return Cause(path, "FieldValueTooMany", f"Too many: {actual}: must have at most {max_items} items")


def immutable(path: str, value: Any, go_type: str = "") -> Cause:
    return invalid(path, value, "field is immutable", go_type)


def each_message(path: str, value: Any, messages: Iterable[str]) -> list[Cause]:
    """One Invalid cause per message of a value check (`is_dns1123_label` ...), as Kubernetes lists them."""
    return [invalid(path, value, message) for message in messages]


def port_range(path: str, value: Any) -> list[Cause]:
    """`must be between 1 and 65535, inclusive` (IsValidPortNum)."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 65535:
        return []
    return [invalid(path, value, "must be between 1 and 65535, inclusive")]


def non_negative(path: str, value: Any) -> list[Cause]:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        return [invalid(path, value, "must be greater than or equal to 0")]
    return []


def one_of(path: str, value: Any, supported: Iterable[str], required_when_empty: bool = True) -> list[Cause]:
    """Required when empty, Unsupported when not one of `supported`."""
    supported = list(supported)
    if value in (None, ""):
        return [required(path)] if required_when_empty else []
    return [] if value in supported else [not_supported(path, value, supported)]
