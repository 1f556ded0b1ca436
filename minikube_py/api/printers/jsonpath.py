"""The JSONPath of CRD `additionalPrinterColumns` (`.spec.replicas`, `.status.conditions[0].type`,
`.status.conditions[?(@.type=="Ready")].status`, `.metadata.labels['app.kubernetes.io/name']`, `[*]`), evaluated
as client-go's jsonpath does with missing keys allowed, and its text printing of a result."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from ..json_values import go_float

Step = Callable[[list[Any]], list[Any]]

_FIELD = re.compile(r"\.([^.\[\]]+)")
_QUOTED = re.compile(r"""^'([^']*)'$|^"([^"]*)"$""")
_FILTER = re.compile(r"^\?\(@((?:\.[^.=!<>\s]+)+)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*\)$")


class PathError(ValueError):
    """The path does not parse, or its evaluation fails (a filter comparing a string with a number ...)."""


def _field(key: str) -> Step:
    return lambda values: [value[key] for value in values if isinstance(value, dict) and key in value]


def _index(index: int) -> Step:
    def step(values: list[Any]) -> list[Any]:
        found = []
        for value in values:
            if not isinstance(value, list):
                raise PathError(f"{value!r} is not array or slice")
            position = index + len(value) if index < 0 else index
            if not 0 <= position < len(value):
                raise PathError(f"array index out of bounds: index {index}, length {len(value)}")
            found.append(value[position])
        return found
    return step


def _wildcard(values: list[Any]) -> list[Any]:
    found: list[Any] = []
    for value in values:
        if isinstance(value, list):
            found.extend(value)
        elif isinstance(value, dict):
            found.extend(value[key] for key in sorted(value))
    return found


def _literal(text: str) -> Any:
    quoted = _QUOTED.match(text)
    if quoted:
        return quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
    if text in ("true", "false"):
        return text == "true"
    try:
        return json.loads(text)
    except ValueError:
        raise PathError(f"unrecognized filter value {text}") from None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    return "number" if isinstance(value, int | float) else type(value).__name__


_COMPARE = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
            ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b}


def _filter(path: str, operator: str | None, literal: str | None) -> Step:
    steps = [_field(key) for key in path.strip(".").split(".")]
    right = None if literal is None else _literal(literal)

    def step(values: list[Any]) -> list[Any]:
        found = []
        for value in values:
            if not isinstance(value, list):
                raise PathError(f"{value!r} is not array or slice and cannot be filtered")
            for item in value:
                lefts = _run(steps, [item])
                if not lefts:
                    continue
                if len(lefts) > 1:
                    raise PathError("can only compare one element at a time")
                if operator is None:
                    found.append(item)
                    continue
                if _kind(lefts[0]) != _kind(right) or (operator not in ("==", "!=") and _kind(right) == "bool"):
                    raise PathError("incompatible types for comparison")
                if _COMPARE[operator](lefts[0], right):
                    found.append(item)
        return found
    return step


def _bracket(content: str) -> Step:
    content = content.strip()
    if content == "*":
        return _wildcard
    quoted = _QUOTED.match(content)
    if quoted:
        return _field(quoted.group(1) if quoted.group(1) is not None else quoted.group(2))
    condition = _FILTER.match(content)
    if condition:
        return _filter(*condition.groups())
    try:
        return _index(int(content))
    except ValueError:
        raise PathError(f"unsupported JSONPath subscript [{content}]") from None


@functools.lru_cache(maxsize=256)
def compile_path(path: str) -> tuple[Step, ...]:
    """The steps of a column's JSONPath (with or without the surrounding `{}`); PathError if unsupported."""
    text = path.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    steps: list[Step] = []
    position = 0
    while position < len(text):
        if text.startswith("..", position):
            raise PathError("recursive descent is not supported")
        if text.startswith(".*", position):
            steps.append(_wildcard)
            position += 2
            continue
        field = _FIELD.match(text, position)
        if field:
            steps.append(_field(field.group(1)))
            position = field.end()
            continue
        if text[position] != "[":
            raise PathError(f"unrecognized JSONPath {path!r}")
        close = _closing_bracket(text, position)
        steps.append(_bracket(text[position + 1:close]))
        position = close + 1
    return tuple(steps)


def _closing_bracket(text: str, start: int) -> int:
    """The `]` closing the `[` at `start`, skipping quoted text and nested parentheses (filters)."""
    quote, depth = "", 0
    for position in range(start + 1, len(text)):
        char = text[position]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "]" and depth == 0:
            return position
    raise PathError(f"unterminated [ in {text!r}")


def _run(steps: list[Step] | tuple[Step, ...], values: list[Any]) -> list[Any]:
    for step in steps:
        values = step(values)
        if not values:
            return []
    return values


def find(path: str, obj: dict[str, Any]) -> list[Any]:
    """Every value the path selects in `obj` (none when a key is missing); PathError when evaluation fails."""
    return _run(compile_path(path), [obj])


def text(value: Any) -> str:
    """How jsonpath prints one result: objects and lists as compact JSON, scalars as Go's `fmt.Fprint`."""
    if isinstance(value, dict | list):
        encoded = json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
        return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    if value is None:
        return "<no value>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    return str(value)
