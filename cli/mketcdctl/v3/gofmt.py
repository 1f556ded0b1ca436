"""How Go prints and parses the values etcdctl handles, rebuilt in Python: encoding/json of protobuf
messages (int64 as numbers, bytes as base64, empty fields omitted, HTML characters escaped),
time.Duration's String(), go-humanize's byte sizes, olekukonko/tablewriter's boxed tables (centered
upper-case headers, right-aligned cells, long cells wrapped at 30 columns between words) and
strconv.ParseInt with its error texts."""

from __future__ import annotations

import base64
import json
import math

from minikube_py.flags.pflag import quote

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


_HTML_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def to_json(value: Any) -> str:
    """encoding/json.Marshal of an already Go-shaped value (bytes become base64)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=_base64)
    for char, escape in _HTML_ESCAPES.items():
        if char in text:
            text = text.replace(char, escape)
    return text


def _base64(value: Any) -> str:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"cannot encode {type(value).__name__}")


def omit_empty(value: Any) -> Any:
    """A decoded protobuf message as Go marshals it: fields holding a zero value (0, false, "", empty lists
    and bytes, nil messages) are left out; a present message stays, even if all its fields are zero."""
    if isinstance(value, dict):
        return {name: omit_empty(field) for name, field in value.items()
                if field is not None and field != 0 and field != "" and field != b"" and field != []}
    if isinstance(value, list):
        return [omit_empty(item) for item in value]
    return value


def duration(nanoseconds: int) -> str:
    """time.Duration.String(): 1.027643ms, 936.406µs, 5.00048105s, 1m30s."""
    sign, rest = ("-" if nanoseconds < 0 else ""), abs(nanoseconds)
    if rest == 0:
        return "0s"
    if rest < 1_000:
        return f"{sign}{rest}ns"
    if rest < 1_000_000:
        return f"{sign}{_fraction(rest, 3)}µs"
    if rest < 1_000_000_000:
        return f"{sign}{_fraction(rest, 6)}ms"
    seconds, fraction = divmod(rest, 1_000_000_000)
    text = f"{_fraction(seconds % 60 * 1_000_000_000 + fraction, 9)}s"
    if seconds >= 60:
        text = f"{seconds // 60 % 60}m{text}"
    if seconds >= 3600:
        text = f"{seconds // 3600}h{text}"
    return sign + text


def _fraction(value: int, digits: int) -> str:
    whole, fraction = divmod(value, 10 ** digits)
    decimals = f"{fraction:0{digits}d}".rstrip("0") if digits else ""
    return f"{whole}.{decimals}" if decimals else str(whole)


_SIZES = ("B", "kB", "MB", "GB", "TB", "PB", "EB")


def human_bytes(size: int) -> str:
    """go-humanize's Bytes (SI units): 20480 -> "20 kB", 1536000 -> "1.5 MB"."""
    if size < 10:
        return f"{size} B"
    exponent = int(math.floor(math.log(size) / math.log(1000)))
    value = math.floor(size / 1000 ** exponent * 10 + 0.5) / 10
    return f"{value:.0f} {_SIZES[exponent]}" if value >= 10 else f"{value:.1f} {_SIZES[exponent]}"


WRAP_WIDTH = 30
_PENALTY = 100_000


def table(header: list[str], rows: list[list[str]]) -> str:
    """A tablewriter table as etcdctl renders it."""
    cells = [[_wrap(text) for text in row] for row in [[name.upper() for name in header], *rows]]
    # a wrapped cell keeps the full wrapping width, as tablewriter sizes it
    widths = [max(max(len(text) for text in row[column]) if len(row[column]) == 1 else
                  max(WRAP_WIDTH, *(len(text) for text in row[column])) for row in cells)
              for column in range(len(header))]
    border = "+" + "+".join("-" * (width + 2) for width in widths) + "+\n"
    lines = [border]
    for index, row in enumerate(cells):
        for number in range(max(len(cell) for cell in row)):
            parts = []
            for column, cell in enumerate(row):
                text = cell[number] if number < len(cell) else ""
                gap = widths[column] - len(text)
                centered = " " * (gap // 2) + text + " " * (gap - gap // 2)
                parts.append(centered if index == 0 else " " * gap + text)
            lines.append("| " + " | ".join(parts) + " |\n")
        if index == 0:
            lines.append(border)
    lines.append(border)
    return "".join(lines)


def _wrap(text: str) -> list[str]:
    """A cell's lines: words re-flowed to at most 30 columns (or the longest word) with the fewest
    ragged ends, as tablewriter's WrapString does."""
    if len(text) <= WRAP_WIDTH:
        return [text]
    words = text.replace("\n", " ").split(" ")
    limit = max(WRAP_WIDTH, *(len(word) for word in words))
    count = len(words)
    cost, breaks = [0.0] * (count + 1), [count] * (count + 1)
    for first in range(count - 1, -1, -1):
        width = len(" ".join(words[first:]))
        if width <= limit:
            cost[first], breaks[first] = 0, count
            continue
        cost[first] = math.inf
        for stop in range(first + 1, count):
            line = len(" ".join(words[first:stop]))
            candidate = (limit - line) ** 2 + cost[stop] + (_PENALTY if line > limit else 0)
            if candidate < cost[first]:
                cost[first], breaks[first] = candidate, stop
    lines, first = [], 0
    while first < count:
        lines.append(" ".join(words[first:breaks[first]]))
        first = breaks[first]
    return lines


def parse_int(text: str, base: int = 10) -> int:
    """strconv.ParseInt(text, base, 64); ValueError carrying Go's message."""
    digits = "0123456789abcdef"[:base]
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body or any(char.lower() not in digits for char in body):
        raise ValueError(f"strconv.ParseInt: parsing {quote(text)}: invalid syntax")
    value = int(text, base)
    if not -(1 << 63) <= value < 1 << 63:
        raise ValueError(f"strconv.ParseInt: parsing {quote(text)}: value out of range")
    return value
