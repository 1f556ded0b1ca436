"""`mkctl events`: the namespace's (or with `-A` every) core Events, oldest first by their last time, as kubectl's
table LAST SEEN / TYPE / REASON / OBJECT / MESSAGE (`NAMESPACE` first with `-A`), `--for TYPE/NAME`, `--types`,
`-o` as `get -o`, `-w` (list, then the new events as they come; deleted ones are not printed)."""

from __future__ import annotations

import time
from typing import Any

from minikube_py.client.errors import ClientError, ResourceTypeNotFound

from ..session import Session

_TYPES = ("Normal", "Warning")
# corev1.Event's fields Go's encoding prints even when unset (kubectl prints typed Events with -o yaml)
_ZERO_FIELDS = {"firstTimestamp": None, "lastTimestamp": None, "source": {}, "eventTime": None,
                "reportingComponent": "", "reportingInstance": ""}


def run(session: Session) -> int:
    types = [word.strip() for value in session.flag("types") for word in value.split(",") if word.strip()]
    if any(not any(kind.lower() == known.lower() for known in _TYPES) for kind in types):
        raise ClientError("error: valid --types are Normal or Warning")
    field_selector = _for_selector(session) if session.flag("for") else ""
    all_namespaces = session.flag("all-namespaces")
    resource = session.resolve("events")
    namespace = "" if all_namespaces else session.namespace
    printer = _Printer(session, all_namespaces)
    if session.flag("watch"):
        return _watch(session, printer, resource, namespace, field_selector, types)
    items: list[dict[str, Any]] = []
    for page in session.client.list_pages(resource, namespace, field_selector=field_selector,
                                          limit=session.flag("chunk-size")):
        items += page.get("items") or []
    items = sorted((e for e in items if _wanted(e, types)), key=_event_time)
    if not items:
        session.err("No events found.\n" if all_namespaces else f"No events found in {namespace} namespace.\n")
        return 0
    if session.flag("output"):
        _print_typed(session, {"kind": "EventList", "apiVersion": "v1", "metadata": {}, "items": items})
    else:
        printer.print(items)
    return 0


def _watch(session: Session, printer: _Printer, resource: Any, namespace: str, field_selector: str,
           types: list[str]) -> int:
    """kubectl's `events -w`: no list, a watch from "any" resourceVersion (the existing events come first, as ADDED),
    each event printed as it comes."""
    printed = 0
    try:
        from .get import watch_timeout

        for event in session.client.watch(resource, namespace, field_selector=field_selector,
                                          timeout_seconds=watch_timeout(session)):
            obj = event.get("object") or {}
            if event.get("type") == "DELETED" or not _wanted(obj, types):
                continue
            if not session.flag("output"):
                printer.print([obj])
            else:
                if session.flag("output") == "yaml" and printed:
                    session.out("---\n")
                _print_typed(session, {"kind": "Event", "apiVersion": "v1", **obj})
            printed += 1
            session.stdout.flush()
    except KeyboardInterrupt:
        return 1   # kubectl's interrupt handler exits 1
    return 0


def _print_typed(session: Session, obj: dict[str, Any]) -> None:
    """`-o` of kubectl's typed Events: unset fields as Go prints them; `-o name` prints nothing for the list (its
    typed items carry no kind)."""
    from .get import print_objects

    if session.flag("output") == "name" and "items" in obj:
        return
    if "items" in obj:
        obj = {**obj, "items": [{**_ZERO_FIELDS, **item} for item in obj["items"]]}
    else:
        obj = {**_ZERO_FIELDS, **obj}
    if session.flag("output") != "json":
        print_objects(session, obj)
        return
    from minikube_py.api.generators.output import to_json

    from ..printers.formats import without_managed_fields

    if not session.flag("show-managed-fields"):
        obj = without_managed_fields(obj)
    if "items" in obj:
        obj = _go_order({**obj, "items": [_go_event(item) for item in obj["items"]]}, _LIST_ORDER)
    else:
        obj = _go_event(obj)
    session.out(to_json(obj))


# Go's field order of the typed objects kubectl encodes (`-o json` of events)
_LIST_ORDER = ("kind", "apiVersion", "metadata", "items")
_EVENT_ORDER = ("kind", "apiVersion", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp",
                "lastTimestamp", "count", "type", "eventTime", "series", "action", "related", "reportingComponent",
                "reportingInstance")
_META_ORDER = ("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
               "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
               "ownerReferences", "finalizers", "managedFields")
_REFERENCE_ORDER = ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")
_OWNER_ORDER = ("apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion")
_MANAGED_ORDER = ("manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1", "subresource")


def _go_order(obj: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """`obj`'s keys in Go struct order (fields Go does not know, sorted, after them)."""
    ordered = {key: obj[key] for key in order if key in obj}
    ordered.update({key: obj[key] for key in sorted(obj) if key not in ordered})
    return ordered


def _sorted_map(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted_map(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_map(item) for item in value]
    return value


def _go_event(event: dict[str, Any]) -> dict[str, Any]:
    event = {**event, "kind": "Event", "apiVersion": "v1"}
    metadata = dict(event.get("metadata") or {})
    for key in ("labels", "annotations"):
        if key in metadata:
            metadata[key] = _sorted_map(metadata[key])
    if "ownerReferences" in metadata:
        metadata["ownerReferences"] = [_go_order(ref, _OWNER_ORDER) for ref in metadata["ownerReferences"]]
    if "managedFields" in metadata:
        metadata["managedFields"] = [{**_go_order(entry, _MANAGED_ORDER), "fieldsV1": _sorted_map(entry["fieldsV1"])}
                                     if "fieldsV1" in entry else _go_order(entry, _MANAGED_ORDER)
                                     for entry in metadata["managedFields"]]
    event["metadata"] = _go_order(metadata, _META_ORDER)
    for key in ("involvedObject", "related"):
        if isinstance(event.get(key), dict):
            event[key] = _go_order(event[key], _REFERENCE_ORDER)
    for key, order in (("source", ("component", "host")), ("series", ("count", "lastObservedTime"))):
        if isinstance(event.get(key), dict):
            event[key] = _go_order(event[key], order)
    return _go_order(event, _EVENT_ORDER)


def _for_selector(session: Session) -> str:
    kind_text, slash, name = session.flag("for").partition("/")
    if not slash:
        raise ClientError("error: --for must be in resource/name form")
    try:
        resource = session.resolve(kind_text)
    except ResourceTypeNotFound as err:
        raise ClientError(err.message.removeprefix("error: ")) from None
    return (f"involvedObject.kind={resource.kind},involvedObject.apiVersion={resource.group_version},"
            f"involvedObject.name={name}")


def _wanted(event: dict[str, Any], types: list[str]) -> bool:
    return not types or any(str(event.get("type", "")).lower() == kind.lower() for kind in types)


def _event_time(event: dict[str, Any]) -> float:
    from minikube_py.api.printers.columns import epoch

    series = event.get("series") or {}
    stamp = series.get("lastObservedTime") if series else event.get("lastTimestamp") or event.get("eventTime")
    return (epoch(stamp) if stamp else None) or 0.0


class _Printer:
    """kubectl's EventPrinter: the header once, each call's rows aligned together (and with the widths of the rows
    printed before)."""

    def __init__(self, session: Session, all_namespaces: bool) -> None:
        from ..printers.columns_writer import kubectl_tabwriter

        self.session = session
        self.all_namespaces = all_namespaces
        self.headers = not session.flag("no-headers")
        self.writer = kubectl_tabwriter()   # one writer: a watch's rows keep the widths seen so far

    def print(self, events: list[dict[str, Any]]) -> None:
        lines = []
        if self.headers:
            lines.append(("NAMESPACE\t" if self.all_namespaces else "") + "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE")
            self.headers = False
        now = time.time()
        for event in events:
            involved = event.get("involvedObject") or {}
            cells = [_interval(event, now), event.get("type", ""), event.get("reason", ""),
                     f"{involved.get('kind', '')}/{involved.get('name', '')}", event.get("message", "").strip()]
            if self.all_namespaces:
                cells.insert(0, (event.get("metadata") or {}).get("namespace", ""))
            lines.append("\t".join(_escape(cell) for cell in cells))
        self.session.out(self.writer.flush(lines))


def _escape(text: str) -> str:
    return text.replace("\x1b", "^[").replace("\r", "\\r")


def _interval(event: dict[str, Any], now: float) -> str:
    from minikube_py.api.printers.columns import since

    first = since(event.get("eventTime") or event.get("firstTimestamp"), now)
    series = event.get("series")
    if series:
        return f"{since(series.get('lastObservedTime'), now)} (x{series.get('count', 0)} over {first})"
    if (event.get("count") or 0) > 1:
        return f"{since(event.get('lastTimestamp'), now)} (x{event['count']} over {first})"
    return first
