"""The LMDB environment of a data dir and its tables; nothing above this module touches `lmdb` directly
except through the transactions it hands out.

Layout: `<data-dir>/member/store/{data.mdb,lock.mdb}`. Tables:
  meta     store-wide counters (revision, compact revision, raft index/term, alarms, lease epoch)
  rev      revision id (12 bytes) -> packed key-value record (see records.py): the whole history
  lease    lease id (8 bytes) -> granted TTL (8 bytes)
  cluster  membership data owned by the etcd member (opaque JSON)
  v2       the v2 keyspace's log (owned by v2.py)
LMDB gives every process a consistent snapshot per read transaction and one cross-process writer, and a
commit is on disk (fsync) before it returns: that is the store's durability and multi-process safety.
"""

from __future__ import annotations

import os
import zlib
from typing import Iterable, Iterator

import lmdb

from .errors import DataDirError

TABLES = ("meta", "rev", "lease", "cluster", "v2")
FORMAT_VERSION = b"minikube-py-store/1"
DEFAULT_QUOTA = 2 * 1024**3  # etcd's default --quota-backend-bytes
_MAX_READERS = 1024


def map_size_for(quota: int) -> int:
    """LMDB's address-space reservation for a store with this quota: room past the quota for the
    requests that cross it (the file itself only grows as data is written)."""
    return quota + max(quota // 2, 256 * 1024**2)


def store_path(data_dir: str) -> str:
    return os.path.join(data_dir, "member", "store")


def check_data_dir(data_dir: str) -> None:
    """Refuse a data dir that holds something other than our store (a real etcd member's bbolt/WAL)."""
    member = os.path.join(data_dir, "member")
    foreign = [name for name in ("wal", "snap") if os.path.exists(os.path.join(member, name))]
    if foreign:
        raise DataDirError(
            f"data-dir {data_dir!r} holds a real etcd member (member/{foreign[0]}), not a minikube-py store; "
            "restore a snapshot into a new --data-dir or use an empty one"
        )


def content_hash(entries: Iterable[tuple[str, bytes, bytes]]) -> int:
    """crc32 of each table's name followed by its keys and values, every table in TABLES order, empty ones
    too (etcd's maintenance Hash). `entries` are (table, key, value) in that order: from a live
    environment (`Backend.entries`) or read back from a snapshot, so both give the same hash."""
    digest = 0
    names = iter(TABLES)
    current = None
    for table, key, value in entries:
        while current != table:
            current = next(names)
            digest = zlib.crc32(current.encode(), digest)
        digest = zlib.crc32(value, zlib.crc32(key, digest))
    for name in names:
        digest = zlib.crc32(name.encode(), digest)
    return digest


class Backend:
    def __init__(self, data_dir: str, *, map_size: int, readonly: bool = False) -> None:
        check_data_dir(data_dir)
        path = store_path(data_dir)
        if not readonly:
            os.makedirs(path, mode=0o700, exist_ok=True)
        elif not os.path.exists(os.path.join(path, "data.mdb")):
            raise DataDirError(f"data-dir {data_dir!r} has no minikube-py store")
        self.data_dir = data_dir
        self.env = lmdb.open(
            path,
            map_size=map_size,
            max_dbs=len(TABLES) + 1,
            max_readers=_MAX_READERS,
            readonly=readonly,
            readahead=False,
        )
        self.page_size: int = self.env.stat()["psize"]
        with self.env.begin(write=not readonly) as txn:
            self.tables = {name: self.env.open_db(name.encode(), txn=txn, create=not readonly) for name in TABLES}
            found = txn.get(b"format", db=self.tables["meta"])
            if found is None and not readonly:
                txn.put(b"format", FORMAT_VERSION, db=self.tables["meta"])
            elif found not in (None, FORMAT_VERSION):
                raise DataDirError(f"data-dir {data_dir!r} was written by an unknown store format {found!r}")
        self.meta = self.tables["meta"]
        self.rev = self.tables["rev"]
        self.lease = self.tables["lease"]

    def read(self) -> lmdb.Transaction:
        return self.env.begin()

    def write(self) -> lmdb.Transaction:
        return self.env.begin(write=True)

    def get_int(self, txn: lmdb.Transaction, name: bytes, default: int = 0) -> int:
        raw = txn.get(name, db=self.meta)
        return default if raw is None else int.from_bytes(raw, "big", signed=True)

    def put_int(self, txn: lmdb.Transaction, name: bytes, value: int) -> None:
        txn.put(name, value.to_bytes(8, "big", signed=True), db=self.meta)

    def size(self) -> int:
        """Bytes the data file has grown to (etcd's dbSize, what the quota is checked against)."""
        return (self.env.info()["last_pgno"] + 1) * self.page_size

    def size_in_use(self) -> int:
        """Bytes of pages holding live data (etcd's dbSizeInUse); the rest are free pages LMDB reuses."""
        pages = 2  # the two meta pages
        with self.env.begin() as txn:
            for db in (None, *self.tables.values()):
                stat = txn.stat(db) if db is not None else self.env.stat()
                pages += stat["branch_pages"] + stat["leaf_pages"] + stat["overflow_pages"]
        return pages * self.page_size

    def items(self, txn: lmdb.Transaction, table: str) -> Iterator[tuple[bytes, bytes]]:
        with txn.cursor(db=self.tables[table]) as cursor:
            yield from cursor.iternext()

    def entries(self, txn: lmdb.Transaction) -> Iterator[tuple[str, bytes, bytes]]:
        """(table, key, value) of every table, tables in TABLES order: what a snapshot holds."""
        for name in TABLES:
            for key, value in self.items(txn, name):
                yield name, key, value

    def copy_compacted(self, path: str) -> None:
        """A compacted, consistent copy of the environment into directory `path` (for defrag)."""
        os.makedirs(path, mode=0o700, exist_ok=True)
        self.env.copy(path, compact=True)

    def close(self) -> None:
        self.env.close()
