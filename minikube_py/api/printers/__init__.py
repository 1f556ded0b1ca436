"""Server-side tables (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): what `kubectl get` prints.

kubectl 1.32 prints the `meta.k8s.io/v1` Table the apiserver sends, so the columns and cells here are those of
Kubernetes' `pkg/printers/internalversion` (the apiserver always prints wide: `-o wide` only shows the
priority-1 columns kubectl otherwise hides). Built-in kinds without a printer (roles, limit ranges, CRDs
themselves ...) get the apiserver's default table (Name, Created At); custom resources get their CRD
version's `additionalPrinterColumns` (or Name, Age).

One module per family of kinds (`pods`, `workloads`, `services`, `nodes`, `core`, `storage`, `rbac`,
`admission`, `apiserver`, `certificates`, `resource`), each with a `PRINTERS` table keyed by (group, kind)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from ..errors import bad_request
from ..registry import Resource
from . import admission, apiserver, certificates, core, nodes, pods, rbac, resource, services, storage, workloads
from .columns import META, NAME, Column, Doc, Printer, epoch, name
from .custom import crd_printer, printer_key
from .duration import format_age

__all__ = ["table", "column_definitions", "format_age", "printer_for"]

TABLE_API_VERSION = "meta.k8s.io/v1"

PRINTERS: dict[tuple[str, str], Printer] = {
    key: printer
    for family in (pods, workloads, services, nodes, core, storage, rbac, admission, apiserver, certificates, resource)
    for key, printer in family.PRINTERS.items()
}


def _created_at(obj: dict[str, Any], now: float) -> list[Any]:
    """The default table's cells: the name and `creationTimestamp` in RFC 3339 UTC (Go's zero time if none)."""
    created = obj.get("metadata", {}).get("creationTimestamp") or ""
    if not (len(created) == 20 and created.endswith("Z")):
        then = epoch(created) if created else None
        created = ("0001-01-01T00:00:00Z" if then is None
                   else datetime.fromtimestamp(then, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return [name(obj), created]


DEFAULT_PRINTER = Printer((NAME, Column("Created At", "date", Doc(META, "creationTimestamp"))), _created_at)


@functools.lru_cache(maxsize=256)
def _crd_printer(key: str) -> Printer:
    return crd_printer(json.loads(key))


def printer_for(resource: Resource, printer_columns: list[dict[str, Any]] | None = None) -> Printer:
    """The printer of a resource: a custom resource's `additionalPrinterColumns` when given, else Kubernetes'
    printer of the kind, else Name and Age for a custom resource (a resource with no schema: a CRD's), else the
    apiserver's default table."""
    if printer_columns is not None:
        return _crd_printer(printer_key(printer_columns))
    builtin = PRINTERS.get((resource.group, resource.kind))
    if builtin is not None:
        return builtin
    return _crd_printer(printer_key([])) if resource.schema_name is None else DEFAULT_PRINTER


def column_definitions(resource: Resource, printer_columns: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The Table's `columnDefinitions` for a resource (name, type, format, description, priority)."""
    return [dict(column) for column in printer_for(resource, printer_columns).column_definitions()]


def _embedder(include_object: str) -> Callable[[dict[str, Any]], Any]:
    if include_object in ("Metadata", ""):
        return lambda obj: {"kind": "PartialObjectMetadata", "apiVersion": TABLE_API_VERSION,
                            "metadata": obj.get("metadata", {})}
    if include_object == "Object":
        return lambda obj: obj
    if include_object == "None":
        return lambda obj: None
    raise bad_request(f"unrecognized includeObject value: {json.dumps(include_object)}")


def table(resource: Resource, objects: list[dict[str, Any]], now: float, include_object: str = "Metadata", *,
          printer_columns: list[dict[str, Any]] | None = None, no_headers: bool = False) -> dict[str, Any]:
    """The `meta.k8s.io/v1` Table of `objects` (one for a GET, the items of a list or a watch event).

    `now` (seconds since the epoch) dates the AGE cells. Each row's `object` is, per `includeObject`, a
    PartialObjectMetadata (Metadata, the default; it shares the object's metadata dict), the object itself
    (Object) or null (None); another value is a 400. `no_headers` leaves out the column definitions, as the
    apiserver does after the first event of a watch. `metadata` is left empty for the server to fill in
    (resourceVersion, continue). Raises StatusError bad_request for an unknown includeObject."""
    embed = _embedder(include_object)
    printer = printer_for(resource, printer_columns)
    ordered = printer.order(objects) if printer.order is not None else objects
    row_of, conditions_of = printer.row, printer.conditions
    rows: list[dict[str, Any]] | None = []
    for obj in ordered:
        row: dict[str, Any] = {"cells": row_of(obj, now)}
        conditions = conditions_of(obj) if conditions_of is not None else None
        if conditions:
            row["conditions"] = conditions
        row["object"] = embed(obj)
        rows.append(row)
    if not rows and printer is DEFAULT_PRINTER:
        rows = None  # the default convertor appends to a nil slice: an empty list is `"rows": null`
    return {"kind": "Table", "apiVersion": TABLE_API_VERSION, "metadata": {},
            "columnDefinitions": None if no_headers else column_definitions(resource, printer_columns), "rows": rows}
