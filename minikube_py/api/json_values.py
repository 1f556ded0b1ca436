"""JSON values as Go's encoding/json and apimachinery see them: deep copies, equality that keeps booleans apart
from numbers, the Go type a value decodes to (for messages), and Go's `%v` rendering used in patch error texts."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any


def copy(value: Any) -> Any:
    """A deep copy of a JSON value (dicts, lists, scalars), much faster than `copy.deepcopy`."""
    if isinstance(value, dict):
        return {key: copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy(item) for item in value]
    return value


def kind(value: Any) -> str:
    """The JSON kind of a value: object, array, string, number, bool or null (Go decodes numbers alike)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def equal(left: Any, right: Any) -> bool:
    """Deep equality of JSON values: `1 == 1.0`, but `true != 1`."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, dict):
        return isinstance(right, dict) and left.keys() == right.keys() and all(
            equal(item, right[key]) for key, item in left.items())
    if isinstance(left, list):
        return isinstance(right, list) and len(left) == len(right) and all(map(equal, left, right))
    return kind(left) == kind(right) and left == right


def go_format(value: Any) -> str:
    """Go's `fmt.Sprintf("%v", v)` of a decoded JSON value: `map[image:nginx name:web]`, `[a b]`, `<nil>`."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    if isinstance(value, dict):
        return "map[" + " ".join(f"{key}:{go_format(value[key])}" for key in sorted(value)) + "]"
    if isinstance(value, list):
        return "[" + " ".join(go_format(item) for item in value) + "]"
    return str(value)


def go_float(value: float) -> str:
    """Go's `fmt.Sprint(float64)` / `strconv.FormatFloat(f, 'g', -1, 64)`: shortest digits, exponent form below
    1e-4 and from 1e+06 up (`1e+06`, `1.5e-05`), `NaN`, `+Inf`, `-0`."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign = "-" if value < 0 else ""
    number = Decimal(repr(abs(value))).normalize()
    digits = "".join(str(digit) for digit in number.as_tuple().digits)
    point = len(digits) + int(number.as_tuple().exponent)
    exponent = point - 1
    if exponent < -4 or exponent >= 6:
        tail = "." + digits[1:] if len(digits) > 1 else ""
        return f"{sign}{digits[0]}{tail}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


def go_json_float(value: float) -> str:
    """encoding/json's float64: positional unless the exponent is below -6 or at least 21 (then `1e-7`, `1e+21`)."""
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    magnitude = abs(value)
    if magnitude < 1e-6 or magnitude >= 1e21:
        mantissa, _, exponent = repr(value).partition("e")
        mantissa = mantissa.removesuffix(".0")
        sign = exponent[0] if exponent[0] in "+-" else "+"
        return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    text = format(Decimal(repr(value)), "f")
    return text.removesuffix(".0") if "." in text else text


_GO_HTML_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029"))


def go_json_escape(encoded: str) -> str:
    """JSON text with the characters Go's encoding/json escapes for HTML safety escaped as it does."""
    for raw, escaped in _GO_HTML_ESCAPES:
        encoded = encoded.replace(raw, escaped)
    return encoded
