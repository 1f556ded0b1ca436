"""The protobuf wire format, read-only: varints, length-delimited fields, fixed 32/64-bit values and groups.

`fields(data)` walks one message and yields `(number, wire_type, value)`; it knows nothing about what the
fields mean (see `messages` and `decode`). Errors are `DecodeError`s worded like the Go (gogo-protobuf)
unmarshaller's, which is what the apiserver reports for a body it cannot read."""

from __future__ import annotations

from collections.abc import Iterator

VARINT, FIXED64, BYTES, START_GROUP, END_GROUP, FIXED32 = 0, 1, 2, 3, 4, 5


class DecodeError(ValueError):
    """A body that is not well-formed protobuf (or not the message it claims to be)."""


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """The unsigned varint at `pos` and the position after it."""
    value = shift = 0
    while True:
        if shift >= 64:
            raise DecodeError("proto: integer overflow")
        if pos >= len(data):
            raise DecodeError("unexpected EOF")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value & 0xFFFFFFFFFFFFFFFF, pos
        shift += 7


def signed(value: int, bits: int = 64) -> int:
    """A varint read as Go's int32/int64 reads it (two's complement of its low `bits`)."""
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def _read_value(data: bytes, pos: int, wire_type: int) -> tuple[int | bytes, int]:
    if wire_type == VARINT:
        return read_varint(data, pos)
    if wire_type == BYTES:
        length, pos = read_varint(data, pos)
        if length >= 1 << 63:
            raise DecodeError("proto: negative length found during unmarshaling")
        if pos + length > len(data):
            raise DecodeError("unexpected EOF")
        return data[pos:pos + length], pos + length
    size = 8 if wire_type == FIXED64 else 4
    if pos + size > len(data):
        raise DecodeError("unexpected EOF")
    return int.from_bytes(data[pos:pos + size], "little"), pos + size


def _skip_group(data: bytes, pos: int) -> int:
    """The position after the END_GROUP closing a START_GROUP (groups, obsolete, are only skipped)."""
    depth = 1
    while depth:
        if pos >= len(data):
            raise DecodeError("unexpected EOF")
        key, pos = read_varint(data, pos)
        wire_type = key & 7
        if wire_type in (START_GROUP, END_GROUP):
            depth += 1 if wire_type == START_GROUP else -1
        elif wire_type in (VARINT, FIXED64, BYTES, FIXED32):
            pos = _read_value(data, pos, wire_type)[1]
        else:
            raise DecodeError(f"proto: illegal wireType {wire_type}")
    return pos


def fields(data: bytes, message: str = "message") -> Iterator[tuple[int, int, int | bytes]]:
    """Each field of one encoded message in order: varints and fixed values as unsigned ints, length-delimited
    ones as bytes. Groups (obsolete, never written by Kubernetes) are skipped. `message` names the type in
    error texts."""
    pos = 0
    while pos < len(data):
        key, pos = read_varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == END_GROUP:
            raise DecodeError(f"proto: {message}: wiretype end group for non-group")
        if number <= 0 or number >= 1 << 29:
            raise DecodeError(f"proto: {message}: illegal tag {number} (wire type {wire_type})")
        if wire_type == START_GROUP:
            pos = _skip_group(data, pos)
            continue
        if wire_type > FIXED32:
            raise DecodeError(f"proto: illegal wireType {wire_type}")
        value, pos = _read_value(data, pos, wire_type)
        yield number, wire_type, value


def packed_varints(data: bytes) -> list[int]:
    """The values of a packed repeated varint field."""
    values, pos = [], 0
    while pos < len(data):
        value, pos = read_varint(data, pos)
        values.append(value)
    return values

