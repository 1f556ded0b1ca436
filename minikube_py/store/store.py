"""`Store`: etcd's v3 data model on one data dir, safe to share between threads and processes.

Writes go through `apply(requests)`: one LMDB write transaction (one fsync) for the whole batch, each
request getting its own main revision, so concurrent clients share a commit as etcd's raft log batches
them. Reads run without a lock against the committed revision. Before touching state, every reader and
writer checks the `meta` revision and replays revisions another process committed, so several processes
see one history ("catching up" reads only the new revisions, never the whole keyspace).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import zlib
from contextlib import contextmanager
from typing import Callable, Iterator

import lmdb

from . import kv, records
from .backend import DEFAULT_QUOTA, Backend, content_hash, map_size_for, store_path
from .errors import (
    CompactedError,
    FutureRevisionError,
    NoSpaceError,
    RequestTooLargeError,
    StoreClosedError,
    StoreError,
)
from .index import Index
from .leases import Lessor
from .records import KeyValue, rev_id, rev_key
from .types import (
    CompactionRequest,
    CompactionResponse,
    DeleteRangeRequest,
    Event,
    LeaseGrantRequest,
    LeaseGrantResponse,
    LeaseRevokeRequest,
    LeaseRevokeResponse,
    LeaseTimeToLive,
    PutRequest,
    RangeRequest,
    RangeResponse,
    Status,
    TxnRequest,
)
from .v2 import V2Keyspace
from .v2_types import V2Request

MAX_REQUEST_BYTES = 1536 * 1024
NOSPACE = "NOSPACE"

_REVISION = b"revision"
_COMPACT = b"compact"
_RAFT_INDEX = b"raft_index"
_RAFT_TERM = b"raft_term"
_LEASE_EPOCH = b"lease_epoch"
_ALARM = b"alarm:"


class Store:
    def __init__(self, data_dir: str, *, quota_bytes: int = DEFAULT_QUOTA, lease_id_prefix: int = 0,
                 max_txn_ops: int = kv.MAX_TXN_OPS, max_request_bytes: int = MAX_REQUEST_BYTES) -> None:
        self.data_dir = data_dir
        self.quota_bytes = quota_bytes
        self.max_txn_ops = max_txn_ops
        self.max_request_bytes = max_request_bytes
        self._backend = Backend(data_dir, map_size=map_size_for(quota_bytes))
        self._sharing = open(os.path.join(data_dir, "member", "store.lock"), "a+")
        fcntl.flock(self._sharing, fcntl.LOCK_SH)
        self._lock = threading.RLock()
        self._lessor = Lessor(lease_id_prefix)
        self._listeners: list[Callable[[int], None]] = []
        self._closed = False
        self._v2 = V2Keyspace(self.poll)
        with self._backend.write() as txn:
            self.raft_term = self._backend.get_int(txn, _RAFT_TERM, 1) + 1
            self._backend.put_int(txn, _RAFT_TERM, self.raft_term)
        self._rebuild()

    # -- loading and catching up ---------------------------------------------------------------------

    def _rebuild(self) -> None:
        """Derive the index and the leases from disk from scratch."""
        with self._lock, self._backend.read() as txn:
            self._forget_history()
            self._v2.reset()
            self._lease_epoch = -1  # forces the first load of the lease table
            self._replay(txn)

    def _forget_history(self) -> None:
        self._index = Index()
        self._lessor.reset_attachments()
        self._revision = self._compact = 0

    def _replay(self, txn: lmdb.Transaction) -> None:
        """Apply to memory what `txn` shows beyond what this process knows: new revisions, a compaction,
        lease changes. Called with the lock held and no write in progress."""
        backend = self._backend
        if backend.get_int(txn, _COMPACT) > self._revision:
            # another process compacted revisions this one never saw: the records it removed (tombstones,
            # overwritten values) cannot be replayed, so derive the index again from what is left
            self._forget_history()
        revision = backend.get_int(txn, _REVISION, 1)
        if revision > self._revision:
            with txn.cursor(db=backend.rev) as cursor:
                if cursor.set_range(rev_key(rev_id(self._revision + 1))):
                    for raw_key, raw in cursor.iternext():
                        self._remember(records.rev_from_key(raw_key), records.decode(raw))
            self._revision = revision
        compact = backend.get_int(txn, _COMPACT)
        if compact > self._compact:
            self._index.compact(compact)
            self._compact = compact
        epoch = backend.get_int(txn, _LEASE_EPOCH)
        if epoch != self._lease_epoch:
            self._lessor.load(txn, backend.lease)
            self._lease_epoch = epoch
        self._v2.catch_up(txn, backend.tables["v2"])

    def _remember(self, revision_id: int, kv_: KeyValue) -> None:
        if kv_.version:
            self._index.record_put(kv_.key, revision_id)
            self._lessor.attach(kv_.key, kv_.lease)
        else:
            self._index.record_delete(kv_.key, revision_id)
            self._lessor.detach(kv_.key)

    def _catch_up(self, txn: lmdb.Transaction) -> None:
        backend = self._backend
        if (backend.get_int(txn, _REVISION, 1) != self._revision
                or backend.get_int(txn, _LEASE_EPOCH) != self._lease_epoch
                or backend.get_int(txn, _COMPACT) != self._compact
                or self._v2.behind(txn, backend.tables["v2"])):
            with self._lock:
                self._replay(txn)
                revision = self._revision
            self._notify(revision)

    def poll(self) -> int:
        """See what other processes committed; returns the current revision (watchers call this)."""
        with self._backend.read() as txn:
            self._catch_up(txn)
        return self._revision

    def subscribe(self, listener: Callable[[int], None]) -> None:
        """Call `listener(revision)` after every commit this process makes or sees (any thread)."""
        self._listeners.append(listener)

    def _notify(self, revision: int) -> None:
        for listener in self._listeners:
            listener(revision)

    # -- reads ---------------------------------------------------------------------------------------

    @property
    def revision(self) -> int:
        return self._revision

    @property
    def compact_revision(self) -> int:
        return self._compact

    @contextmanager
    def _view(self) -> Iterator[kv.View]:
        self._check_open()
        with self._backend.read() as txn:
            self._catch_up(txn)
            # the revision this transaction shows: the index may already hold later ones of this process
            main = self._backend.get_int(txn, _REVISION, 1)
            yield kv.View(self._index, txn, self._backend.rev, main, self._compact)

    def range(self, req: RangeRequest) -> RangeResponse:
        while True:
            with self._view() as view:
                response = kv.range_(view, req, view.main)
            # a compaction past the revision read may have run meanwhile and changed the index under it:
            # the answer stands only if that revision is still retained
            if (req.revision or view.main) >= self._compact:
                return response
            if req.revision:
                raise CompactedError()
            # the current revision moved past the compaction: read it again

    def events(self, start: int, end: int | None = None, *, with_prev_kv: bool = False
               ) -> tuple[list[Event], list[KeyValue | None]]:
        """Changes at revisions start..end (default: the current one) and, if asked, each one's prev_kv.
        Raises CompactedError when `start` is no longer retained."""
        with self._view() as view:
            if start < self._compact:
                raise CompactedError()
            found = kv.events(view, start, view.main if end is None else end)
            previous = [kv.prev_kv(view, event) for event in found] if with_prev_kv else []
        if start < self._compact:  # compacted while being read: prev_kvs may have been lost
            raise CompactedError()
        return found, previous

    # -- writes --------------------------------------------------------------------------------------

    def apply(self, requests: list) -> list:
        """Apply write requests in order in one commit; each result is a response or the StoreError it
        failed with (a failed request changes nothing)."""
        results: list = []
        with self._lock:
            self._check_open()
            backend = self._backend
            try:
                with backend.write() as txn:
                    self._replay(txn)
                    main = self._revision
                    raft_index = backend.get_int(txn, _RAFT_INDEX)
                    for req in requests:
                        writer = kv.Writer(self._index, txn, backend.rev, main + 1, self._compact,
                                           lessor=self._lessor, lease_table=backend.lease)
                        try:
                            result = self._apply_one(txn, writer, req)
                        except StoreError as err:
                            result = err
                        if writer.wrote:
                            main += 1
                        if not isinstance(result, StoreError):
                            result.revision = main
                        results.append(result)
                        raft_index += 1
                    backend.put_int(txn, _REVISION, main)
                    backend.put_int(txn, _RAFT_INDEX, raft_index)
            except BaseException:
                self._rebuild()  # memory may hold revisions that never reached the disk
                raise
            self._revision = main
            self._v2.commit()
        self._notify(main)
        return results

    def apply_one(self, request: object) -> object:
        """`apply` of one request, raising its StoreError."""
        result = self.apply([request])[0]
        if isinstance(result, StoreError):
            raise result
        return result

    def _apply_one(self, txn: lmdb.Transaction, writer: kv.Writer, req: object) -> object:
        self._check_size(kv.request_size(req))
        if isinstance(req, PutRequest):
            self._check_quota(txn, len(req.key) + len(req.value))
            return kv.put_request(writer, req)
        if isinstance(req, DeleteRangeRequest):
            return kv.delete_range(writer, req)
        if isinstance(req, TxnRequest):
            kv.check_txn(req, self.max_txn_ops)
            if _has_put(req):
                self._check_quota(txn, 0)
            return kv.txn(writer, req)
        if isinstance(req, CompactionRequest):
            return self._compaction(txn, req)
        if isinstance(req, LeaseGrantRequest):
            self._check_quota(txn, 0)
            lease = self._lessor.grant(txn, self._backend.lease, req.ttl, req.id)
            self._bump_lease_epoch(txn)
            return LeaseGrantResponse(revision=0, id=lease.id, ttl=lease.ttl)
        if isinstance(req, LeaseRevokeRequest):
            return self._revoke(txn, writer, req.id)
        if isinstance(req, V2Request):
            return self._v2.apply(txn, self._backend.tables["v2"], req)
        raise TypeError(f"not a store request: {req!r}")

    def _check_size(self, size: int) -> None:
        if size > self.max_request_bytes:
            raise RequestTooLargeError()

    def _check_quota(self, txn: lmdb.Transaction, cost: int) -> None:
        if txn.get(_ALARM + NOSPACE.encode(), db=self._backend.meta) is not None:
            raise NoSpaceError()
        if self._backend.size() + cost > self.quota_bytes:
            txn.put(_ALARM + NOSPACE.encode(), b"1", db=self._backend.meta)
            raise NoSpaceError()

    def _bump_lease_epoch(self, txn: lmdb.Transaction) -> None:
        self._lease_epoch += 1
        self._backend.put_int(txn, _LEASE_EPOCH, self._lease_epoch)

    def _compaction(self, txn: lmdb.Transaction, req: CompactionRequest) -> CompactionResponse:
        if req.revision <= self._compact:
            raise CompactedError()
        if req.revision > self._revision:
            raise FutureRevisionError()
        self._compact = req.revision  # before the index changes: readers of older revisions check it after
        for dropped in self._index.compact(req.revision):
            txn.delete(rev_key(dropped), db=self._backend.rev)
        self._backend.put_int(txn, _COMPACT, req.revision)
        return CompactionResponse(revision=0)

    def _revoke(self, txn: lmdb.Transaction, writer: kv.Writer, lease_id: int) -> LeaseRevokeResponse:
        lease = self._lessor.require(lease_id)
        for key in sorted(lease.keys):
            kv.delete_range(writer, DeleteRangeRequest(key))
        self._lessor.remove(txn, self._backend.lease, lease_id)
        self._bump_lease_epoch(txn)
        return LeaseRevokeResponse(revision=0)

    # -- leases that need no write -------------------------------------------------------------------

    def lease_keepalive(self, lease_id: int) -> int:
        """Renew a lease to its full TTL; returns the TTL. Raises LeaseNotFoundError."""
        self.poll()
        return self._lessor.renew(lease_id)

    def lease_time_to_live(self, lease_id: int, *, keys: bool = False) -> LeaseTimeToLive:
        self.poll()
        lease = self._lessor.leases.get(lease_id)
        if lease is None:
            return LeaseTimeToLive(id=lease_id, ttl=-1)
        return LeaseTimeToLive(id=lease_id, ttl=self._lessor.seconds_remaining(lease_id),
                               granted_ttl=lease.ttl, keys=sorted(lease.keys) if keys else [])

    def lease_ids(self) -> list[int]:
        self.poll()
        return list(self._lessor.leases)

    def set_lease_id_prefix(self, prefix: int) -> None:
        """Lease ids granted from now on start with `prefix` (the member sets it from its id, as etcd does)."""
        self._lessor.set_id_prefix(prefix)

    def expired_leases(self) -> list[int]:
        return self._lessor.expired()

    def next_lease_deadline(self) -> float | None:
        """time.monotonic() of the next lease expiry, for the member's expiry timer."""
        return self._lessor.next_deadline()

    # -- maintenance ---------------------------------------------------------------------------------

    def status(self) -> Status:
        with self._view() as view:
            backend = self._backend
            return Status(
                revision=view.main,
                compact_revision=self._compact,
                raft_index=backend.get_int(view.txn, _RAFT_INDEX),
                raft_term=self.raft_term,
                db_size=backend.size(),
                db_size_in_use=backend.size_in_use(),
                alarms=self._alarms(view.txn),
            )

    def _alarms(self, txn: lmdb.Transaction) -> list[str]:
        with txn.cursor(db=self._backend.meta) as cursor:
            if not cursor.set_range(_ALARM):
                return []
            found = []
            for key in cursor.iternext(values=False):
                if not key.startswith(_ALARM):
                    break
                found.append(key[len(_ALARM):].decode())
            return found

    def alarms(self) -> list[str]:
        with self._view() as view:
            return self._alarms(view.txn)

    def arm(self, alarm: str) -> bool:
        """Raise an alarm by hand (etcd's ACTIVATE); False if it was already raised."""
        with self._lock, self._backend.write() as txn:
            return txn.put(_ALARM + alarm.encode(), b"1", db=self._backend.meta, overwrite=False)

    def disarm(self, alarm: str = NOSPACE) -> list[str]:
        """Clear an alarm; returns the alarms that were active before."""
        with self._lock, self._backend.write() as txn:
            active = self._alarms(txn)
            txn.delete(_ALARM + alarm.encode(), db=self._backend.meta)
            return active

    def hash(self) -> int:
        """crc32 of every table's name, keys and values (etcd's maintenance Hash)."""
        with self._view() as view:
            return content_hash(self._backend.entries(view.txn))

    def hash_kv(self, revision: int = 0) -> tuple[int, int, int]:
        """crc32 of the key history up to `revision` (default current): (hash, compact revision, revision)."""
        with self._view() as view:
            kv.check_revision(revision, view.main, self._compact)
            upto = rev_id((revision or view.main) + 1)
            digest = 0
            for key, value in self._backend.items(view.txn, "rev"):
                if records.rev_from_key(key) >= upto:
                    break
                digest = zlib.crc32(value, zlib.crc32(key, digest))
            return digest, self._compact, view.main

    def defragment(self) -> None:
        """Rewrite the data file without its free pages, shrinking it (etcd's defrag). Needs the data dir
        to itself: another process with it open keeps the old file mapped."""
        with self._lock:
            self._check_open()
            try:
                fcntl.flock(self._sharing, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError("etcdserver: cannot defragment: another process has the data dir open") from None
            try:
                live = store_path(self.data_dir)
                fresh, old = live + ".defrag", live + ".old"
                shutil.rmtree(fresh, ignore_errors=True)
                self._backend.copy_compacted(fresh)
                self._backend.close()
                os.rename(live, old)
                os.rename(fresh, live)
                shutil.rmtree(old)
                self._backend = Backend(self.data_dir, map_size=map_size_for(self.quota_bytes))
            finally:
                fcntl.flock(self._sharing, fcntl.LOCK_SH)

    # -- cluster metadata (owned by the member) ------------------------------------------------------

    def get_cluster(self, name: bytes) -> bytes | None:
        with self._backend.read() as txn:
            return txn.get(name, db=self._backend.tables["cluster"])

    def put_cluster(self, name: bytes, value: bytes) -> None:
        with self._lock, self._backend.write() as txn:
            txn.put(name, value, db=self._backend.tables["cluster"])

    @property
    def v2(self) -> V2Keyspace:
        """The v2 keyspace: its reads, and the state V2 write requests (v2_types.py) change."""
        return self._v2

    @property
    def backend(self) -> Backend:
        """For the snapshot writer and the v2 keyspace, which share the environment."""
        return self._backend

    # -- lifecycle -----------------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreClosedError()

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._backend.close()
                self._sharing.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _has_put(req: TxnRequest) -> bool:
    return any(isinstance(op, PutRequest) or (isinstance(op, TxnRequest) and _has_put(op))
               for op in (*req.success, *req.failure))
