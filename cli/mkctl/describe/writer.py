"""kubectl describe's output machinery: the `PrefixWriter` (two spaces per level, terminal escapes defused) over
Go's `text/tabwriter` as `describe` sets it up (`tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)`).

The alignment rule: text is cut into tab-terminated cells; a column is a run of consecutive lines that all
have a tab-terminated cell at that index (inside the run of the column before it), padded with spaces to its
widest cell plus two. A line without a tab therefore ends every alignment block, and `flush` ends them too
(the Events table is flushed apart from what precedes it)."""

from __future__ import annotations

from minikube_py.tabwriter import TabWriter

PADDING = 2
_ESCAPES = str.maketrans({"\x1b": "^[", "\r": "\\r"})


def tabwriter(text: str) -> str:
    """Go's text/tabwriter as describe sets it up (minwidth 0, tabwidth 8, padding 2, spaces)."""
    return TabWriter(padding=PADDING).format(text)


class PrefixWriter:
    """`describe.PrefixWriter`: `write(level, text)` indents by two spaces a level; `render()` aligns."""

    def __init__(self) -> None:
        self._blocks: list[list[str]] = [[]]

    def write(self, level: int, text: str) -> None:
        self._blocks[-1].append(("  " * level + text).translate(_ESCAPES))

    def line(self, *values: object) -> None:
        """`WriteLine`: the values joined by spaces, then a newline, at no indentation."""
        self.write(0, " ".join(str(value) for value in values) + "\n")

    def flush(self) -> None:
        """End every alignment block here (`w.Flush()`)."""
        self._blocks.append([])

    def nested(self, indent: int) -> NestedWriter:
        return NestedWriter(self, indent)

    def render(self) -> str:
        return "".join(tabwriter("".join(block)) for block in self._blocks)


class NestedWriter:
    """`NewNestedPrefixWriter`: every level shifted by `indent`."""

    def __init__(self, out: PrefixWriter | NestedWriter, indent: int) -> None:
        self._out, self._indent = out, indent

    def write(self, level: int, text: str) -> None:
        self._out.write(level + self._indent, text)

    def line(self, *values: object) -> None:
        self._out.write(self._indent, " ".join(str(value) for value in values) + "\n")

    def flush(self) -> None:
        self._out.flush()

    def nested(self, indent: int) -> NestedWriter:
        return NestedWriter(self, indent)
