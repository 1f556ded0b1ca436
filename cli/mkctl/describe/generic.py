"""kubectl's fallback describer for kinds without their own (custom resources, leases, ...): name, namespace,
labels, annotations, then every other field of the object as `printUnstructuredContent` dumps it, sorted, with
field names turned into labels (`apiVersion` -> `API Version`), then the events."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .common import Obj, PrefixWriter, Writer, annotations, events, labels, meta

SKIPPED = (".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
           ".metadata.annotations")
ACRONYMS = ("API", "URL", "UID", "OSB", "GUID")
_NOT_A_LABEL = re.compile(r"[^A-Za-z\-]")


def describe_generic(obj: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]], now: float) -> str:
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta(obj).get('name', '')}\n")
    w.write(0, f"Namespace:\t{meta(obj).get('namespace', '')}\n")
    labels(w, "Labels", meta(obj).get("labels"))
    annotations(w, "Annotations", meta(obj).get("annotations"))
    unstructured(w, 0, obj, "")
    events(w, object_events, now)
    return w.render()


def unstructured(w: Writer, level: int, content: dict[str, Any], prefix: str) -> None:
    """`printUnstructuredContent`: maps and lists as headings with their items one level deeper."""
    for field in sorted(content):
        value, path = content[field], f"{prefix}.{field}"
        if path in SKIPPED:
            continue
        if isinstance(value, dict):
            w.write(level, f"{smart_label(field)}:\n")
            unstructured(w, level + 1, value, path)
        elif isinstance(value, list):
            w.write(level, f"{smart_label(field)}:\n")
            for child in value:
                if isinstance(child, dict):
                    unstructured(w, level + 1, child, path)
                else:
                    w.write(level + 1, f"{go_value(child)}\n")
        else:
            w.write(level, f"{smart_label(field)}:\t{go_value(value)}\n")


def go_value(value: Any) -> str:
    """Go's `%v` of a decoded JSON value."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _go_float(value)
    if isinstance(value, list):
        return "[" + " ".join(go_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{key}:{go_value(value[key])}" for key in sorted(value)) + "]"
    return str(value)


def _go_float(value: float) -> str:
    """`%v` of a float64: the shortest representation, in exponent form below 1e-4 and from 1e21."""
    text = repr(value)
    if "e" not in text:
        return text.removesuffix(".0")
    mantissa, exponent = text.split("e")
    power = int(exponent)
    if power >= 21 or power < -4:
        return f"{mantissa}e{'-' if power < 0 else '+'}{abs(power):02d}"
    return format(Decimal(text), "f")


def smart_label(field: str) -> str:
    """`smartLabelFor`: camelCase split into title-cased words, known acronyms upper-cased; names with other
    characters than letters and `-` as they are."""
    if _NOT_A_LABEL.search(field):
        return field
    words = []
    for part in camel_split(field):
        if part == "_":
            continue
        words.append(part.upper() if part.upper() in ACRONYMS else part[:1].upper() + part[1:])
    return " ".join(words)


def camel_split(text: str) -> list[str]:
    """fatih/camelcase `Split`: runs of lower, upper, digit and other characters, an upper run's last letter
    moved to a following lower run (`HTTPServer` -> `HTTP`, `Server`)."""
    runs: list[list[str]] = []
    last_class = 0
    for char in text:
        kind = 1 if char.islower() else 2 if char.isupper() else 3 if char.isdigit() else 4
        if kind == last_class:
            runs[-1].append(char)
        else:
            runs.append([char])
        last_class = kind
    for index in range(len(runs) - 1):
        if runs[index][0].isupper() and runs[index + 1][0].islower():
            runs[index + 1].insert(0, runs[index].pop())
    return ["".join(run) for run in runs if run]

