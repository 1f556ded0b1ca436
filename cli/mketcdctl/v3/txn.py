"""`txn`: etcdctl's transaction language read from stdin, in three sections ended by an empty line:

    compares     value("key") = "v" | version("key") > "3" | create(..) / mod(..) / lease(..) with = != > <
    success      get/put/del command lines, with their flags
    failure      the same

as etcdctl parses it: compares with Go's Sscanf("%q) %s %q"), operations tokenised like a shell (double
quotes with Go escapes, single quotes) and parsed as the get/put/del commands; bad input exits 3 with
etcdctl's messages. `-i` prints the section prompts. Two deliberate differences: an unknown operator or a
lease compare, which make etcdctl 3.4 panic, are reported as malformed comparisons (a lease compare takes
the lease ID in hex, as --lease does), and a single-quoted word keeps its whole text (etcdctl 3.4 cuts it
by a slicing slip)."""

from __future__ import annotations

import io
import os
import re
import sys

from minikube_py.etcd.client.v3 import compare
from minikube_py.flags.pflag import Command, CommandLineError, FlagError, default_usage, parse, quote

from . import commands
from .errors import BAD_ARGS, INVALID_INPUT, ExitError
from .gofmt import parse_int
from .kv import delete_request_of, get_request, put_request_of
from .printers import write
from .session import Session

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any, BinaryIO

_PROMPTS = ("compares:", "success requests (get, put, del):", "failure requests (get, put, del):")
_TARGETS = {"ver": "VERSION", "version": "VERSION", "c": "CREATE", "create": "CREATE", "m": "MOD",
            "mod": "MOD", "val": "VALUE", "value": "VALUE", "lease": "LEASE"}
_RESULTS = {"=": "EQUAL", "!=": "NOT_EQUAL", ">": "GREATER", "<": "LESS"}
_SPACES = " \t\r"
_WORD = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'|[^'\"\s]\S*")


def run(session: Session) -> None:
    if session.args:
        raise ExitError(BAD_ARGS, "txn command does not accept argument")
    interactive = session.flag("interactive")
    stdin = sys.stdin.buffer
    sections: list[list[dict[str, Any]]] = []
    for number, prompt in enumerate(_PROMPTS):
        if interactive:
            write(prompt + "\n")
            sys.stdout.flush()
        parse_line = parse_compare if number == 0 else parse_operation
        sections.append([parse_line(line) for line in _section(stdin)])
    response = session.client().txn(*sections)
    session.printer().txn(response)


def _section(stdin: BinaryIO) -> list[str]:
    """The lines up to an empty one; a line without its newline is the end of input (etcdctl: "EOF")."""
    lines = []
    while True:
        raw = stdin.readline()
        if not raw.endswith(b"\n"):
            raise ExitError(INVALID_INPUT, "EOF")
        line = os.fsdecode(raw).strip()
        if not line:
            return lines
        lines.append(line)


def parse_compare(line: str) -> dict[str, Any]:
    target, paren, rest = line.partition("(")
    if not paren:
        raise ExitError(INVALID_INPUT, f"malformed comparison: {line}")
    scanned, key, operator, operand = _scan(rest)
    if scanned != 3:
        raise ExitError(INVALID_INPUT, f"malformed comparison: {line}; got {target}({quote(key)}) {operator} "
                                       f"{quote(operand)}")
    kind = _TARGETS.get(target)
    if kind is None:
        raise ExitError(INVALID_INPUT, f"malformed comparison: {line} (unknown target {target})")
    value: int | bytes = operand
    if kind != "VALUE":
        try:
            value = parse_int(os.fsdecode(operand), 16 if kind == "LEASE" else 10)
        except ValueError:
            raise ExitError(INVALID_INPUT, f"invalid txn compare request: {line}") from None
    if operator not in _RESULTS:
        raise ExitError(INVALID_INPUT, f"malformed comparison: {line} (unknown operator {operator})")
    return compare(kind, key, _RESULTS[operator], value)


def _scan(text: str) -> tuple[int, bytes, str, bytes]:
    """Go's Sscanf(text, "%q) %s %q"): how many of key, operator, operand it read, and them."""
    key, position = _quoted(text, 0)
    if key is None:
        return 0, b"", "", b""
    if text[position:position + 1] != ")":
        return 1, key, "", b""
    position += 1
    if position < len(text) and text[position] not in _SPACES:
        return 1, key, "", b""  # a space in the format needs at least one in the input
    position = _skip_spaces(text, position)
    end = position
    while end < len(text) and text[end] not in _SPACES:
        end += 1
    operator = text[position:end]
    if not operator:
        return 1, key, "", b""
    operand, _ = _quoted(text, end)
    if operand is None:
        return 2, key, operator, b""
    return 3, key, operator, operand


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACES:
        position += 1
    return position


def _quoted(text: str, position: int) -> tuple[bytes | None, int]:
    """A Go string literal ("..." with escapes, or `...`) after optional spaces: its bytes and the position
    after it, or None."""
    position = _skip_spaces(text, position)
    if text[position:position + 1] == "`":
        end = text.find("`", position + 1)
        return (None, position) if end < 0 else (os.fsencode(text[position + 1:end]), end + 1)
    if text[position:position + 1] != '"':
        return None, position
    end = position + 1
    while end < len(text) and text[end] != '"':
        end += 2 if text[end] == "\\" else 1
    if end >= len(text):
        return None, position
    try:
        return unquote(text[position + 1:end]), end + 1
    except ValueError:
        return None, position


_SIMPLE_ESCAPES = {"a": b"\a", "b": b"\b", "f": b"\f", "n": b"\n", "r": b"\r", "t": b"\t", "v": b"\v",
                   "\\": b"\\", '"': b'"'}


def unquote(body: str) -> bytes:
    """The bytes of a Go double-quoted string literal's body; ValueError("invalid syntax") if malformed."""
    out = bytearray()
    position = 0
    while position < len(body):
        char = body[position]
        if char != "\\":
            out += os.fsencode(char)
            position += 1
            continue
        escape = body[position + 1:position + 2]
        if escape in _SIMPLE_ESCAPES:
            out += _SIMPLE_ESCAPES[escape]
            position += 2
        elif escape in ("x", "u", "U"):
            size = {"x": 2, "u": 4, "U": 8}[escape]
            digits = body[position + 2:position + 2 + size]
            if len(digits) != size or any(d not in "0123456789abcdefABCDEF" for d in digits):
                raise ValueError("invalid syntax")
            out += bytes([int(digits, 16)]) if escape == "x" else chr(int(digits, 16)).encode()
            position += 2 + size
        elif escape and escape in "01234567":
            digits = body[position + 1:position + 4]
            if len(digits) != 3 or any(d not in "01234567" for d in digits) or int(digits, 8) > 255:
                raise ValueError("invalid syntax")
            out.append(int(digits, 8))
            position += 4
        else:
            raise ValueError("invalid syntax")
    return bytes(out)


def words(line: str) -> list[str]:
    """etcdctl's argify: words split on blanks, "double quoted" (Go escapes) or 'single quoted'."""
    found = []
    for word in _WORD.findall(line):
        if word.startswith('"'):
            try:
                word = os.fsdecode(unquote(word[1:-1]))
            except ValueError as err:
                raise ExitError(INVALID_INPUT, str(err)) from None
        elif word.startswith("'"):
            word = word[1:-1]
        found.append(word)
    return found


def _operations() -> Command:
    """Fresh get/put/del commands (their flags keep the values of one line)."""
    return Command("", commands=[
        Command(commands.PUT_USE, commands.PUT_SHORT, commands.PUT_LONG, run="put",
                flags=commands.put_flags()),
        Command(commands.GET_USE, commands.GET_SHORT, run="get", flags=commands.get_flags()),
        Command(commands.DEL_USE, commands.DEL_SHORT, run="del", flags=commands.del_flags())])


def parse_operation(line: str) -> dict[str, Any]:
    args = words(line)
    if len(args) < 2:
        raise ExitError(INVALID_INPUT, f"invalid txn compare request: {line}")
    try:
        command, rest = _operations().find(args)
        parsed = parse(command.flags(), rest)
    except FlagError:
        sys.stderr.write(default_usage(command) + "\n")
        raise ExitError(INVALID_INPUT, f"invalid txn request: {line}") from None
    except CommandLineError:
        raise ExitError(INVALID_INPUT, f"invalid txn request: {line}") from None
    if command.parent is None or command.help_flag().value:
        raise ExitError(INVALID_INPUT, f"invalid txn request: {line}")
    flags = command.flags()

    def flag(name: str) -> Any:
        return flags[name]

    if command.run == "put":
        return {"request_put": put_request_of(parsed.args, flag, io.BytesIO())}
    if command.run == "get":
        return {"request_range": get_request(parsed.args, flag)}
    return {"request_delete_range": delete_request_of(parsed.args, flag)}
