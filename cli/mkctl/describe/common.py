"""Sections every describer shares, as kubectl's describe.go writes them: multi-line labels, annotations,
taints and tolerations, the Events table, RFC 1123 times, `Controlled By`, Go's `%v` of string lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from minikube_py.api.printers.columns import epoch, since

from .writer import NestedWriter, PrefixWriter

Obj = dict[str, Any]
Writer = PrefixWriter | NestedWriter

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
MAX_ANNOTATION_LENGTH = 140
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def meta(obj: Obj) -> Obj:
    return obj.get("metadata") or {}


def rfc1123z(timestamp: str | None) -> str:
    """Go's `Time.Format(time.RFC1123Z)` in the local zone (`Mon, 07 Dec 2026 21:04:49 +0000`); Go's zero time
    for an absent one."""
    then = epoch(timestamp) if timestamp else None
    if then is None:
        return "Mon, 01 Jan 0001 00:00:00 +0000"
    local = datetime.fromtimestamp(then).astimezone()
    return (f"{_DAYS[local.weekday()]}, {local.day:02d} {_MONTHS[local.month - 1]} {local.year} "
            f"{local:%H:%M:%S %z}")


def go_list(values: Iterable[Any] | None) -> str:
    """Go's `%v` of a slice: `[a b c]`."""
    return "[" + " ".join(str(value) for value in values or ()) + "]"


def go_bool(value: bool | None) -> str:
    """Go's `%v` of a bool: `true`/`false`."""
    return "true" if value else "false"


def print_bool(value: bool | None) -> str:
    """`printBool`: `True`/`False`."""
    return "True" if value else "False"


def print_bool_ptr(value: bool | None) -> str:
    """`printBoolPtr`: `True`, `False`, or `<unset>` for a nil pointer."""
    return "<unset>" if value is None else print_bool(value)


def controller_of(obj: Obj) -> Obj | None:
    """`metav1.GetControllerOf`: the ownerReference with `controller: true`."""
    return next((ref for ref in meta(obj).get("ownerReferences") or () if ref.get("controller")), None)


def controlled_by(w: Writer, obj: Obj) -> None:
    if (ref := controller_of(obj)) is not None:
        w.write(0, f"Controlled By:\t{ref.get('kind', '')}/{ref.get('name', '')}\n")


def name_and_namespace(w: Writer, obj: Obj) -> None:
    w.write(0, f"Name:\t{meta(obj).get('name', '')}\n")
    w.write(0, f"Namespace:\t{meta(obj).get('namespace', '')}\n")


def multiline(w: Writer, title: str, items: list[str], initial_indent: str = "", inner_indent: str = "\t") -> None:
    """The shape of `printLabelsMultilineWithIndent` and its siblings: the title, then one item a line."""
    w.write(0, f"{initial_indent}{title}:{inner_indent}")
    if not items:
        w.line("<none>")
        return
    for index, item in enumerate(items):
        if index:
            w.write(0, initial_indent)
            w.write(0, inner_indent)
        w.write(0, item + "\n")


def labels(w: Writer, title: str, values: Mapping[str, str] | None, initial_indent: str = "") -> None:
    """`printLabelsMultiline`: `key=value` sorted by key, `<none>` when empty."""
    values = values or {}
    multiline(w, title, [f"{key}={values[key]}" for key in sorted(values)], initial_indent)


def annotations(w: Writer, title: str, values: Mapping[str, str] | None) -> None:
    """`printAnnotationsMultiline`: sorted, without the last-applied configuration; long or multi-line values
    on their own lines, each cut at 140 characters."""
    w.write(0, f"{title}:\t")
    values = values or {}
    keys = sorted(key for key in values if key != LAST_APPLIED)
    if not keys:
        w.line("<none>")
        return
    for index, key in enumerate(keys):
        if index:
            w.write(0, "\t")
        value = values[key].removesuffix("\n")
        if len(value) + len(key) + 2 > MAX_ANNOTATION_LENGTH or "\n" in value:
            w.write(0, f"{key}:\n")
            for part in value.split("\n"):
                w.write(0, f"\t  {_shorten(part, MAX_ANNOTATION_LENGTH - 2)}\n")
        else:
            w.write(0, f"{key}: {value}\n")


def _shorten(text: str, limit: int) -> str:
    return text[:limit] + "..." if len(text) > limit else text


def toleration_text(toleration: Obj) -> str:
    key, value, effect = toleration.get("key", ""), toleration.get("value", ""), toleration.get("effect", "")
    text = key + (f"={value}" if value else "") + (f":{effect}" if effect else "")
    if toleration.get("operator") == "Exists" and not value:
        text += " op=Exists" if key or effect else "op=Exists"
    if toleration.get("tolerationSeconds") is not None:
        text += f" for {toleration['tolerationSeconds']}s"
    return text


def tolerations(w: Writer, title: str, items: list[Obj] | None) -> None:
    """`printPodTolerationsMultiline`: sorted by key (stably)."""
    multiline(w, title, [toleration_text(t) for t in sorted(items or (), key=lambda t: t.get("key", ""))])


def taint_text(taint: Obj) -> str:
    """`Taint.ToString`: `key=value:Effect` (`key:Effect` without a value)."""
    value = taint.get("value", "")
    return f"{taint.get('key', '')}{'=' + value if value else ''}:{taint.get('effect', '')}"


def taints(w: Writer, title: str, items: list[Obj] | None) -> None:
    ordered = sorted(items or (), key=lambda t: f"{t.get('effect', '')},{t.get('key', '')}")
    multiline(w, title, [taint_text(taint) for taint in ordered])


def events(w: Writer, items: Iterable[Obj] | None, now: float) -> None:
    """`DescribeEvents`: `Events:  <none>`, or the table sorted by lastTimestamp (ages relative to `now`)."""
    if items is None:
        return
    items = list(items)
    if not items:
        w.write(0, "Events:\t<none>\n")
        return
    w.flush()
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    for event in sorted(items, key=_last_seen):
        first = since(event.get("eventTime"), now) if event.get("eventTime") else since(
            event.get("firstTimestamp"), now)
        series = event.get("series")
        if series:
            interval = f"{since(series.get('lastObservedTime'), now)} (x{series.get('count', 0)} over {first})"
        elif (event.get("count") or 0) > 1:
            interval = f"{since(event.get('lastTimestamp'), now)} (x{event['count']} over {first})"
        else:
            interval = first
        source = (event.get("source") or {}).get("component") or event.get("reportingComponent", "")
        w.write(1, f"{event.get('type', '')}\t{event.get('reason', '')}\t{interval}\t{source}\t"
                   f"{(event.get('message') or '').strip()}\n")


def _last_seen(event: Obj) -> float:
    """`SortableEvents`: by lastTimestamp, the zero time first."""
    then = epoch(event["lastTimestamp"]) if event.get("lastTimestamp") else None
    return float("-inf") if then is None else then


def sorted_resources(resources: Mapping[str, Any] | None) -> list[str]:
    return sorted(resources or {})
