"""JSON values as Go's encoding/json and apimachinery see them: deep copies, equality that keeps booleans apart
from numbers, the Go type a value decodes to (for messages), and Go's `%v` rendering used in patch error texts."""

from __future__ import annotations

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
        return _go_float(value)
    if isinstance(value, dict):
        return "map[" + " ".join(f"{key}:{go_format(value[key])}" for key in sorted(value)) + "]"
    if isinstance(value, list):
        return "[" + " ".join(go_format(item) for item in value) + "]"
    return str(value)


def _go_float(number: float) -> str:
    """Go's %v of a float64 (strconv 'g' with the shortest representation, exponent from 1e21)."""
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    text = repr(number)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        return f"{mantissa}e{sign}{exponent.lstrip('+-').zfill(2)}"
    return text
