"""Snapshots: a consistent copy of a whole store in one file, its status, and restoring it into a new
data dir.

File format (version 1):
    b"MKPYSNAP" | u16 format version | entries | b"\\xff" | sha256 of everything before it (32 bytes)
    entry: u8 table number (backend.TABLES order) | u32 key length | u32 value length | key | value
The trailing sha256 is the integrity hash `restore` checks, as etcd appends one to its bbolt snapshots.
`restore --skip-hash-check` also accepts a raw LMDB `data.mdb` copied out of a data dir, which has no hash
(etcd's "copied from data directory" case).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator

import lmdb

from .backend import DEFAULT_QUOTA, TABLES, Backend, content_hash, map_size_for
from .errors import SnapshotError

MAGIC = b"MKPYSNAP"
FORMAT = 1
_HEADER = MAGIC + struct.pack(">H", FORMAT)
_ENTRY = struct.Struct(">BII")
_END = b"\xff"
_TRAILER = 32
_LMDB_MAGIC = struct.pack("<I", 0xBEEFC0DE)
_BOLT_MAGIC = struct.pack("<I", 0xED0CDAED)
_CHUNK = 1 << 20


@dataclass(slots=True)
class SnapshotStatus:
    hash: int  # crc32 of table names, keys and values: equals the member's maintenance hash when saved
    revision: int
    total_keys: int
    total_size: int


class _Hashing:
    """A writer that keeps the sha256 of what passed through."""

    def __init__(self, out: BinaryIO) -> None:
        self.out, self.sha, self.size = out, hashlib.sha256(), 0

    def write(self, data: bytes) -> None:
        self.sha.update(data)
        self.out.write(data)
        self.size += len(data)


def write_snapshot(backend: Backend, out: BinaryIO) -> int:
    """Write a snapshot of `backend` (one read transaction: consistent) to `out`; returns its size."""
    hashing = _Hashing(out)
    hashing.write(_HEADER)
    with backend.read() as txn:
        for name, key, value in backend.entries(txn):
            hashing.write(_ENTRY.pack(TABLES.index(name), len(key), len(value)))
            hashing.write(key)
            hashing.write(value)
    hashing.write(_END)
    out.write(hashing.sha.digest())
    return hashing.size + _TRAILER


def _open(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise SnapshotError(f"stat {path}: no such file or directory") from None
    except OSError as err:
        raise SnapshotError(f"open {path}: {err.strerror.lower()}") from None


def _kind(path: str) -> str:
    """'ours', 'lmdb' (a raw data.mdb), 'bolt' (a real etcd snapshot) or 'unknown'."""
    with _open(path) as f:
        head = f.read(32)
    if head.startswith(MAGIC):
        return "ours"
    if head[16:20] == _LMDB_MAGIC:
        return "lmdb"
    if head[16:20] == _BOLT_MAGIC:
        return "bolt"
    return "unknown"


def _refuse(path: str, kind: str) -> SnapshotError:
    if kind == "bolt":
        return SnapshotError(
            f"invalid database: {path} is a snapshot of a real etcd (bbolt format), not of a minikube-py member; "
            "restore it with the real etcdctl/etcdutl")
    return SnapshotError(f"invalid database: {path} is not a minikube-py snapshot")


def _entries(path: str, *, verify: bool) -> Iterator[tuple[str, bytes, bytes]]:
    """(table, key, value) of a snapshot file, checking structure and (if `verify`) the sha256."""
    size = os.path.getsize(path)
    with _open(path) as f:
        sha = hashlib.sha256()

        def read(n: int) -> bytes:
            data = f.read(n)
            if len(data) != n:
                raise SnapshotError(f"snapshot file integrity check failed: {path} is truncated")
            sha.update(data)
            return data

        header = read(len(_HEADER))
        if header != _HEADER:
            raise SnapshotError(f"invalid database: {path} has snapshot format "
                                f"{struct.unpack('>H', header[len(MAGIC):])[0]}, this version reads {FORMAT}")
        while True:
            number = read(1)
            if number == _END:
                break
            rest = read(_ENTRY.size - 1)
            table, key_len, value_len = _ENTRY.unpack(number + rest)
            if table >= len(TABLES):
                raise SnapshotError(f"snapshot file integrity check failed: {path} is corrupted")
            if f.tell() + key_len + value_len + 1 + _TRAILER > size:  # the file ends before what it announces
                raise SnapshotError(f"snapshot file integrity check failed: {path} is truncated")
            yield TABLES[table], read(key_len), read(value_len)
        trailer = f.read(_TRAILER + 1)
        if len(trailer) != _TRAILER:
            state = "truncated" if len(trailer) < _TRAILER else "corrupted"
            raise SnapshotError(f"snapshot file integrity check failed: {path} is {state}")
        if verify and trailer != sha.digest():
            raise SnapshotError(f"snapshot file integrity check failed: expected sha256 {trailer.hex()}, "
                                f"got {sha.hexdigest()}: {path} is corrupted")


def _lmdb_entries(path: str) -> Iterator[tuple[str, bytes, bytes]]:
    env = lmdb.open(path, subdir=False, readonly=True, lock=False, max_dbs=len(TABLES) + 1)
    try:
        with env.begin() as txn:
            for name in TABLES:
                try:
                    db = env.open_db(name.encode(), txn=txn, create=False)
                except lmdb.NotFoundError:
                    continue
                with txn.cursor(db=db) as cursor:
                    for key, value in cursor.iternext():
                        yield name, key, value
    finally:
        env.close()


def status(path: str) -> SnapshotStatus:
    kind = _kind(path)
    if kind != "ours":
        raise _refuse(path, kind)
    found = SnapshotStatus(hash=0, revision=1, total_keys=0, total_size=os.path.getsize(path))

    def counted() -> Iterator[tuple[str, bytes, bytes]]:
        for name, key, value in _entries(path, verify=True):
            found.total_keys += 1
            if name == "meta" and key == b"revision":
                found.revision = int.from_bytes(value, "big", signed=True)
            yield name, key, value

    found.hash = content_hash(counted())
    return found


def restore(path: str, data_dir: str, *, cluster: dict[bytes, bytes], skip_hash_check: bool = False,
            progress: Callable[[int], None] | None = None) -> None:
    """Create `data_dir` holding the snapshot's data and a new cluster identity (`cluster` replaces the
    snapshot's membership). Nothing is left behind if it fails."""
    if os.path.exists(data_dir):
        raise SnapshotError(f'data-dir "{data_dir}" exists')
    kind = _kind(path)
    if kind == "lmdb":
        if not skip_hash_check:
            raise SnapshotError("snapshot missing hash but --skip-hash-check=false")
        entries = _lmdb_entries(path)
    elif kind == "ours":
        entries = _entries(path, verify=not skip_hash_check)
    else:
        raise _refuse(path, kind)
    partial = data_dir.rstrip("/") + ".restoring"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        _load(partial, entries, cluster, progress)
        os.rename(partial, data_dir)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _load(data_dir: str, entries: Iterator[tuple[str, bytes, bytes]], cluster: dict[bytes, bytes],
          progress: Callable[[int], None] | None) -> None:
    size = 0
    backend = Backend(data_dir, map_size=map_size_for(DEFAULT_QUOTA))
    try:
        with backend.write() as txn:
            for table, key, value in entries:
                if table == "cluster" or (table == "meta" and key in (b"raft_term", b"format")):
                    continue
                txn.put(key, value, db=backend.tables[table])
                size += len(key) + len(value)
                if progress is not None:
                    progress(size)
            for key, value in cluster.items():
                txn.put(key, value, db=backend.tables["cluster"])
    finally:
        backend.close()
