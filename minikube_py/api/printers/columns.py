"""What a printer is (its columns and its row function) and the cell helpers printers share.

Column descriptions are the API field docs the real server sends (`metav1.ObjectMeta{}.SwaggerDoc()["name"]`
...): a `Doc` names a field of a 1.32 OpenAPI definition and is looked up in `schemas` the first time a
table of that resource is built; a plain string is sent as it is (Kubernetes' own literal text, or the doc
of an older API version where it differs from 1.32's)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .duration import format_age

Row = Callable[[dict[str, Any], float], list[Any]]


@dataclass(frozen=True)
class Doc:
    """The description of `field` in the OpenAPI definition `definition` (`core.v1.PodStatus` is short for
    `io.k8s.api.core.v1.PodStatus`); "" when the definition has no such field, as Go's map lookup gives."""

    definition: str
    field: str

    def text(self) -> str:
        from ..schemas import definitions

        name = self.definition if self.definition.startswith("io.k8s.") else f"io.k8s.api.{self.definition}"
        schema = definitions().get(name, {})
        return schema.get("properties", {}).get(self.field, {}).get("description", "")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str | Doc
    priority: int = 0
    format: str = ""

    def definition(self) -> dict[str, Any]:
        """The `TableColumnDefinition`, every field present as the Go struct writes them."""
        text = self.description if isinstance(self.description, str) else self.description.text()
        return {"name": self.name, "type": self.type, "format": self.format, "description": text,
                "priority": self.priority}


@dataclass(frozen=True)
class Printer:
    """One kind's table: its columns (all of them: the apiserver prints wide) and the cells of one object.

    `conditions` gives a row's `conditions` (pods that have finished); `order` sorts a list before printing
    (flow schemas, by matching precedence)."""

    columns: tuple[Column, ...]
    row: Row
    conditions: Callable[[dict[str, Any]], list[dict[str, str]] | None] | None = None
    order: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None
    _definitions: list[dict[str, Any]] = field(default_factory=list, compare=False, repr=False)

    def column_definitions(self) -> list[dict[str, Any]]:
        if not self._definitions:
            self._definitions.extend(column.definition() for column in self.columns)
        return self._definitions


META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
NAME = Column("Name", "string", Doc(META, "name"), format="name")
AGE = Column("Age", "string", Doc(META, "creationTimestamp"))
CONTAINERS = Column("Containers", "string", "Names of each container in the template.", priority=1)
IMAGES = Column("Images", "string", "Images referenced by each container in the template.", priority=1)


@functools.lru_cache(maxsize=4096)
def epoch(timestamp: str) -> float | None:
    """Seconds since the epoch of an RFC 3339 time (`metav1.Time`, `MicroTime`); None when it does not parse."""
    try:
        return datetime.fromisoformat(timestamp).timestamp()
    except ValueError:
        return None


def since(timestamp: str | None, now: float) -> str:
    """`translateTimestampSince`: the age of a timestamp, `<unknown>` for a zero (absent) one."""
    if not timestamp:
        return "<unknown>"
    then = epoch(timestamp)
    return "<unknown>" if then is None else format_age(now - then)


def age(obj: dict[str, Any], now: float) -> str:
    return since(obj.get("metadata", {}).get("creationTimestamp"), now)


def name(obj: dict[str, Any]) -> str:
    return obj.get("metadata", {}).get("name", "")


def spec(obj: dict[str, Any]) -> dict[str, Any]:
    return obj.get("spec") or {}


def status(obj: dict[str, Any]) -> dict[str, Any]:
    return obj.get("status") or {}


def annotations(obj: dict[str, Any]) -> dict[str, str]:
    return obj.get("metadata", {}).get("annotations") or {}


def format_labels(labels: dict[str, str] | None) -> str:
    """`labels.FormatLabels`: `k=v` sorted by key, joined with `,`; `<none>` when empty."""
    return ",".join(f"{key}={labels[key]}" for key in sorted(labels)) if labels else "<none>"


def selector_string(selector: dict[str, Any] | None) -> str:
    """`metav1.LabelSelectorAsSelector(s).String()`: requirements sorted by key; "" for no requirement."""
    if not selector:
        return ""
    requirements = [(key, f"{key}={value}") for key, value in (selector.get("matchLabels") or {}).items()]
    for expression in selector.get("matchExpressions") or []:
        key, values = expression.get("key", ""), sorted(expression.get("values") or [])
        operator = expression.get("operator")
        if operator == "In":
            requirements.append((key, f"{key} in ({','.join(values)})"))
        elif operator == "NotIn":
            requirements.append((key, f"{key} notin ({','.join(values)})"))
        elif operator == "Exists":
            requirements.append((key, key))
        elif operator == "DoesNotExist":
            requirements.append((key, f"!{key}"))
    requirements.sort(key=lambda requirement: requirement[0])
    return ",".join(text for _, text in requirements)


def format_label_selector(selector: dict[str, Any] | None) -> str:
    """`metav1.FormatLabelSelector`: the selector string, `<none>` when it selects by nothing."""
    return selector_string(selector) or "<none>"


def container_cells(pod_spec: dict[str, Any] | None) -> list[str]:
    """`layoutContainerCells`: the CONTAINERS and IMAGES cells of a pod template."""
    containers = (pod_spec or {}).get("containers") or []
    return [",".join(c.get("name", "") for c in containers), ",".join(c.get("image", "") for c in containers)]


def template_spec(obj: dict[str, Any]) -> dict[str, Any]:
    """`spec.template.spec` of a workload."""
    return (spec(obj).get("template") or {}).get("spec") or {}


def bool_cell(value: bool | None) -> str:
    """`printBoolPtr`: `True`, `False`, or `<unset>` for a nil pointer."""
    if value is None:
        return "<unset>"
    return "True" if value else "False"


def first_with_more(items: list[str], limit: int, empty: str = "<unset>") -> str:
    """`listWithMoreString`: the first `limit` items joined with `,`, then ` + N more...`; `empty` for none."""
    text = ",".join(items[:limit])
    if len(items) > limit:
        return f"{text} + {len(items) - limit} more..."
    return text or empty


def quantity(value: Any) -> str:
    """A `resource.Quantity` cell: the stored (canonical) text, `0` for an absent one."""
    return "0" if value is None else str(value)

