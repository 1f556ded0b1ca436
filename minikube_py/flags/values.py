"""Flag declarations and Go's value syntax: strconv.ParseBool, ParseInt, time.ParseDuration, string slices."""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing is imported for type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_FALSE = {"0", "f", "F", "FALSE", "false", "False"}
_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


class FlagError(Exception):
    """A command line that does not parse; the message is Go's."""


class HelpRequested(Exception):
    """-h/--help was given."""


class Flag:
    """A flag's declaration. A plain class rather than a dataclass: dataclasses (through inspect) would cost
    a CLI's start-up more than the flag parsing itself."""

    __slots__ = ("name", "kind", "default", "usage", "shorthand", "env", "hidden", "aliases")

    def __init__(self, name: str, kind: str, default: Any, usage: str = "", shorthand: str = "",
                 env: str = "", hidden: bool = False, aliases: list[str] | None = None) -> None:
        self.name = name
        self.kind = kind  # "string" | "bool" | "int" | "uint" | "duration" | "strings" | "float"
        self.default = default
        self.usage = usage
        self.shorthand = shorthand
        self.env = env  # an environment variable that sets the default (etcdctl's ETCDCTL_*)
        self.hidden = hidden
        self.aliases = aliases or []

    @property
    def takes_value(self) -> bool:
        return self.kind != "bool"


def parse_bool(text: str) -> bool:
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f'strconv.ParseBool: parsing "{text}": invalid syntax')


def parse_int(text: str, *, unsigned: bool = False, bits: int = 64) -> int:
    """strconv.ParseInt/ParseUint of a `bits`-bit integer, with Go's errors."""
    name = "ParseUint" if unsigned else "ParseInt"
    try:
        value = int(text, 0) if text.lower().startswith(("0x", "0o", "0b")) else int(text, 10)
    except ValueError:
        raise ValueError(f'strconv.{name}: parsing "{text}": invalid syntax') from None
    if unsigned and value < 0:
        raise ValueError(f'strconv.{name}: parsing "{text}": invalid syntax')
    if not (0 if unsigned else -(1 << (bits - 1))) <= value < (1 << (bits if unsigned else bits - 1)):
        raise ValueError(f'strconv.{name}: parsing "{text}": value out of range')
    return value


def parse_duration(text: str) -> float:
    """Seconds in a Go duration ("5s", "1m30s", "250ms", "1ns"); a bare "0" is zero."""
    source = text
    sign = 1.0
    if text and text[0] in "+-":
        sign, text = (-1.0 if text[0] == "-" else 1.0), text[1:]
    if text == "0":
        return 0.0
    total, position = 0.0, 0
    while position < len(text):
        match = _DURATION_PART.match(text, position)
        if match is None:
            number = re.match(r"[\d.]*", text[position:]).group(0)  # type: ignore[union-attr]
            unit = re.match(r"[^\d.]*", text[position + len(number):]).group(0)  # type: ignore[union-attr]
            if number and not unit:
                raise ValueError(f'time: missing unit in duration "{source}"')
            if number:
                raise ValueError(f'time: unknown unit "{unit}" in duration "{source}"')
            raise ValueError(f'time: invalid duration "{source}"')
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        position = match.end()
    if not text:
        raise ValueError(f'time: invalid duration "{source}"')
    return sign * total


def format_duration(seconds: float) -> str:
    """Go's Duration.String() for the round values flags default to ("5s", "2s", "1m0s", "100ms")."""
    if seconds == 0:
        return "0s"
    if seconds < 1:
        for unit, scale in (("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
            if seconds >= scale:
                return f"{seconds / scale:g}{unit}"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{secs:g}s"
    if hours or minutes:
        text = f"{int(minutes)}m" + text
    if hours:
        text = f"{int(hours)}h" + text
    return text


def convert(flag: Flag, text: str) -> Any:
    """The value of `flag` given as `text`; raises ValueError with Go's parse error."""
    if flag.kind == "bool":
        return parse_bool(text)
    if flag.kind in ("int", "uint"):
        return parse_int(text, unsigned=flag.kind == "uint")
    if flag.kind == "float":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f'strconv.ParseFloat: parsing "{text}": invalid syntax') from None
    if flag.kind == "duration":
        return parse_duration(text)
    if flag.kind == "strings":
        return [part for part in text.split(",")] if text else []
    return text
