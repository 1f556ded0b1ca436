"""The v2 keyspace (etcd's v2store) inside a Store: its tree, its etcd index (X-Etcd-Index, separate from
the v3 revision), the history of the last 1000 events (for waitIndex), the TTL deadlines and the
counters of /v2/stats/store.

Like the v3 keyspace it is derived state: the `v2` table holds a log of applied writes (v2_log.py), the
store replays it when it opens and catches up with what other processes appended, and a checkpoint
every 1000 writes lets the log drop what came before it. Writes come through `Store.apply` (one LMDB
commit for the whole batch); `Store` calls `apply`, `catch_up`, `behind` and `commit` with its lock held.
Reads take no lock: they use the last committed snapshot (tree, index, history), which no write changes.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable
from dataclasses import dataclass

import lmdb

from . import v2_ops as ops
from .errors import StoreError
from .v2_log import (
    CHECKPOINT,
    ENTRY,
    decode_checkpoint,
    decode_entry,
    encode_checkpoint,
    encode_entry,
    parse_key,
    record_key,
)
from .v2_tree import Node, clean, find, initial_root, lookup, view, walk
from .v2_types import (
    V2CompareAndDelete,
    V2CompareAndSwap,
    V2Create,
    V2Delete,
    V2Error,
    V2Event,
    V2Expire,
    V2Response,
    V2Set,
    V2Update,
)

HISTORY = 1000  # events kept for waitIndex, as etcd's event history
CHECKPOINT_EVERY = 1000  # log entries between two checkpoints

# /v2/stats/store's counters, in etcd's order, and which ones a write request moves.
STAT_NAMES = ("getsSuccess", "getsFail", "setsSuccess", "setsFail", "deleteSuccess", "deleteFail",
              "updateSuccess", "updateFail", "createSuccess", "createFail", "compareAndSwapSuccess",
              "compareAndSwapFail", "compareAndDeleteSuccess", "compareAndDeleteFail", "expireCount",
              "watchers")
_STAT_OF = {V2Set: "sets", V2Delete: "delete", V2Update: "update", V2Create: "create",
            V2CompareAndSwap: "compareAndSwap", V2CompareAndDelete: "compareAndDelete"}
_WRITES = (ops.SET, ops.CREATE, ops.UPDATE, ops.CAS)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A committed state: the tree, the etcd index, and the history: the last events up to `index`, oldest
    first, one per index."""

    index: int
    root: Node
    history: list[V2Event]

    @property
    def first_index(self) -> int:
        """The oldest index a watch may start from (0 when nothing happened yet)."""
        return self.history[0].index if self.history else 0

    def events_from(self, index: int) -> list[V2Event]:
        """The events at `index` and after (`index` at least `first_index`)."""
        return self.history[max(index - self.first_index, 0):]


def _last_key(txn: lmdb.Transaction, table: lmdb._Database) -> bytes:
    with txn.cursor(db=table) as cursor:
        return cursor.key() if cursor.last() else b""


class V2Keyspace:
    def __init__(self, refresh: Callable[[], object]) -> None:
        """`refresh` makes the owning store catch up with other processes (Store.poll)."""
        self._refresh = refresh
        self.stats = dict.fromkeys(STAT_NAMES, 0)
        self.reset()

    def reset(self) -> None:
        """Forget everything: the next `catch_up` rebuilds from the log."""
        root = initial_root()
        self._root, self._index, self._history = root, 0, []
        self._ttl: dict[str, int] = {}  # path -> expiry of every node with a TTL
        self._heap: list[tuple[int, str]] = []  # (expiry, path); entries not in _ttl are stale
        self._applied = b""  # key of the last log record reflected in memory
        self._committed = b""  # key of the last log record readers see
        self._since_checkpoint = 0
        self._published = Snapshot(0, root, [])

    # -- called by Store, with its lock held -------------------------------------------------------------

    def behind(self, txn: lmdb.Transaction, table: lmdb._Database) -> bool:
        return _last_key(txn, table) > self._committed

    def catch_up(self, txn: lmdb.Transaction, table: lmdb._Database) -> None:
        """Replay what `txn` shows beyond what memory holds (writes of other processes, or the whole log
        after a reset). Never called in the middle of a batch."""
        last = _last_key(txn, table)
        if last > self._applied:
            with txn.cursor(db=table) as cursor:
                found = cursor.set_range(self._applied + b"\0")
                while found:
                    self._replay(cursor.key(), cursor.value())
                    found = cursor.next()
        if last == self._applied and last > self._committed:
            self._publish()

    def apply(self, txn: lmdb.Transaction, table: lmdb._Database, req: object) -> V2Response:
        """Apply one write request inside the batch's write transaction (readers see it after `commit`)."""
        now = time.time_ns()
        stat = _STAT_OF.get(type(req))
        try:
            outcome = self._apply(req, now)
        except V2Error:
            if stat:
                self.stats[stat + "Fail"] += 1
            raise
        if stat:
            self.stats[stat + "Success"] += 1
        else:
            self.stats["expireCount"] += len(outcome.events)
        if outcome.events:
            self._append(txn, table, record_key(self._index, ENTRY), encode_entry(req, now))
            if self._since_checkpoint >= CHECKPOINT_EVERY:
                self._checkpoint(txn, table)
        return V2Response(outcome.events, self._index)

    def commit(self) -> None:
        """The batch's transaction committed: show its writes to readers."""
        if self._applied > self._committed:
            self._publish()

    # -- reads (no lock) ---------------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        self._refresh()
        return self._published

    @property
    def index(self) -> int:
        return self.snapshot().index

    def get(self, path: str, *, recursive: bool = False, sort: bool = False) -> V2Response:
        snap = self.snapshot()
        try:
            node = lookup(snap.root, clean(path), snap.index)
        except V2Error:
            self.stats["getsFail"] += 1
            raise
        self.stats["getsSuccess"] += 1
        shown = view(node, time.time_ns(), recursive=recursive, sort=sort, listed=True)
        return V2Response([V2Event(ops.GET, shown)], snap.index)

    def exists(self, path: str) -> bool:
        return find(self.snapshot().root, clean(path)) is not None

    def next_expiry(self) -> int | None:
        """Unix nanoseconds at which the next node expires (a V2Expire then removes it), None if none."""
        self._refresh()
        top = self._heap[:1]
        return top[0][0] if top else None

    # -- state ------------------------------------------------------------------------------------------

    def _apply(self, req: object, now: int) -> ops.Outcome:
        if isinstance(req, V2Expire):
            outcome = ops.expire(self._root, self._index, self._due(now), now)
        else:
            outcome = ops.write(self._root, self._index, req, now)
        self._root, self._index = outcome.root, outcome.index
        for event in outcome.events:
            for path in event.removed:
                self._ttl.pop(path, None)
            if event.action in _WRITES:
                self._track(find(self._root, event.node.key))  # type: ignore[arg-type]
        self._drop_stale()
        if outcome.events:
            self._history = (self._history + outcome.events)[-HISTORY:]
        return outcome

    def _track(self, node: Node) -> None:
        if node.expire is None:
            self._ttl.pop(node.key, None)
        else:
            self._ttl[node.key] = node.expire
            heapq.heappush(self._heap, (node.expire, node.key))

    def _due(self, now: int) -> list[tuple[int, str]]:
        due = []
        while self._heap and self._heap[0][0] <= now:
            expire, path = heapq.heappop(self._heap)
            if self._ttl.get(path) == expire:
                due.append((expire, path))
        return due

    def _drop_stale(self) -> None:
        """Keep the heap's top a live deadline, so `next_expiry` needs no lock."""
        heap = self._heap
        while heap and self._ttl.get(heap[0][1]) != heap[0][0]:
            heapq.heappop(heap)

    def _publish(self) -> None:
        self._published = Snapshot(self._index, self._root, self._history)
        self._committed = self._applied

    # -- the log ----------------------------------------------------------------------------------------

    def _append(self, txn: lmdb.Transaction, table: lmdb._Database, key: bytes, value: bytes) -> None:
        txn.put(key, value, db=table)
        self._applied = key
        self._since_checkpoint += 1

    def _checkpoint(self, txn: lmdb.Transaction, table: lmdb._Database) -> None:
        """Write the whole state at the current index and drop every record before it."""
        key = record_key(self._index, CHECKPOINT)
        txn.put(key, encode_checkpoint(self._root, self._index, self._history), db=table)
        with txn.cursor(db=table) as cursor:
            cursor.first()
            while cursor.key() < key:
                cursor.delete()
        self._applied = key
        self._since_checkpoint = 0

    def _replay(self, key: bytes, raw: bytes) -> None:
        index, kind = parse_key(key)
        if kind == CHECKPOINT:
            if index > self._index:
                self._load(raw)
            self._since_checkpoint = 0
        else:
            req, now = decode_entry(raw)
            self._apply(req, now)
            self._since_checkpoint += 1
            if self._index != index:
                raise StoreError(f"etcdserver: v2 store log replay reached index {self._index}, "
                                 f"the log says {index}: the data dir is damaged")
        self._applied = key

    def _load(self, raw: bytes) -> None:
        self._root, self._index, self._history = decode_checkpoint(raw)
        self._ttl = {node.key: node.expire for node in walk(self._root) if node.expire is not None}
        self._heap = sorted((expire, path) for path, expire in self._ttl.items())
