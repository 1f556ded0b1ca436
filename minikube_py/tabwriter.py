"""Go's `text/tabwriter` (elastic tabstops), which every Go CLI this project imitates aligns its columns with:
kubectl's tables (through github.com/liggitt/tabwriter, which adds `RememberWidths`), `kubectl describe`,
cobra's and urfave/cli's help texts. One implementation, configured as each of them configures theirs.

A line's cells are separated by `\\t` (or `\\v`); its last cell belongs to no column. A column is a run of
consecutive lines that have a cell at that index (within the run of the column before it), as wide as its
widest cell plus `padding` (at least `min_width`), padded with `pad_char`; with `"\\t"` the width is rounded
up to a tab stop and the padding written as tabs. A line with a single cell (no tab) or ending in `\\f` ends
every column (Go flushes there). With `remember_widths`, columns keep the widths of earlier text (they only
grow) until `forget()`: that is what lines up the rows of `kubectl get -w` with the first table."""

from __future__ import annotations

import re

_CELL_END = re.compile("[\t\v]")
_LINE_END = re.compile("([\n\f])")


class TabWriter:
    def __init__(self, min_width: int = 0, tab_width: int = 8, padding: int = 1, pad_char: str = " ",
                 remember_widths: bool = False) -> None:
        self.min_width, self.tab_width, self.padding, self.pad_char = min_width, tab_width, padding, pad_char
        self.remember_widths = remember_widths
        self.remembered: list[int] = []

    def forget(self) -> None:
        """`SetRememberedWidths(nil)`: kubectl does it when `get` moves to the next resource type."""
        self.remembered = []

    def format(self, text: str) -> str:
        """`text` aligned: lines end where they ended (`\\n`, or `\\f` written as `\\n`), a last line without
        a newline stays without one."""
        physical = _LINE_END.split(text)
        cells = [_CELL_END.split(line) for line in physical[::2]]
        endings = ["\n" if ending == "\f" else ending for ending in physical[1::2]] + [""]
        out: list[str] = []
        start = 0
        for index, line in enumerate(cells):
            if len(line) == 1 or physical[2 * index + 1:2 * index + 2] == ["\f"]:
                self._format(cells, endings, start, index + 1, [], out)
                start = index + 1
        self._format(cells, endings, start, len(cells), [], out)
        return "".join(out)

    def flush(self, lines: list[str]) -> str:
        """`lines` (each without its newline) aligned, every line ending with a newline."""
        return self.format("".join(line + "\n" for line in lines))

    def _format(self, lines: list[list[str]], endings: list[str], line0: int, line1: int, widths: list[int],
                out: list[str]) -> None:
        column = len(widths)
        this = line0
        while this < line1:
            if column >= len(lines[this]) - 1:
                this += 1
                continue
            self._write(lines, endings, line0, this, widths, out)
            line0 = this
            width = self.min_width
            while this < line1 and column < len(lines[this]) - 1:
                width = max(width, len(lines[this][column]) + self.padding)
                this += 1
            if self.remember_widths:
                width = self._remember(widths, column, width)
            self._format(lines, endings, line0, this, [*widths, width], out)
            line0 = this
        self._write(lines, endings, line0, line1, widths, out)

    def _remember(self, widths: list[int], column: int, width: int) -> int:
        if len(self.remembered) < len(widths):
            self.remembered.extend(widths[len(self.remembered):])
        if len(self.remembered) == len(widths):
            self.remembered.append(width)
        elif self.remembered[column] > width:
            return self.remembered[column]
        else:
            self.remembered[column] = width
        return width

    def _write(self, lines: list[list[str]], endings: list[str], line0: int, line1: int, widths: list[int],
               out: list[str]) -> None:
        for index in range(line0, line1):
            line = lines[index]
            for position, cell in enumerate(line):
                out.append(cell)
                if position < len(widths) and position < len(line) - 1:
                    out.append(self._padding(len(cell), widths[position]))
            out.append(endings[index])

    def _padding(self, text_width: int, cell_width: int) -> str:
        if self.pad_char == "\t":
            cell_width = -(-cell_width // self.tab_width) * self.tab_width
            return "\t" * -(-(cell_width - text_width) // self.tab_width)
        return self.pad_char * (cell_width - text_width)
