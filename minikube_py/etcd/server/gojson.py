"""JSON shaped as etcd's Go code writes it: encoding/json's escaping, RFC 3339 times with nanoseconds,
and the grpc-gateway's rules for protobuf messages (64-bit integers as strings, bytes as base64)."""

from __future__ import annotations

import base64
import json
import re
import time

SECOND = 1_000_000_000
_GO_ESCAPES = re.compile(r"\\\\|\\b|\\f|[<>&\u2028\u2029]")
_GO_ESCAPED = {"\\\\": "\\\\", "\\b": "\\u0008", "\\f": "\\u000c"}


def go_json(data: object) -> str:
    """JSON as Go's encoding/json writes it: compact, non-ASCII as is, <, >, &, U+2028/9 and \\b \\f as \\u
    escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _GO_ESCAPES.sub(lambda m: _GO_ESCAPED.get(m.group(0)) or f"\\u{ord(m.group(0)):04x}", text)


def rfc3339nano(ns: int) -> str:
    """Go's time.RFC3339Nano of a UTC time in unix nanoseconds (the fraction without trailing zeros)."""
    seconds, nanos = divmod(ns, SECOND)
    fraction = f".{nanos:09d}".rstrip("0") if nanos else ""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + fraction + "Z"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class DecodeError(ValueError):
    """A request body the gateway cannot read; the message is Go's."""


def go_json_error(text: str, err: json.JSONDecodeError) -> str:
    """Go's encoding/json message for the first syntax error in `text` (Python's decoder finds the same
    place; Go names it differently)."""
    position = err.pos
    if position >= len(text):
        return "unexpected EOF"
    found = text[position]
    if err.msg == "Expecting value":
        for literal in ("true", "false", "null"):
            if found == literal[0]:
                for offset, expected in enumerate(literal):
                    if position + offset >= len(text):
                        return "unexpected EOF"
                    if text[position + offset] != expected:
                        return (f"invalid character {_quote(text[position + offset])} in literal {literal} "
                                f"(expecting {_quote(expected)})")
        return f"invalid character {_quote(found)} looking for beginning of value"
    context = {
        "Expecting ',' delimiter": "after object key:value pair" if _inside_object(text, position)
        else "after array element",
        "Expecting ':' delimiter": "after object key",
        "Expecting property name enclosed in double quotes": "looking for beginning of object key string",
    }.get(err.msg, "looking for beginning of value")
    return f"invalid character {_quote(found)} {context}"


def _inside_object(text: str, position: int) -> bool:
    depth = 0
    for char in reversed(text[:position]):
        if char in "]}":
            depth += 1
        elif char in "[{":
            if depth == 0:
                return char == "{"
            depth -= 1
    return True


def _quote(char: str) -> str:
    return "'\\''" if char == "'" else f"'{char}'"


def _message(value: object) -> dict:
    if not isinstance(value, dict):
        kind = {list: "array", str: "string", bool: "bool"}.get(type(value), "number")
        raise DecodeError(f"json: cannot unmarshal {kind} into Go value of type map[string]json.RawMessage")
    return value


def _next(decoder: json.JSONDecoder, text: str, position: int) -> tuple[dict, int]:
    try:
        value, position = decoder.raw_decode(text, position)
    except json.JSONDecodeError as err:
        raise DecodeError(go_json_error(text, err)) from None
    return _message(value), position


def decode_objects(body: bytes) -> list[dict]:
    """The JSON messages of a request body, one after another (a streaming call's requests)."""
    text = body.decode("utf-8", "replace")
    decoder, found, position = json.JSONDecoder(), [], 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            return found
        message, position = _next(decoder, text, position)
        found.append(message)


def decode_object(body: bytes) -> dict:
    """The first JSON message of a request body (a unary call reads one and ignores the rest; an empty body
    is an empty message)."""
    text = body.decode("utf-8", "replace").strip()
    return _next(json.JSONDecoder(), text, 0)[0] if text else {}


def decode_bytes(value: object) -> bytes:
    """A protobuf `bytes` field: standard base64 (padded or not), as Go's decoder reports errors."""
    if value is None:
        return b""
    if not isinstance(value, str):
        raise DecodeError(f"json: cannot unmarshal {type(value).__name__} into Go value of type []uint8")
    for index, char in enumerate(value):
        if not (char.isascii() and (char.isalnum() or char in "+/=")):
            raise DecodeError(f"illegal base64 data at input byte {index}")
    try:
        return base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
    except ValueError:
        raise DecodeError(f"illegal base64 data at input byte {len(value.rstrip('='))}") from None


def decode_int(value: object) -> int:
    """A protobuf integer: a JSON number or a string holding one."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise DecodeError("json: cannot unmarshal bool into Go value of type int64")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            pass
    raise DecodeError(f"json: cannot unmarshal {json.dumps(value)} into Go value of type int64")


def decode_bool(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise DecodeError(f"json: cannot unmarshal {json.dumps(value)} into Go value of type bool")
