"""`kubectl get`'s human-readable output from the server's `meta.k8s.io/v1` Tables (cli-runtime's
HumanReadablePrinter and get.go's loop over resource types).

kubectl prints the Table's columns (upper-cased names; priority > 0 only with `-o wide`) and cells as given,
after decorating it: `NAMESPACE` first with `-A` (namespaced types), `-L` label columns (header: the key's last
`/` segment, upper-cased) then `LABELS` (`--show-labels`), and `kind[.group]/` before the Name-format cell when
more than one kind is printed (`get all`, `get pods,svc`). One section per resource type, each aligned on its own
and separated from the previous printed one by a blank line (none with `--no-headers`); a type's header is
printed once even over several tables (`get pod a b`). `render_tables` gives stdout; when it is empty kubectl
writes `no_resources_message` to stderr. `WatchPrinter` prints `get -w`: the first table, then one row per event
under the same header, aligned with what came before."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._gofmt import sprint
from .columns_writer import kubectl_tabwriter

_EVENT_TYPES = {"ADDED": "ADDED   ", "MODIFIED": "MODIFIED", "DELETED": "DELETED ", "ERROR": "ERROR   "}
_BREAKS = "\f\n\r"


@dataclass(frozen=True)
class TableOptions:
    wide: bool = False
    no_headers: bool = False
    show_labels: bool = False
    label_columns: tuple[str, ...] = ()
    all_namespaces: bool = False
    sort_by: str = ""
    show_kind: bool = False


@dataclass(frozen=True)
class Section:
    """One Table the server answered, with the type it lists (`api_version` "apps/v1", `kind` "Deployment",
    `resource` "deployments": consecutive tables of one resource share a header and alignment)."""
    table: dict[str, Any]
    api_version: str
    kind: str
    resource: str
    namespaced: bool = True

    @property
    def kind_prefix(self) -> str:
        group = self.api_version.rpartition("/")[0]
        return f"{self.kind}.{group}".lower() if group else self.kind.lower()


def format_labels(labels: dict[str, str] | None) -> str:
    """labels.FormatLabels (minikube_py.api.printers.columns has it too, but importing that package costs
    `get` ~40 ms of start-up)."""
    return ",".join(f"{key}={labels[key]}" for key in sorted(labels)) if labels else "<none>"


def _escape(text: str) -> str:
    return text.replace("\x1b", "^[").replace("\r", "\\r")


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if not isinstance(cell, str):
        return _escape(sprint(cell))
    cut = min((index for index in (cell.find(char) for char in _BREAKS) if index >= 0), default=-1)
    return _escape(cell) if cut < 0 else _escape(cell[:cut]) + "..."


def _label_header(key: str) -> str:
    return key.split("/")[-1].upper()


@dataclass
class _HumanPrinter:
    """One resource type's printer: remembers the columns whose header it already printed."""
    options: TableOptions
    with_namespace: bool = False
    kind_prefix: str = ""
    last_columns: list[dict[str, Any]] = field(default_factory=list)
    printed_headers: bool = False

    def lines(self, table: dict[str, Any], event_type: str = "") -> list[str]:
        columns = list(table.get("columnDefinitions") or [])
        no_headers = self.options.no_headers
        if self.printed_headers and (not columns or columns == self.last_columns):
            no_headers = True
        if not columns:
            columns = self.last_columns
        elif columns != self.last_columns:
            self.last_columns, self.printed_headers = columns, False
        rows = table.get("rows") or []
        if rows:
            self.printed_headers = True
        columns, cells = self._decorate(columns, rows)
        if event_type:
            columns = [{"name": "Event"}, *columns]
            cells = [[_EVENT_TYPES.get(event_type, event_type), *row] for row in cells]
        return _table_lines(columns, cells, self.options.wide, no_headers)

    def _decorate(self, columns: list[dict[str, Any]], rows: list[dict[str, Any]]
                  ) -> tuple[list[dict[str, Any]], list[list[Any]]]:
        options = self.options
        name_column = -1
        if self.kind_prefix:
            name_column = next((index for index, column in enumerate(columns)
                                if column.get("format") == "name" and column.get("type") == "string"), -1)
        added = [{"name": _label_header(key)} for key in options.label_columns]
        added += [{"name": "Labels"}] if options.show_labels else []
        decorated = ([{"name": "Namespace"}] if self.with_namespace else []) + columns + added
        width = len(decorated)
        result = []
        for row in rows:
            cells = list(row.get("cells") or [])
            if 0 <= name_column < len(cells):
                cells[name_column] = f"{self.kind_prefix}/{sprint(cells[name_column])}"
            obj = row.get("object")
            if not isinstance(obj, dict):
                if self.with_namespace:
                    cells.insert(0, None)
                j = 0
                while j < width - len(cells):   # get.go's loop: the bound shrinks as it appends
                    cells.append(None)
                    j += 1
                result.append(cells)
                continue
            metadata = obj.get("metadata") or {}
            if self.with_namespace:
                cells.insert(0, metadata.get("namespace", ""))
            labels = metadata.get("labels") or {}
            cells += [labels.get(key, "") for key in options.label_columns]
            if options.show_labels:
                cells.append(format_labels(labels))
            result.append(cells)
        return decorated, result


def _table_lines(columns: list[dict[str, Any]], rows: list[list[Any]], wide: bool, no_headers: bool) -> list[str]:
    visible = [wide or not column.get("priority") for column in columns]
    lines = []
    if not no_headers:
        if not rows:
            return []
        lines.append("\t".join(column.get("name", "").upper() for column, shown in zip(columns, visible) if shown))
    for cells in rows:
        lines.append("\t".join(_cell_text(cell) for cell, shown in zip(cells, visible) if shown))
    return lines


def render_tables(sections: list[Section], options: TableOptions) -> str:
    """What `kubectl get` prints on stdout for the Tables of the requested types, in request order."""
    with_kind = options.show_kind or len({(section.api_version, section.kind) for section in sections}) > 1
    if options.sort_by and len(sections) > 1:
        from .sorting import sort_objects

        sections = sort_objects(sections, options.sort_by, lambda section: section.table)
    writer = kubectl_tabwriter()
    printed: list[str] = []
    printer: _HumanPrinter | None = None
    resource: tuple[str, str] | None = None
    pending: list[str] = []
    for section in sections:
        key = (section.api_version.rpartition("/")[0], section.resource)
        if printer is None or key != resource:
            printed.append(writer.flush(pending))
            pending = []
            writer.forget()
            printer = _HumanPrinter(options, options.all_namespaces and section.namespaced,
                                    section.kind_prefix if with_kind else "")
            resource = key
        table = section.table
        if options.sort_by and len(table.get("rows") or []) > 1:
            from .sorting import SortError, sort_table

            try:
                table = sort_table(table, options.sort_by)
            except SortError:
                continue   # kubectl's sorting printer fails and get.go ignores the printer's error
        pending += printer.lines(table)
    printed.append(writer.flush(pending))
    separator = "" if options.no_headers else "\n"
    return separator.join(text for text in printed if text)


def fallback_table(answer: dict[str, Any], now: float) -> dict[str, Any]:
    """The Table kubectl prints when the server answered a plain object or list instead of a Table (servers without
    Table support): `NAME AGE`, the age computed on the client (`now`: seconds since the epoch)."""
    from minikube_py.api.printers.columns import age

    items = answer.get("items") if isinstance(answer.get("items"), list) else [answer]
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "columnDefinitions": [{"name": "Name", "type": "string", "format": "name", "priority": 0},
                                  {"name": "Age", "type": "string", "format": "", "priority": 0}],
            "rows": [{"cells": [(item.get("metadata") or {}).get("name", ""), age(item, now)], "object": item}
                     for item in items]}


def no_resources_message(namespace: str, sections: list[Section], all_namespaces: bool) -> str:
    """kubectl's stderr line when `get` printed nothing."""
    if not all_namespaces and all(section.namespaced for section in sections):
        return f"No resources found in {namespace} namespace.\n"
    return "No resources found\n"


class WatchPrinter:
    """`kubectl get -w` (human-readable): call `print` with the first Table, then with each event's one-row Table
    (`event_type` only with --output-watch-events); each call returns the text kubectl flushes then."""

    def __init__(self, options: TableOptions, *, namespaced: bool = True, output_watch_events: bool = False,
                 kind_prefix: str = "") -> None:
        """`kind_prefix` (`Section.kind_prefix`) is used with `--show-kind` only."""
        self._printer = _HumanPrinter(options, options.all_namespaces and namespaced,
                                      kind_prefix if options.show_kind else "")
        self._writer = kubectl_tabwriter()
        self._events = output_watch_events

    def print(self, table: dict[str, Any], event_type: str = "ADDED") -> str:
        return self._writer.flush(self._printer.lines(table, event_type if self._events else ""))
