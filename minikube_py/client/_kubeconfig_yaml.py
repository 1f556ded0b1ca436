"""A reader for the block-YAML subset kubeconfig files are written in (by kubectl, kubeadm and minikube_py.pki),
so that a command does not pay PyYAML's import on every start.

It reads mappings and sequences in block style, `{}` and `[]`, plain scalars that can only be strings, integers,
booleans (`true`/`false`) or null, and single- or double-quoted strings on one line; for anything else (flow
collections with content, block scalars, anchors, tags, comments after values, YAML 1.1 `yes`/`on`, numbers in
other forms, several documents ...) it raises `Unsupported` and the caller falls back to PyYAML. Whatever it
returns equals `yaml.safe_load` of the same text."""

from __future__ import annotations

import json
import re
from typing import Any

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-/]*")
_PLAIN_OK = re.compile(r"[A-Za-z0-9_./+\-][^#]*")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11 = re.compile(r"(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(\.[0-9]|[0-9]).*|[-+]?\.(inf|Inf|"
                     r"INF|nan|NaN|NAN)|<<)")


class Unsupported(ValueError):
    """The text uses YAML this reader does not handle."""


def load(text: str) -> Any:
    lines: list[tuple[int, str]] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or (not lines and stripped == "---"):
            continue
        if "\t" in raw[: len(raw) - len(raw.lstrip())] or stripped in ("---", "..."):
            raise Unsupported("tabs or several documents")
        lines.append((len(raw) - len(raw.lstrip(" ")), stripped))
    if not lines:
        return None
    value, end = _node(lines, 0, lines[0][0])
    if end != len(lines):
        raise Unsupported("trailing content")
    return value


def _node(lines: list[tuple[int, str]], i: int, indent: int) -> tuple[Any, int]:
    if lines[i][1].startswith("- ") or lines[i][1] == "-":
        return _sequence(lines, i, indent)
    return _mapping(lines, i, indent)


def _sequence(lines: list[tuple[int, str]], i: int, indent: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    while i < len(lines) and lines[i][0] == indent and (lines[i][1].startswith("- ") or lines[i][1] == "-"):
        rest = lines[i][1][1:].lstrip(" ")
        if not rest:
            if i + 1 < len(lines) and lines[i + 1][0] > indent:
                value, i = _node(lines, i + 1, lines[i + 1][0])
            else:
                value, i = None, i + 1
        elif _is_entry(rest):
            inner = indent + len(lines[i][1]) - len(rest)
            lines[i] = (inner, rest)   # the item's first key starts the mapping at its own column
            value, i = _mapping(lines, i, inner)
        else:
            value, i = _scalar(rest), i + 1
        items.append(value)
    return items, i


def _is_entry(text: str) -> bool:
    key, colon, rest = text.partition(":")
    return bool(colon) and (rest == "" or rest.startswith(" ")) and _KEY.fullmatch(key) is not None


def _mapping(lines: list[tuple[int, str]], i: int, indent: int) -> tuple[dict[str, Any], int]:
    mapping: dict[str, Any] = {}
    while i < len(lines) and lines[i][0] == indent:
        text = lines[i][1]
        if not _is_entry(text):
            raise Unsupported(f"not a mapping entry: {text!r}")
        key, _, rest = text.partition(":")
        if key in mapping or key == "<<":
            raise Unsupported("repeated or merge key")
        rest = rest.strip()
        i += 1
        if rest:
            mapping[key] = _scalar(rest)
        elif i < len(lines) and (lines[i][0] > indent or (lines[i][0] == indent and lines[i][1][:2] in ("- ", "-"))):
            mapping[key], i = _node(lines, i, lines[i][0])
        else:
            mapping[key] = None
    if i < len(lines) and lines[i][0] > indent:
        raise Unsupported("continuation line")
    return mapping, i


def _scalar(text: str) -> Any:
    if text == "{}":
        return {}
    if text == "[]":
        return []
    if text.startswith("'") and text.endswith("'") and len(text) > 1:
        inner = text[1:-1]
        if "'" in inner.replace("''", ""):
            raise Unsupported("quote inside a single-quoted string")
        return inner.replace("''", "'")
    if text.startswith('"') and text.endswith('"') and len(text) > 1:
        if "\\" in text:
            raise Unsupported("escapes")
        try:
            return json.loads(text)
        except ValueError:   # not one string: `"": ""` (a quoted key), `"a" "b"`
            raise Unsupported(f"scalar {text!r}") from None
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.fullmatch(text):
        return int(text)
    if _YAML11.fullmatch(text) or not _PLAIN_OK.fullmatch(text) or ": " in text or text.endswith(":") \
            or text.startswith(("- ", "--")) or text == "-":
        raise Unsupported(f"scalar {text!r}")
    return text
