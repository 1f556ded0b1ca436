"""A tiny in-memory model of etcd's v3 key-value semantics, written independently of minikube_py/store
from etcd's documented behaviour and the real etcd 3.4's answers. The property tests send the same
requests to the model and to the real Store and compare every answer.

The model keeps the whole history as a flat list and recomputes any past state by replaying it: slow,
but obviously right. It covers puts (prev_kv, lease, ignore_value, ignore_lease), delete ranges, txns
(compares on ranges and missing keys, nested txns whose compares are all evaluated before the txn
writes anything, per-op revisions), ranges (limit, sort with etcd's limit+1 pre-fetch, filters,
keys/count only, past revisions), compaction (answers at retained revisions never change; older ones
are refused) and leases (grant, revoke deleting the attached keys in one revision). Request-shape
errors (duplicate keys, too many ops, sizes, quota) are left to the unit tests.

Ties in a sort keep key order (Go's sort is an insertion sort below 12 elements, which keeps it too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from minikube_py.store import (
    CompactionRequest,
    CompactionResponse,
    Compare,
    CompareResult,
    CompareTarget,
    DeleteRangeRequest,
    DeleteRangeResponse,
    KeyValue,
    LeaseGrantRequest,
    LeaseGrantResponse,
    LeaseRevokeRequest,
    LeaseRevokeResponse,
    PutRequest,
    PutResponse,
    RangeRequest,
    RangeResponse,
    SortOrder,
    SortTarget,
    StoreError,
    TxnRequest,
    TxnResponse,
)
from minikube_py.store.errors import (
    CompactedError,
    EmptyKeyError,
    FutureRevisionError,
    KeyNotFoundError,
    LeaseExistsError,
    LeaseNotFoundError,
    LeaseProvidedError,
    ValueProvidedError,
)

MIN_LEASE_TTL = 2


def in_range(key: bytes, start: bytes, end: bytes) -> bool:
    """etcd's [start, end): one key when end is empty, everything from start on when end is "\\0"."""
    if not end:
        return key == start
    return key >= start and (end == b"\0" or key < end)


def _sort_value(kv: KeyValue, target: SortTarget) -> object:
    return {
        SortTarget.KEY: kv.key,
        SortTarget.VERSION: kv.version,
        SortTarget.CREATE: kv.create_revision,
        SortTarget.MOD: kv.mod_revision,
        SortTarget.VALUE: kv.value,
    }[target]


def _compare_values(kv: KeyValue, compare: Compare) -> tuple[object, object]:
    return {
        CompareTarget.VALUE: (kv.value, compare.value),
        CompareTarget.VERSION: (kv.version, compare.version),
        CompareTarget.CREATE: (kv.create_revision, compare.create_revision),
        CompareTarget.MOD: (kv.mod_revision, compare.mod_revision),
        CompareTarget.LEASE: (kv.lease, compare.lease),
    }[compare.target]


def _holds(ours: object, theirs: object, result: CompareResult) -> bool:
    if result == CompareResult.EQUAL:
        return ours == theirs
    if result == CompareResult.NOT_EQUAL:
        return ours != theirs
    if result == CompareResult.GREATER:
        return ours > theirs  # type: ignore[operator]
    return ours < theirs  # type: ignore[operator]


@dataclass
class Model:
    revision: int = 1
    compact: int = 0
    history: list[tuple[int, bytes, KeyValue | None]] = field(default_factory=list)  # (revision, key, kv|deleted)
    leases: dict[int, int] = field(default_factory=dict)  # id -> granted TTL

    # -- state -----------------------------------------------------------------------------------------
    def state(self, at: int) -> dict[bytes, KeyValue]:
        kvs: dict[bytes, KeyValue] = {}
        for revision, key, kv in self.history:
            if revision > at:
                break
            if kv is None:
                kvs.pop(key, None)
            else:
                kvs[key] = kv
        return kvs

    def events(self, start: int) -> list[tuple[int, KeyValue, KeyValue | None]]:
        """(revision, kv or tombstone, prev_kv) of every change at start..current."""
        found = []
        before: dict[bytes, KeyValue] = {}
        for revision, key, kv in self.history:
            if revision >= start:
                shown = kv if kv is not None else KeyValue(key, mod_revision=revision)
                found.append((revision, shown, before.get(key)))
            if kv is None:
                before.pop(key, None)
            else:
                before[key] = kv
        return found

    def leased_keys(self, lease: int) -> list[bytes]:
        return sorted(key for key, kv in self.state(self.revision).items() if kv.lease == lease)

    # -- requests --------------------------------------------------------------------------------------
    def apply(self, req: object) -> object:
        """The response to `req`, or the StoreError it fails with (leaving the model unchanged)."""
        try:
            if isinstance(req, RangeRequest):
                return self.range(req)
            if isinstance(req, PutRequest):
                self._check_put_shape(req)
                self._check_put_state(req)
                return self._write_request(lambda: self._put(req))
            if isinstance(req, DeleteRangeRequest):
                if not req.key:
                    raise EmptyKeyError()
                return self._write_request(lambda: self._delete(req))
            if isinstance(req, TxnRequest):
                self._check_txn_shape(req)
                path = self._path(req)
                self._check_txn_state(req, list(path))
                return self._write_request(lambda: self._txn(req, path))
            if isinstance(req, CompactionRequest):
                if req.revision <= self.compact:
                    raise CompactedError()
                if req.revision > self.revision:
                    raise FutureRevisionError()
                self.compact = req.revision
                return CompactionResponse(revision=self.revision)
            if isinstance(req, LeaseGrantRequest):
                if req.id in self.leases:
                    raise LeaseExistsError()
                ttl = max(req.ttl, MIN_LEASE_TTL)
                self.leases[req.id] = ttl
                return LeaseGrantResponse(revision=self.revision, id=req.id, ttl=ttl)
            if isinstance(req, LeaseRevokeRequest):
                if req.id not in self.leases:
                    raise LeaseNotFoundError()
                return self._write_request(lambda: self._revoke(req.id))
        except StoreError as err:  # the model answers with the error, as Store.apply does
            return err
        raise TypeError(req)

    def _write_request(self, run: Callable[[], Any]) -> Any:
        before = len(self.history)
        response = run()
        if len(self.history) > before:
            self.revision += 1
        response.revision = self.revision
        return response

    @property
    def _next(self) -> int:
        return self.revision + 1

    def _written(self) -> bool:
        return bool(self.history) and self.history[-1][0] == self._next

    def _op_revision(self) -> int:
        return self._next if self._written() else self.revision

    # -- range -----------------------------------------------------------------------------------------
    def range(self, req: RangeRequest, *, in_txn: bool = False) -> RangeResponse:
        if not req.key:
            raise EmptyKeyError()
        if req.revision > self.revision:
            raise FutureRevisionError()
        if 0 < req.revision < self.compact:
            raise CompactedError()
        at = req.revision or (self._next if in_txn else self.revision)
        state = self.state(at)
        kvs = [replace(state[key]) for key in sorted(state) if in_range(key, req.key, req.range_end)]
        response = RangeResponse(revision=self._op_revision() if in_txn else self.revision, count=len(kvs))
        if req.count_only:
            return response
        filtered = any((req.min_mod_revision, req.max_mod_revision, req.min_create_revision,
                        req.max_create_revision))
        if req.limit and not (filtered or req.sort_order != SortOrder.NONE):
            kvs = kvs[: req.limit + 1]  # etcd fetches one more than the limit, in key order, then sorts
        kvs = [
            kv for kv in kvs
            if not (req.min_mod_revision and kv.mod_revision < req.min_mod_revision)
            and not (req.max_mod_revision and kv.mod_revision > req.max_mod_revision)
            and not (req.min_create_revision and kv.create_revision < req.min_create_revision)
            and not (req.max_create_revision and kv.create_revision > req.max_create_revision)
        ]
        order = req.sort_order
        if order == SortOrder.NONE and req.sort_target != SortTarget.KEY:
            order = SortOrder.ASCEND
        if order != SortOrder.NONE:
            kvs.sort(key=lambda kv: _sort_value(kv, req.sort_target), reverse=order == SortOrder.DESCEND)
        if req.limit and len(kvs) > req.limit:
            kvs, response.more = kvs[: req.limit], True
        for kv in kvs:
            if req.keys_only:
                kv.value = b""
        response.kvs = kvs
        return response

    # -- put and delete --------------------------------------------------------------------------------
    @staticmethod
    def _check_put_shape(req: PutRequest) -> None:
        if not req.key:
            raise EmptyKeyError()
        if req.ignore_value and req.value:
            raise ValueProvidedError()
        if req.ignore_lease and req.lease:
            raise LeaseProvidedError()

    def _check_put_state(self, req: PutRequest) -> None:
        if (req.ignore_value or req.ignore_lease) and req.key not in self.state(self.revision):
            raise KeyNotFoundError()
        if req.lease and req.lease not in self.leases:
            raise LeaseNotFoundError()

    def _put(self, req: PutRequest) -> PutResponse:
        previous = self.state(self._next).get(req.key)
        value = previous.value if req.ignore_value and previous else req.value
        lease = previous.lease if req.ignore_lease and previous else req.lease
        create = previous.create_revision if previous else self._next
        version = previous.version + 1 if previous else 1
        self.history.append((self._next, req.key, KeyValue(req.key, value, create, self._next, version, lease)))
        return PutResponse(revision=self._next, prev_kv=replace(previous) if previous and req.prev_kv else None)

    def _delete(self, req: DeleteRangeRequest) -> DeleteRangeResponse:
        state = self.state(self._next)
        gone = [state[key] for key in sorted(state) if in_range(key, req.key, req.range_end)]
        for kv in gone:
            self.history.append((self._next, kv.key, None))
        response = DeleteRangeResponse(revision=self._op_revision(), deleted=len(gone))
        if req.prev_kv:
            response.prev_kvs = [replace(kv) for kv in gone]
        return response

    def _revoke(self, lease: int) -> LeaseRevokeResponse:
        for key in self.leased_keys(lease):
            self._delete(DeleteRangeRequest(key))
        del self.leases[lease]
        return LeaseRevokeResponse(revision=0)

    # -- txn -------------------------------------------------------------------------------------------
    def _check_txn_shape(self, req: TxnRequest) -> None:
        for compare in req.compare:
            if not compare.key:
                raise EmptyKeyError()
        for op in (*req.success, *req.failure):
            if isinstance(op, PutRequest):
                self._check_put_shape(op)
            elif isinstance(op, TxnRequest):
                self._check_txn_shape(op)
            elif not op.key:
                raise EmptyKeyError()

    def _compare(self, compare: Compare) -> bool:
        state = self.state(self.revision)
        kvs = [state[key] for key in sorted(state) if in_range(key, compare.key, compare.range_end)]
        if not kvs:
            if compare.target == CompareTarget.VALUE:
                return False
            kvs = [KeyValue(compare.key)]
        return all(_holds(*_compare_values(kv, compare), compare.result) for kv in kvs)

    def _path(self, req: TxnRequest) -> list[bool]:
        """Which branch every txn takes (this one, then its nested ones in order), all decided on the
        state before the txn writes anything, as etcd does."""
        succeeded = all(self._compare(compare) for compare in req.compare)
        path = [succeeded]
        for op in req.success if succeeded else req.failure:
            if isinstance(op, TxnRequest):
                path += self._path(op)
        return path

    def _check_txn_state(self, req: TxnRequest, path: list[bool]) -> None:
        for op in req.success if path.pop(0) else req.failure:
            if isinstance(op, PutRequest):
                self._check_put_state(op)
            elif isinstance(op, RangeRequest) and op.revision:
                if op.revision > self.revision:
                    raise FutureRevisionError()
                if op.revision < self.compact:
                    raise CompactedError()
            elif isinstance(op, TxnRequest):
                self._check_txn_state(op, path)

    def _txn(self, req: TxnRequest, path: list[bool]) -> TxnResponse:
        succeeded = path.pop(0)
        response = TxnResponse(revision=0, succeeded=succeeded)
        for op in req.success if succeeded else req.failure:
            if isinstance(op, RangeRequest):
                response.responses.append(self.range(op, in_txn=True))
            elif isinstance(op, PutRequest):
                response.responses.append(self._put(op))
            elif isinstance(op, DeleteRangeRequest):
                response.responses.append(self._delete(op))
            else:
                response.responses.append(self._txn(op, path))
        return response
