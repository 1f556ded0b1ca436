"""Go's `fmt.Sprint` of decoded JSON values (what kubectl prints for a table cell, a custom column or a go-template
action that is not a string): `<nil>`, `true`, int64 digits, float64 as `%v`, `map[k:v ...]` with sorted keys,
`[a b]`."""

from __future__ import annotations

import json
from typing import Any


def sprint(value: Any) -> str:
    from minikube_py.api.json_values import go_format

    return go_format(value)


def go_json(value: Any) -> str:
    """Go's `json.Marshal` of a decoded JSON value: compact, map keys sorted, Go's float64 and HTML-safe escaping."""
    from minikube_py.api.json_values import go_json_escape, go_json_float

    def encode(item: Any) -> str:
        if isinstance(item, dict):
            return "{" + ",".join(f"{encode(key)}:{encode(item[key])}" for key in sorted(item)) + "}"
        if isinstance(item, list):
            return "[" + ",".join(encode(element) for element in item) + "]"
        if isinstance(item, float):
            return go_json_float(item)
        return go_json_escape(json.dumps(item, ensure_ascii=False))

    return encode(value)


_QUOTE_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
                  '"': '\\"', "\\": "\\\\"}


def quote(text: str) -> str:
    """strconv.Quote (`%q`): double-quoted, Go escapes for quotes, backslashes and unprintable characters."""
    out = []
    for char in text:
        if char in _QUOTE_ESCAPES:
            out.append(_QUOTE_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        elif ord(char) < 0x80:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def sharp_v(value: Any) -> str:
    """`%#v` of a decoded JSON value (Go syntax: `map[string]interface {}{"a":1}`, `interface {}(nil)`)."""
    if isinstance(value, dict):
        return "map[string]interface {}{" + ", ".join(f"{quote(key)}:{sharp_v(value[key])}"
                                                      for key in sorted(value)) + "}"
    if isinstance(value, list):
        return "[]interface {}{" + ", ".join(sharp_v(item) for item in value) + "}"
    if isinstance(value, str):
        return quote(value)
    if value is None:
        return "interface {}(nil)"
    return sprint(value)


def sorted_keys(value: Any) -> Any:
    """The value with every mapping's keys in Go's map order (sorted bytewise), as `json.Marshal` writes a map."""
    if isinstance(value, dict):
        return {key: sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_keys(item) for item in value]
    return value
