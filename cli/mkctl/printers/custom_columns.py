"""`kubectl get -o custom-columns=HEADER:PATH,...` and `-o custom-columns-file=FILE`: one row per object (each item
of a List), a cell per column with every value the (relaxed) JSONPath selects as Go's `fmt.Sprint` prints it,
joined with `,`, or `<none>`; the header line unless `--no-headers` (a columns file always prints it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._gofmt import sprint
from .columns_writer import kubectl_tabwriter
from .jsonpath import JSONPath, JSONPathError, relaxed_path

_NOT_TEMPLATE = ("invalid template, missing {} line. Expected format is one line of space separated headers, one "
                 "line of space separated column specs.")


class CustomColumnsError(ValueError):
    """A spec kubectl rejects, or a path that fails on an object, with kubectl's message; `output` is what kubectl
    printed before failing (the header and the rows before)."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(message)
        self.output = output


@dataclass(frozen=True)
class Column:
    header: str
    path: str   # `{.metadata.name}`


def _column(header: str, spec: str) -> Column:
    try:
        return Column(header, relaxed_path(spec))
    except JSONPathError as err:
        raise CustomColumnsError(str(err)) from None


def parse_spec(spec: str) -> list[Column]:
    """`NAME:.metadata.name,IMAGE:.spec.containers[*].image`."""
    if not spec:
        raise CustomColumnsError("custom-columns format specified but no custom columns given")
    columns = []
    for part in spec.split(","):
        header, colon, path = part.partition(":")
        if not colon:
            raise CustomColumnsError(f"unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>")
        columns.append(_column(header, path))
    return columns


def parse_template(text: str) -> list[Column]:
    """A custom-columns file: a line of headers, a line of paths (whitespace separated)."""
    lines = text.splitlines()
    if not lines:
        raise CustomColumnsError(_NOT_TEMPLATE.format("header"))
    if len(lines) < 2:
        raise CustomColumnsError(_NOT_TEMPLATE.format("spec"))
    headers, specs = lines[0].split(), lines[1].split()
    if len(headers) != len(specs):
        raise CustomColumnsError(f"number of headers ({len(headers)}) and field specifications ({len(specs)}) "
                                 "don't match")
    return [_column(header, spec) for header, spec in zip(headers, specs)]


def _cell(path: JSONPath, obj: Any) -> str:
    try:
        found = path.find_results(obj)
    except JSONPathError as err:
        raise CustomColumnsError(str(err)) from None
    values = [sprint(value).replace("\x1b", "^[").replace("\r", "\\r") for group in found for value in group]
    if not found or not found[0]:
        values.insert(0, "<none>")
    return ",".join(values)


def render_custom_columns(obj: dict[str, Any], columns: list[Column], *, no_headers: bool = False) -> str:
    """The text for `obj`: an object, or a List whose items each make a row."""
    paths = []
    for column in columns:
        try:
            paths.append(JSONPath(column.path))
        except JSONPathError as err:
            raise CustomColumnsError(str(err)) from None
    lines = [] if no_headers else ["\t".join(column.header for column in columns)]
    items = obj["items"] if isinstance(obj.get("items"), list) else [obj]
    for item in items:
        try:
            lines.append("\t".join(_cell(path, item) for path in paths))
        except CustomColumnsError as err:
            raise CustomColumnsError(str(err), kubectl_tabwriter().flush(lines)) from None
    return kubectl_tabwriter().flush(lines)
