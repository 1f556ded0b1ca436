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


class GoNumber(float):
    """A JSON number with a fraction or an exponent, keeping its text: Go names a number by its text in the
    error for a field that cannot hold it ("cannot unmarshal number 1e3 into Go value of type int64")."""

    text: str

    def __new__(cls, text: str) -> GoNumber:
        number = super().__new__(cls, text)
        number.text = text
        return number


def _decoder() -> json.JSONDecoder:
    return json.JSONDecoder(parse_float=GoNumber)


def go_kind(value: object) -> str:
    """The name Go's encoding/json gives a JSON value's kind in its errors."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), "null")


def _number_text(value: int | float) -> str:
    return value.text if isinstance(value, GoNumber) else str(value)


def cannot_unmarshal(value: object, go_type: str) -> DecodeError:
    """Go's error for a value a numeric field (an integer, an enum) cannot hold; a number is named by its
    text."""
    kind = go_kind(value)
    if kind == "number":
        kind = f"number {_number_text(value)}"  # type: ignore[arg-type]
    return DecodeError(f"json: cannot unmarshal {kind} into Go value of type {go_type}")


def _message(value: object) -> dict:
    if value is None:  # Go's decoder leaves the message empty
        return {}
    if not isinstance(value, dict):
        raise DecodeError(f"json: cannot unmarshal {go_kind(value)} into Go value of type map[string]json.RawMessage")
    return value


def _next(decoder: json.JSONDecoder, text: str, position: int) -> tuple[dict, int]:
    try:
        value, position = decoder.raw_decode(text, position)
    except json.JSONDecodeError as err:
        raise DecodeError(go_json_error(text, err)) from None
    return _message(value), position


def decode_objects(body: bytes) -> tuple[list[dict], DecodeError | None]:
    """The JSON messages of a request body, one after another (a streaming call's requests), up to the first
    that cannot be read, and the error that stopped there (None at the end of the body)."""
    text = body.decode("utf-8", "replace")
    decoder, found, position = _decoder(), [], 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            return found, None
        try:
            message, position = _next(decoder, text, position)
        except DecodeError as err:
            return found, err
        found.append(message)


def decode_object(body: bytes) -> dict:
    """The first JSON message of a request body (a unary call reads one and ignores the rest; an empty body
    is an empty message)."""
    text = body.decode("utf-8", "replace").strip()
    return _next(_decoder(), text, 0)[0] if text else {}


_BASE64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
_PLAIN_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")  # with a length of 4n: what Go and Python read alike
_NEWLINES = b"\r\n"


def decode_bytes(value: object) -> bytes:
    """A protobuf `bytes` field: Go's base64.StdEncoding, which wants the padding, skips CR and LF, and
    reports the offset where a 4-character group went wrong."""
    if value is None:
        return b""
    if not isinstance(value, str):
        raise DecodeError(f"json: cannot unmarshal {go_kind(value)} into Go value of type []uint8")
    if len(value) % 4 == 0 and _PLAIN_BASE64.fullmatch(value):
        return base64.b64decode(value)
    return _go_base64(value.encode("utf-8"))


def _go_base64(src: bytes) -> bytes:
    """Go's base64 decoding, a byte at a time: for what is not plain padded base64."""
    kept = bytearray()

    def corrupt(offset: int) -> DecodeError:
        return DecodeError(f"illegal base64 data at input byte {offset}")

    def skip_newlines(index: int) -> int:
        while index < len(src) and src[index] in _NEWLINES:
            index += 1
        return index

    index = 0
    while True:  # one 4-character group per turn, as Go's decodeQuantum
        group = 0
        while group < 4:
            if index == len(src):
                if group == 0:
                    return base64.b64decode(bytes(kept))
                raise corrupt(index - group)
            char = src[index]
            index += 1
            if char in _BASE64_ALPHABET:
                kept.append(char)
                group += 1
            elif char not in _NEWLINES:
                if char != ord("=") or group < 2:
                    raise corrupt(index - 1)
                if group == 2:  # "==" wanted
                    index = skip_newlines(index)
                    if index == len(src):
                        raise corrupt(len(src))
                    if src[index] != ord("="):
                        raise corrupt(index - 1)
                    index += 1
                index = skip_newlines(index)
                if index < len(src):
                    raise corrupt(index)
                kept.extend(b"=" * (4 - group))
                return base64.b64decode(bytes(kept))


def _json_in_string(text: str) -> object:
    """What Go's json.Unmarshal reads in the text of a quoted number (protobuf's JSON takes "5" for 5: the
    quotes are dropped and the rest parsed as JSON)."""
    stripped = text.strip(" \t\r\n")
    if not stripped:
        raise DecodeError("unexpected end of JSON input")
    try:
        value, end = _decoder().raw_decode(stripped)
    except json.JSONDecodeError as err:
        message = go_json_error(stripped, err)
        raise DecodeError("unexpected end of JSON input" if message == "unexpected EOF" else message) from None
    if end < len(stripped):
        raise DecodeError(f"invalid character {_quote(stripped[end])} after top-level value")
    return value


_INT_RANGES = {"int64": (-(2**63), 2**63 - 1), "uint64": (0, 2**64 - 1), "int32": (-(2**31), 2**31 - 1)}


def decode_int(value: object, go_type: str = "int64") -> int:
    """A protobuf integer: a JSON number, or a string holding one; Go's errors for anything else."""
    if isinstance(value, str):
        value = _json_in_string(value)
    if value is None:
        return 0
    low, high = _INT_RANGES[go_type]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise cannot_unmarshal(value, go_type)
    return value


def decode_bool(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise DecodeError(f"json: cannot unmarshal {go_kind(value)} into Go value of type bool")
