"""Go's `flag` package: `-name`, `--name`, `-name=value`, `-name value` (not for bools), parsing stops at
the first argument that is not a flag or after `--`. Used by `mk-etcd` (etcd's flags) and by etcdctl v2's
command line (urfave/cli is built on it)."""

from __future__ import annotations

import os
from typing import Any

from .values import Flag, FlagError, HelpRequested, convert


def defaults(flags: list[Flag]) -> dict[str, Any]:
    """Every flag's default, taking `Flag.env` variables into account."""
    values: dict[str, Any] = {}
    for flag in flags:
        values[flag.name] = flag.default
        if flag.env and os.environ.get(flag.env) is not None:
            try:
                values[flag.name] = convert(flag, os.environ[flag.env])
            except ValueError as err:
                raise FlagError(f'invalid value "{os.environ[flag.env]}" for env var {flag.env}: {err}') from None
    return values


def parse(flags: list[Flag], args: list[str], values: dict[str, Any] | None = None
          ) -> tuple[dict[str, Any], list[str], set[str]]:
    """(values by flag name, the remaining arguments, the names set on the command line).

    Raises FlagError with Go's messages, HelpRequested for -h/-help/--help."""
    by_name = {name: flag for flag in flags for name in (flag.name, *flag.aliases)}
    values = defaults(flags) if values is None else values
    seen: set[str] = set()
    position = 0
    while position < len(args):
        arg = args[position]
        if len(arg) < 2 or arg[0] != "-":
            break
        position += 1
        if arg == "--":
            break
        name = arg[2:] if arg.startswith("--") else arg[1:]
        if not name or name[0] == "-" or name[0] == "=":
            raise FlagError(f"bad flag syntax: {arg}")
        name, has_value, text = name.partition("=")
        flag = by_name.get(name)
        if flag is None:
            if name in ("h", "help"):
                raise HelpRequested()
            raise FlagError(f"flag provided but not defined: -{name}")
        if flag.kind == "bool" and not has_value:
            text, has_value = "true", True
        if not has_value:
            if position >= len(args):
                raise FlagError(f"flag needs an argument: -{name}")
            text = args[position]
            position += 1
        try:
            values[flag.name] = convert(flag, text)
        except ValueError as err:
            what = f"boolean value \"{text}\" for" if flag.kind == "bool" else f"value \"{text}\" for flag"
            raise FlagError(f"invalid {what} -{name}: {reason(err)}") from None
        seen.add(flag.name)
    return values, args[position:], seen


def reason(err: ValueError) -> str:
    """Why a value was refused, as Go's flag package says it: only 'parse error' for a value strconv or
    time.ParseDuration rejects (the flag package replaces their errors by errParse)."""
    text = str(err)
    return "parse error" if text.startswith(("strconv.", "time: ")) else text
