"""The on-disk shape of one revision: its 12-byte key (main revision, sub revision) in the `rev` table and
the packed record of the key-value (or tombstone) written at that revision.

A revision id is one int, `main << 32 | sub`: every write request gets one main revision, and each key it
touches a sub revision, as in etcd's mvcc. Big-endian packing keeps LMDB's byte order equal to revision
order, so a cursor walks history in the order it happened.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

SUB_BITS = 32
_HEADER = struct.Struct(">qqqqIB")  # create, mod, version, lease, key length, flags
_TOMBSTONE = 1


def rev_id(main: int, sub: int = 0) -> int:
    return (main << SUB_BITS) | sub


def main_of(revision_id: int) -> int:
    return revision_id >> SUB_BITS


def rev_key(revision_id: int) -> bytes:
    return revision_id.to_bytes(12, "big")


def rev_from_key(key: bytes) -> int:
    return int.from_bytes(key, "big")


@dataclass(slots=True)
class KeyValue:
    """etcd's mvccpb.KeyValue; `version == 0` marks a tombstone (the key was deleted at mod_revision)."""

    key: bytes
    value: bytes = b""
    create_revision: int = 0
    mod_revision: int = 0
    version: int = 0
    lease: int = 0

    @property
    def is_tombstone(self) -> bool:
        return self.version == 0


def encode(kv: KeyValue) -> bytes:
    flags = _TOMBSTONE if kv.version == 0 else 0
    header = _HEADER.pack(kv.create_revision, kv.mod_revision, kv.version, kv.lease, len(kv.key), flags)
    return b"".join((header, kv.key, kv.value))


def decode(data: bytes | memoryview) -> KeyValue:
    create, mod, version, lease, key_len, _flags = _HEADER.unpack_from(data)
    start = _HEADER.size
    raw = bytes(data)
    return KeyValue(raw[start : start + key_len], raw[start + key_len :], create, mod, version, lease)


def decode_key(data: bytes | memoryview) -> bytes:
    """Only the user key of a record (cheaper than a full decode when replaying history)."""
    key_len = _HEADER.unpack_from(data)[4]
    return bytes(data[_HEADER.size : _HEADER.size + key_len])
