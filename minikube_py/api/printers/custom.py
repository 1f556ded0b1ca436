"""Custom resources' tables, from their CRD version's `additionalPrinterColumns` (apiextensions-apiserver's
table convertor); a version without any gets `serveDefaultColumnsIfEmpty`'s single Age column."""

from __future__ import annotations

import itertools
import json
from typing import Any

from .columns import META, NAME, Column, Doc, Printer, epoch, name
from .duration import format_age
from .jsonpath import PathError, compile_path, find, text

DEFAULT_COLUMNS = ({"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp",
                    "description": Doc(META, "creationTimestamp")},)


def _date(value: str, now: float) -> str:
    """A `date` cell: the age of an RFC 3339 time, `<unknown>` for an empty one, `<invalid>` if it does not parse."""
    if value in ("", "null"):
        return "<unknown>"
    then = epoch(value)
    return "<invalid>" if then is None else format_age(now - then)


def _cell(kind: str, value: Any, now: float) -> Any:
    """`cellForJSONValue`: the value as the column's type, None when it is not of that type."""
    if value is None:
        return None
    if kind == "integer" and isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind == "boolean" and isinstance(value, bool):
        return value
    if kind == "date" and isinstance(value, str):
        return _date(value, now)
    return None


def _column_cell(column: dict[str, Any], obj: dict[str, Any], now: float) -> Any:
    try:
        results = find(column.get("jsonPath", ""), obj)
    except PathError:
        return None
    if not results:
        return None
    if column.get("type") == "string":
        return text(results[0])
    return _cell(column.get("type", ""), results[0], now)


def _usable(column: dict[str, Any]) -> bool:
    try:
        compile_path(column.get("jsonPath", ""))
    except PathError:
        return False
    return True


def crd_printer(printer_columns: list[dict[str, Any]]) -> Printer:
    """The printer of one served CRD version (its `additionalPrinterColumns`, in the CRD's JSON shape)."""
    # As Kubernetes: a column whose path does not parse ends the list (that column and the ones after it go).
    columns = list(itertools.takewhile(_usable, printer_columns or DEFAULT_COLUMNS))
    definitions = tuple(
        Column(column.get("name", ""), column.get("type", ""),
               column.get("description") or f"Custom resource definition column (in JSONPath format): "
                                             f"{column.get('jsonPath', '')}",
               priority=column.get("priority", 0), format=column.get("format", ""))
        for column in columns)

    def row(obj: dict[str, Any], now: float) -> list[Any]:
        return [name(obj), *(_column_cell(column, obj, now) for column in columns)]

    return Printer((NAME, *definitions), row)


def printer_key(printer_columns: list[dict[str, Any]]) -> str:
    """A cache key for `crd_printer` (the columns as canonical JSON)."""
    return json.dumps(printer_columns, sort_keys=True, default=str)
