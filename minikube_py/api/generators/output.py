"""kubectl's `-o json`, `-o yaml` and `-o name` texts of one object.

`to_json` is Go's `json.MarshalIndent(obj, "", "    ")` plus a newline: keys in the order the dict has them (the
generators build them in Go struct field order), `<`, `>`, `&`, U+2028 and U+2029 escaped as Go escapes them,
numbers as Go writes float64s. `to_yaml` is sigs.k8s.io/yaml's output (see `_goyaml`): keys sorted, go-yaml v2
scalar styles. `to_name` is the name printer. `go_compact_json` is `json.Marshal` (compact), used where
kubectl hashes or embeds JSON (docker config, `--append-hash`, `--save-config`)."""

from __future__ import annotations

import json
from typing import Any

from ..json_values import go_json_escape, go_json_float
from . import _goyaml


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
    return go_json_escape(json.dumps(obj, separators=(",", ":"), ensure_ascii=False))


def _json(value: Any, depth: int) -> list[str]:
    if isinstance(value, dict):
        if not value:
            return ["{}"]
        inner = "    " * (depth + 1)
        parts = ["{\n"]
        for index, (key, item) in enumerate(value.items()):
            parts += [inner, go_json_escape(json.dumps(key, ensure_ascii=False)), ": ", *_json(item, depth + 1)]
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
        return [go_json_float(value)]
    return [go_json_escape(json.dumps(value, ensure_ascii=False))]
