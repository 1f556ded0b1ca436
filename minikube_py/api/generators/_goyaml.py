"""YAML text as kubectl's `-o yaml` writes it: sigs.k8s.io/yaml (the object as JSON, read back and written by
go-yaml v2). Block style with 2-space indentation, sequences inside mappings not indented, mapping keys in go-yaml's
"natural" order (digit runs compared as numbers), empty collections as `{}`/`[]`, and go-yaml's choice of scalar
style: plain when the text would read back as the same string, single-quoted when an indicator or blank forbids
plain, double-quoted when single quotes cannot carry it (or it would read back as a number, bool, null, timestamp),
literal (`|`, `|-`, `|+`) for multi-line strings; long plain and quoted lines folded past column 80.

Only JSON-shaped values are supported: dict (string keys), list, str, int, float, bool, None."""

from __future__ import annotations

import re
from functools import cmp_to_key
from typing import Any

from ..json_values import go_float

_BEST_WIDTH = 80
_BEST_INDENT = 2
_MAX_SIMPLE_KEY = 128
_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_LINES = re.compile("([\n\r\x85\u2028\u2029])")
_BLANKZ = frozenset(" \t\n\r\x85\u2028\u2029")
_FIRST_INDICATORS = frozenset(",[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",?[]{}")
_RESOLVED = frozenset(
    "y Y yes Yes YES on On ON n N no No NO off Off OFF true True TRUE false False FALSE ~ null Null NULL "
    ".nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF <<".split()) | {""}
_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_BASE60_FLOAT = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_GO_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.?[0-9]*)([eE][-+]?[0-9]+)?|[-+]?(inf|infinity|nan)", re.IGNORECASE)
_TIMESTAMP = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|[ ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?"
                        r"(Z|[+-]\d{2}:\d{2})?)?")
_ESCAPES = {"\0": "0", "\a": "a", "\b": "b", "\t": "t", "\n": "n", "\v": "v", "\f": "f", "\r": "r", "\x1b": "e",
            '"': '"', "\\": "\\", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P"}
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def dump(value: Any) -> str:
    """The document text, ending with a newline."""
    emitter = _Emitter()
    emitter.document(value)
    if not emitter.indention:
        emitter.newline()
    return "".join(emitter.out)


# ---- how go-yaml sorts mapping keys ----

def _key_less(a: str, b: str) -> bool:
    for i in range(min(len(a), len(b))):
        if a[i] == b[i]:
            continue
        a_letter, b_letter = a[i].isalpha(), b[i].isalpha()
        if a_letter and b_letter:
            return a[i] < b[i]
        if a_letter or b_letter:
            return b_letter
        a_num = b_num = 0
        if a[i] == "0" or b[i] == "0":
            j = i - 1
            while j >= 0 and a[j].isdigit():
                if a[j] != "0":
                    a_num = b_num = 1
                    break
                j -= 1
        a_end = i
        while a_end < len(a) and a[a_end].isdigit():
            a_num = a_num * 10 + int(a[a_end])
            a_end += 1
        b_end = i
        while b_end < len(b) and b[b_end].isdigit():
            b_num = b_num * 10 + int(b[b_end])
            b_end += 1
        if a_num != b_num:
            return a_num < b_num
        if a_end != b_end:
            return a_end < b_end
        return a[i] < b[i]
    return len(a) < len(b)


def _compare(a: str, b: str) -> int:
    return -1 if _key_less(a, b) else (1 if _key_less(b, a) else 0)


def sorted_keys(mapping: dict[str, Any]) -> list[str]:
    return sorted(mapping, key=cmp_to_key(_compare))


# ---- would a plain scalar read back as this string? (go-yaml v2 resolve) ----

def _go_parse_int(text: str) -> bool:
    """strconv.ParseInt/ParseUint with base 0 (range ignored: an overlong number still reads back as a float)."""
    body = text[1:] if text[:1] in "+-" else text
    prefixes = {"0x": "0123456789abcdefABCDEF", "0X": "0123456789abcdefABCDEF", "0o": "01234567", "0O": "01234567",
                "0b": "01", "0B": "01"}
    digits = prefixes.get(body[:2])
    if digits is not None:
        return len(body) > 2 and all(ch in digits for ch in body[2:])
    if body[:1] == "0":
        return all(ch in "01234567" for ch in body)
    return bool(body) and body.isascii() and body.isdigit()


def _is_timestamp(text: str) -> bool:
    """go-yaml's parseTimestamp: `2006-1-2`, `2006-1-2T15:4:5.999999999Z07:00` (t too), `2006-1-2 15:4:5.9`."""
    match = _TIMESTAMP.fullmatch(text)
    if not match:
        return False
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if not (1 <= month <= 12 and 1 <= day <= _DAYS[month - 1] - (month == 2 and not leap)):
        return False
    if match[5] is not None:
        if int(match[5]) > 23 or int(match[6]) > 59 or int(match[7]) > 59:
            return False
        if (match[4] is None) != (match[8] is None):   # T needs a zone, the space form has none
            return False
    return True


def _resolves_to_string(text: str) -> bool:
    if text in _RESOLVED:
        return False
    first = text[0]
    if first == ".":
        return not _GO_FLOAT.fullmatch(text)
    if not (first.isascii() and (first.isdigit() or first in "+-")):
        return True
    if _is_timestamp(text):
        return False
    plain = text.replace("_", "")
    if _go_parse_int(plain) or _YAML_FLOAT.fullmatch(plain):
        return False
    for prefix in ("0b", "-0b"):
        if plain.startswith(prefix) and plain[len(prefix):] and set(plain[len(prefix):]) <= {"0", "1"}:
            return False
    return True


# ---- go-yaml's scalar analysis ----

def _printable(ch: str) -> bool:
    code = ord(ch)
    return (code == 0x0A or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF
            or (0xE000 <= code <= 0xFFFD and code != 0xFEFF))


_BLANKZ_CLASS = "[ \t\n\r\x85\u2028\u2029]"
_BREAK_CLASS = "[\n\r\x85\u2028\u2029]"
_NOT_PRINTABLE = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_LATER_INDICATOR = re.compile(f":(?:{_BLANKZ_CLASS}|\\Z)|{_BLANKZ_CLASS}#")
_BREAK_THEN_SPACE = re.compile(f"{_BREAK_CLASS} ")
_SPACE_THEN_BREAK = re.compile(f" {_BREAK_CLASS}")


class _Analysis:
    """yaml_emitter_analyze_scalar: which styles can carry the text."""

    def __init__(self, value: str) -> None:
        self.multiline = False
        self.block_plain = self.single_quoted = self.block = True
        if not value:
            self.block_plain = False
            self.block = False
            return
        first, last = value[0], value[-1]
        followed = len(value) == 1 or value[1] in _BLANKZ
        block_indicators = (value[:3] in ("---", "...") or first in _FIRST_INDICATORS
                            or (first in "-?:" and followed) or bool(_LATER_INDICATOR.search(value, 1)))
        special = bool(_NOT_PRINTABLE.search(value))
        line_breaks = any(ch in value for ch in _BREAKS)
        self.multiline = line_breaks
        if first == " " or first in _BREAKS or last == " " or last in _BREAKS:
            self.block_plain = False
        if last == " ":
            self.block = False
        if line_breaks and _BREAK_THEN_SPACE.search(value):
            self.block_plain = self.single_quoted = False
        if special or (line_breaks and _SPACE_THEN_BREAK.search(value)):
            self.block_plain = self.single_quoted = False
            self.block = False
        if line_breaks or block_indicators:
            self.block_plain = False


def _scalar_style(value: str, simple_key: bool) -> str:
    """'plain', 'single', 'double' or 'literal', as stringv and yaml_emitter_select_scalar_style choose."""
    if "\n" in value:
        style = "literal"
    elif _resolves_to_string(value) and not _BASE60_FLOAT.fullmatch(value):
        style = "plain"
    else:
        style = "double"
    analysis = _Analysis(value)
    if style == "plain" and (not analysis.block_plain or (not value and simple_key)):
        style = "single"
    if style == "single" and not analysis.single_quoted:
        style = "double"
    if style == "literal" and (not analysis.block or simple_key):
        style = "double"
    return style


def _go_float(value: float) -> str:
    """strconv.FormatFloat(f, 'g', -1, 64) with go-yaml's .inf/.nan spellings."""
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    return go_float(value)


class _Emitter:
    """A writer that tracks the column, as go-yaml's emitter does, to fold long scalars where it would."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.column = 0
        self.indention = True   # only indentation (and "- " indicators) written on this line so far

    def write(self, text: str) -> None:
        self.out.append(text)
        self.column += len(text)
        self.indention = False

    def newline(self) -> None:
        self.out.append("\n")
        self.column = 0
        self.indention = True

    def indent_to(self, indent: int) -> None:
        """yaml_emitter_write_indent: a new line unless only indentation precedes, then pad to `indent`."""
        if not self.indention or self.column > indent:
            self.newline()
        if self.column < indent:
            self.out.append(" " * (indent - self.column))
            self.column = indent

    def dash(self) -> None:
        """The `-` of a sequence item: an indentation indicator (what follows may stay on this line)."""
        self.out.append("-")
        self.column += 1

    # -- nodes --

    def document(self, value: Any) -> None:
        if isinstance(value, dict) and value:
            self.mapping(value, 0)
        elif isinstance(value, list) and value:
            self.sequence(value, 0)
        else:
            self.inline(value, _BEST_INDENT)

    def inline(self, value: Any, indent: int) -> None:
        """An empty collection or a scalar, on the current line; `indent` for its continuation lines."""
        if isinstance(value, dict):
            self.write("{}")
        elif isinstance(value, list):
            self.write("[]")
        else:
            self.scalar(value, indent, simple_key=False)

    def mapping(self, mapping: dict[str, Any], indent: int) -> None:
        for key in sorted_keys(mapping):
            self.indent_to(indent)
            if len(key.encode("utf-8", "surrogatepass")) > _MAX_SIMPLE_KEY or _Analysis(key).multiline:
                self.write("? ")   # yaml_emitter_check_simple_key said no: a complex key
                self.inline(key, indent + _BEST_INDENT)
                self.indent_to(indent)
            else:
                self.scalar(key, indent, simple_key=True)
            self.write(":")
            value = mapping[key]
            if isinstance(value, dict) and value:
                self.mapping(value, indent + _BEST_INDENT)
            elif isinstance(value, list) and value:
                self.sequence(value, indent)
            else:
                self.write(" ")
                self.inline(value, indent + _BEST_INDENT)

    def sequence(self, items: list[Any], indent: int) -> None:
        for item in items:
            self.indent_to(indent)
            self.dash()
            if isinstance(item, dict) and item:
                self.mapping(item, indent + _BEST_INDENT)
            elif isinstance(item, list) and item:
                self.sequence(item, indent + _BEST_INDENT)
            else:
                self.write(" ")
                self.inline(item, indent + _BEST_INDENT)

    # -- scalars --

    def scalar(self, value: Any, indent: int, simple_key: bool) -> None:
        if value is None:
            self.write("null")
        elif isinstance(value, bool):
            self.write("true" if value else "false")
        elif isinstance(value, int):
            self.write(str(value))
        elif isinstance(value, float):
            self.write(_go_float(value))
        else:
            style = _scalar_style(value, simple_key)
            if style == "plain":
                self.plain(value, indent, not simple_key)
            elif style == "single":
                self.single_quoted(value, indent, not simple_key)
            elif style == "double":
                self.double_quoted(value, indent, not simple_key)
            else:
                self.literal(value, indent)

    def _fold_here(self, value: str, i: int, allow_breaks: bool, spaces: bool) -> bool:
        return allow_breaks and not spaces and self.column > _BEST_WIDTH and i + 1 < len(value) \
            and value[i + 1] != " "

    def plain(self, value: str, indent: int, allow_breaks: bool) -> None:
        if not allow_breaks or self.column + len(value) <= _BEST_WIDTH or " " not in value:
            self.write(value)
            return
        spaces = False
        for i, ch in enumerate(value):
            if ch == " ":
                if self._fold_here(value, i, allow_breaks, spaces):
                    self.indent_to(indent)
                else:
                    self.write(ch)
                spaces = True
            else:
                self.write(ch)
                spaces = False

    def line_break(self, ch: str) -> None:
        """write_break: `\n` as a newline, the other line breaks (U+2028, U+2029) as themselves."""
        if ch == "\n":
            self.newline()
        else:
            self.out.append(ch)
            self.column = 0
            self.indention = True

    def single_quoted(self, value: str, indent: int, allow_breaks: bool) -> None:
        self.write("'")
        spaces = breaks = False
        for i, ch in enumerate(value):
            if ch == " ":
                if i > 0 and self._fold_here(value, i, allow_breaks, spaces):
                    self.indent_to(indent)
                else:
                    self.write(ch)
                spaces = True
            elif ch in _BREAKS:
                if not breaks and ch == "\n":
                    self.newline()
                self.line_break(ch)
                breaks = True
            else:
                if breaks:
                    self.indent_to(indent)
                self.write("''" if ch == "'" else ch)
                spaces = breaks = False
        self.out.append("'")
        self.column += 1

    def double_quoted(self, value: str, indent: int, allow_breaks: bool) -> None:
        self.write('"')
        spaces = False
        for i, ch in enumerate(value):
            if not _printable(ch) or ch in _BREAKS or ch in '"\\' or ch == "\ufeff":
                self.write("\\" + _escape(ch))
                spaces = False
            elif ch == " ":
                if allow_breaks and not spaces and self.column > _BEST_WIDTH and 0 < i < len(value) - 1:
                    self.indent_to(indent)
                    if value[i + 1] == " ":
                        self.write("\\")
                else:
                    self.write(ch)
                spaces = True
            else:
                self.write(ch)
                spaces = False
        self.write('"')

    def literal(self, value: str, indent: int) -> None:
        hints = "|"
        if value[0] == " " or value[0] in _BREAKS:
            hints += str(_BEST_INDENT)
        if value[-1] not in _BREAKS:
            hints += "-"
        elif len(value) == 1 or value[-2] in _BREAKS:
            hints += "+"
        self.write(hints)
        self.newline()
        for index, part in enumerate(_LINES.split(value)):
            if index % 2:
                self.line_break(part)
            elif part:
                self.indent_to(indent)
                self.write(part)


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"x{code:02X}"
    if code <= 0xFFFF:
        return f"u{code:04X}"
    return f"U{code:08X}"
