"""kubectl's `-o json`, `-o yaml` and `-o name` texts of one object.

`to_json` is Go's `json.MarshalIndent(obj, "", "    ")` plus a newline: keys in the order the dict has them (the
generators build them in Go struct field order), `<`, `>`, `&`, U+2028 and U+2029 escaped as Go escapes them,
numbers as Go writes float64s. `to_yaml` is sigs.k8s.io/yaml's output (see `_goyaml`): keys sorted, go-yaml v2
scalar styles. `to_name` is the name printer. `go_compact_json` is `json.Marshal` (compact), used where
kubectl hashes or embeds JSON (docker config, `--append-hash`, `--save-config`)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from . import _goyaml

_GO_HTML_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029"))


def to_yaml(obj: Any) -> str:
    return _goyaml.dump(obj)


def to_json(obj: Any) -> str:
    return "".join(_json(obj, 0)) + "\n"


def to_name(obj: Any, operation: str = "") -> str:
    """kubectl's name printer: `deployment.apps/web` (`-o name`), or with the operation kubectl reports when no
    -o is given (`deployment.apps/web created (dry run)`, `service/web exposed (dry run)`)."""
    group = obj.get("apiVersion", "").rpartition("/")[0]
    kind = obj.get("kind", "").lower()
    name = (obj.get("metadata") or {}).get("name", "")
    line = f"{kind}.{group}/{name}" if group else f"{kind}/{name}"
    return f"{line} {operation}\n" if operation else line + "\n"


def go_compact_json(obj: Any) -> str:
    """json.Marshal: compact, Go's HTML-safe escaping; keys in the dict's order (sort them for a Go map)."""
    return _go_escape(json.dumps(obj, separators=(",", ":"), ensure_ascii=False))


def _go_escape(text: str) -> str:
    for raw, escaped in _GO_HTML_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _go_json_float(value: float) -> str:
    """encoding/json's float64: positional unless the exponent is below -6 or at least 21 (then `1e-7`, `1e+21`)."""
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    magnitude = abs(value)
    if magnitude < 1e-6 or magnitude >= 1e21:
        mantissa, _, exponent = repr(value).partition("e")
        mantissa = mantissa.removesuffix(".0")
        sign = exponent[0] if exponent[0] in "+-" else "+"
        return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    text = format(Decimal(repr(value)), "f")
    return text.removesuffix(".0") if "." in text else text


def _json(value: Any, depth: int) -> list[str]:
    if isinstance(value, dict):
        if not value:
            return ["{}"]
        inner = "    " * (depth + 1)
        parts = ["{\n"]
        for index, (key, item) in enumerate(value.items()):
            parts += [inner, _go_escape(json.dumps(key, ensure_ascii=False)), ": ", *_json(item, depth + 1)]
            parts.append(",\n" if index < len(value) - 1 else "\n")
        return parts + ["    " * depth, "}"]
    if isinstance(value, list):
        if not value:
            return ["[]"]
        inner = "    " * (depth + 1)
        parts = ["[\n"]
        for index, item in enumerate(value):
            parts += [inner, *_json(item, depth + 1), ",\n" if index < len(value) - 1 else "\n"]
        return parts + ["    " * depth, "]"]
    if isinstance(value, float) and not isinstance(value, bool):
        return [_go_json_float(value)]
    return [_go_escape(json.dumps(value, ensure_ascii=False))]
