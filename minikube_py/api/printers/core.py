"""The plain core kinds: namespaces, config maps, secrets, service accounts, events (core/v1 and
events.k8s.io/v1), resource quotas and component statuses."""

from __future__ import annotations

from typing import Any

from ..conversion import event_in_core_fields
from .columns import AGE, NAME, Column, Doc, Printer, age, name, quantity, since, status


def _event_source(event: dict[str, Any]) -> str:
    source = event.get("source") or {}
    component = source.get("component") or event.get("reportingComponent") or ""
    host = source.get("host") or event.get("reportingInstance") or ""
    return f"{component}, {host}" if host else component


def _event_row(event: dict[str, Any], now: float) -> list[Any]:
    first = since(event.get("firstTimestamp") or event.get("eventTime"), now)
    last = since(event["lastTimestamp"], now) if event.get("lastTimestamp") else first
    count = event.get("count") or 0
    series = event.get("series")
    if series is not None:
        last, count = since(series.get("lastObservedTime"), now), series.get("count", 0)
    elif count == 0:
        count = 1  # singleton events of the new API carry no count
    involved = event.get("involvedObject") or {}
    kind = involved.get("kind", "").lower()
    target = f"{kind}/{involved['name']}" if involved.get("name") else kind
    return [last, event.get("type", ""), event.get("reason", ""), target, involved.get("fieldPath", ""),
            _event_source(event), event.get("message", "").strip(), first, count, name(event)]


def _resource_quota_row(obj: dict[str, Any], now: float) -> list[Any]:
    hard, used = status(obj).get("hard") or {}, status(obj).get("used") or {}
    requests: list[str] = []
    limits: list[str] = []
    for resource in sorted(hard):
        pieces = resource.split(".")
        column = limits if len(pieces) > 1 and pieces[0] == "limits" else requests
        column.append(f"{resource}: {quantity(used.get(resource))}/{quantity(hard[resource])}")
    return [name(obj), ", ".join(requests), ", ".join(limits), age(obj, now)]


def _component_status_row(obj: dict[str, Any], now: float) -> list[Any]:
    healthy = next((c for c in obj.get("conditions") or [] if c.get("type") == "Healthy"), None)
    if healthy is None:
        return [name(obj), "Unknown", "", ""]
    shown = "Healthy" if healthy.get("status") == "True" else "Unhealthy"
    return [name(obj), shown, healthy.get("message", ""), healthy.get("error", "")]


def _secret_row(obj: dict[str, Any], now: float) -> list[Any]:
    keys = set(obj.get("data") or {}) | set(obj.get("stringData") or {})  # stringData is merged into data
    return [name(obj), obj.get("type", ""), len(keys), age(obj, now)]


_EVENT_COLUMNS = (
    Column("Last Seen", "string", Doc("core.v1.Event", "lastTimestamp")),
    Column("Type", "string", Doc("core.v1.Event", "type")),
    Column("Reason", "string", Doc("core.v1.Event", "reason")),
    Column("Object", "string", Doc("core.v1.Event", "involvedObject")),
    Column("Subobject", "string", Doc("core.v1.ObjectReference", "fieldPath"), priority=1),
    Column("Source", "string", Doc("core.v1.Event", "source"), priority=1),
    Column("Message", "string", Doc("core.v1.Event", "message")),
    Column("First Seen", "string", Doc("core.v1.Event", "firstTimestamp"), priority=1),
    Column("Count", "string", Doc("core.v1.Event", "count"), priority=1),
    Column("Name", "string", NAME.description, priority=1, format="name"),
)

PRINTERS = {
    ("", "Namespace"): Printer((
        NAME,
        Column("Status", "string", "The status of the namespace"),
        AGE,
    ), lambda obj, now: [name(obj), status(obj).get("phase", ""), age(obj, now)]),
    ("", "ConfigMap"): Printer((
        NAME,
        Column("Data", "string", Doc("core.v1.ConfigMap", "data")),
        AGE,
    ), lambda obj, now: [name(obj), len(obj.get("data") or {}) + len(obj.get("binaryData") or {}), age(obj, now)]),
    ("", "Secret"): Printer((
        NAME,
        Column("Type", "string", Doc("core.v1.Secret", "type")),
        Column("Data", "string", Doc("core.v1.Secret", "data")),
        AGE,
    ), _secret_row),
    ("", "ServiceAccount"): Printer((
        NAME,
        Column("Secrets", "string", Doc("core.v1.ServiceAccount", "secrets")),
        AGE,
    ), lambda obj, now: [name(obj), len(obj.get("secrets") or []), age(obj, now)]),
    ("", "Event"): Printer(_EVENT_COLUMNS, _event_row),
    ("events.k8s.io", "Event"): Printer(_EVENT_COLUMNS, lambda obj, now: _event_row(event_in_core_fields(obj), now)),
    ("", "ResourceQuota"): Printer((
        NAME,
        Column("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
        Column("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use "
                                  "independent of contention on the node."),
        AGE,
    ), _resource_quota_row),
    ("", "ComponentStatus"): Printer((
        NAME,
        Column("Status", "string", "Status of the component conditions"),
        Column("Message", "string", "Message of the component conditions"),
        Column("Error", "string", "Error of the component conditions"),
    ), _component_status_row),
}
