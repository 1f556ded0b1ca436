"""The tabwriter kubectl writes its tables through (github.com/liggitt/tabwriter, a text/tabwriter fork, as
`printers.GetNewTabWriter` configures it: minimal cell width 6, padding 3, padded with spaces, `RememberWidths`).

Elastic tabstops: a line's cells are separated by `\\t` (or `\\v`); its last cell is not part of a column. A
column's width is computed over each block of consecutive lines having a cell in it; with `RememberWidths` the
widths of earlier flushes are kept (only ever growing) until `forget()`, which is what lines up the rows of
`kubectl get -w` with the first table. A line without any tab flushes what came before it."""

from __future__ import annotations

import re

MIN_WIDTH = 6
PADDING = 3
_CELL_END = re.compile("[\t\v]")
_LINE_END = re.compile("([\n\f])")


class TabWriter:
    def __init__(self) -> None:
        self.remembered: list[int] = []

    def forget(self) -> None:
        """`SetRememberedWidths(nil)`: kubectl does it when `get` moves to the next resource type."""
        self.remembered = []

    def flush(self, lines: list[str]) -> str:
        """The aligned text of `lines` (each without its newline), every line ending with a newline. A newline or
        form feed inside a line ends it there, as it does in the Writer."""
        out: list[str] = []
        physical = _LINE_END.split("\n".join(lines)) if lines else []
        cells = [_CELL_END.split(line) for line in physical[::2]]
        start = 0
        for index, line in enumerate(cells):
            ended_by = physical[2 * index + 1] if 2 * index + 1 < len(physical) else "\n"
            if len(line) == 1 or ended_by == "\f":   # the Writer flushes after a line of one cell, and at a \f
                self._format(cells, start, index + 1, [], out)
                start = index + 1
        self._format(cells, start, len(cells), [], out)
        return "".join(out)

    def _format(self, lines: list[list[str]], line0: int, line1: int, widths: list[int], out: list[str]) -> None:
        column = len(widths)
        this = line0
        while this < line1:
            if column >= len(lines[this]) - 1:
                this += 1
                continue
            self._write(lines, line0, this, widths, out)
            line0 = this
            width = MIN_WIDTH
            while this < line1 and column < len(lines[this]) - 1:
                width = max(width, len(lines[this][column]) + PADDING)
                this += 1
            if len(self.remembered) < len(widths):
                self.remembered.extend(widths[len(self.remembered):])
            if len(self.remembered) == len(widths):
                self.remembered.append(width)
            elif self.remembered[column] > width:
                width = self.remembered[column]
            else:
                self.remembered[column] = width
            self._format(lines, line0, this, [*widths, width], out)
            line0 = this
        self._write(lines, line0, line1, widths, out)

    @staticmethod
    def _write(lines: list[list[str]], line0: int, line1: int, widths: list[int], out: list[str]) -> None:
        for line in lines[line0:line1]:
            for index, cell in enumerate(line):
                out.append(cell)
                if index < len(widths):
                    out.append(" " * (widths[index] - len(cell)))
            out.append("\n")
