"""etcd's key-value semantics over the revision table and the index: range (at any retained revision,
with limit, sort, filters), put, delete range, txn (compares, nested ops), compaction, and the events a
watcher sees. Pure logic over a `View` (reads) or a `Writer` (one write transaction); store.py owns the
locking, the batching and the commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

import lmdb

from . import records
from .errors import (
    CompactedError,
    DuplicateKeyError,
    EmptyKeyError,
    FutureRevisionError,
    KeyNotFoundError,
    LeaseProvidedError,
    TooManyOpsError,
    ValueProvidedError,
)
from .index import Index
from .leases import Lessor
from .records import KeyValue, rev_id, rev_key
from .types import (
    Compare,
    CompareResult,
    CompareTarget,
    DeleteRangeRequest,
    DeleteRangeResponse,
    Event,
    PutRequest,
    PutResponse,
    RangeRequest,
    RangeResponse,
    SortOrder,
    SortTarget,
    TxnRequest,
    TxnResponse,
)

MAX_TXN_OPS = 128

_SORT_KEYS: dict[SortTarget, Callable[[KeyValue], object]] = {
    SortTarget.KEY: lambda kv: kv.key,
    SortTarget.VERSION: lambda kv: kv.version,
    SortTarget.CREATE: lambda kv: kv.create_revision,
    SortTarget.MOD: lambda kv: kv.mod_revision,
    SortTarget.VALUE: lambda kv: kv.value,
}


@dataclass(slots=True)
class View:
    """What a read sees: the index, a transaction to fetch records, the current revision (`main`) and the
    compacted revision."""

    index: Index
    txn: lmdb.Transaction
    table: lmdb._Database
    main: int
    compact: int

    def record(self, revision_id: int) -> KeyValue:
        raw = self.txn.get(rev_key(revision_id), db=self.table)
        if raw is None:  # compacted away between the index lookup and this read
            raise CompactedError()
        return records.decode(raw)

    def visible(self, key: bytes, main: int) -> KeyValue | None:
        found = self.index.visible(key, main)
        return None if found is None else self.record(found)


@dataclass(slots=True)
class Writer(View):
    """A View inside the write transaction of one request: `main` is the revision this request writes."""

    lessor: Lessor = field(default=None)  # type: ignore[assignment]
    lease_table: lmdb._Database = field(default=None)  # type: ignore[assignment]
    sub: int = 0

    @property
    def wrote(self) -> bool:
        return self.sub > 0

    def write(self, kv: KeyValue) -> int:
        revision_id = rev_id(self.main, self.sub)
        self.sub += 1
        self.txn.put(rev_key(revision_id), records.encode(kv), db=self.table)
        if kv.version:
            self.index.record_put(kv.key, revision_id)
            self.lessor.attach(kv.key, kv.lease)
        else:
            self.index.record_delete(kv.key, revision_id)
            self.lessor.detach(kv.key)
        return revision_id


# -- reads ---------------------------------------------------------------------------------------------


def check_revision(revision: int, current: int, compact: int) -> None:
    if revision > current:
        raise FutureRevisionError()
    if 0 < revision < compact:
        raise CompactedError()


def range_(view: View, req: RangeRequest, current: int) -> RangeResponse:
    if not req.key:
        raise EmptyKeyError()
    check_revision(req.revision, current, view.compact)
    at = req.revision or view.main
    found: list[int] = []
    for key in view.index.keys_in(req.key, req.range_end):
        visible = view.index.visible(key, at)
        if visible is not None:
            found.append(visible)
    response = RangeResponse(revision=current, count=len(found))
    if req.count_only:
        return response
    filtered = bool(req.min_mod_revision or req.max_mod_revision or req.min_create_revision
                    or req.max_create_revision)
    if req.limit and not (filtered or req.sort_order != SortOrder.NONE):
        # etcd fetches one key more than the limit, in key order, before sorting (so a sort target other
        # than KEY with order NONE only reorders those)
        found = found[: req.limit + 1]
    kvs = [view.record(revision_id) for revision_id in found]
    if filtered:
        kvs = [kv for kv in kvs if _within_filters(kv, req)]
    order = req.sort_order
    if order == SortOrder.NONE and req.sort_target != SortTarget.KEY:
        order = SortOrder.ASCEND
    if order == SortOrder.DESCEND or (order == SortOrder.ASCEND and req.sort_target != SortTarget.KEY):
        kvs.sort(key=_SORT_KEYS[req.sort_target], reverse=order == SortOrder.DESCEND)
    if req.limit and len(kvs) > req.limit:
        kvs = kvs[: req.limit]
        response.more = True
    if req.keys_only:
        for kv in kvs:
            kv.value = b""
    response.kvs = kvs
    return response


def _within_filters(kv: KeyValue, req: RangeRequest) -> bool:
    return not (
        (req.min_mod_revision and kv.mod_revision < req.min_mod_revision)
        or (req.max_mod_revision and kv.mod_revision > req.max_mod_revision)
        or (req.min_create_revision and kv.create_revision < req.min_create_revision)
        or (req.max_create_revision and kv.create_revision > req.max_create_revision)
    )


def events(view: View, start_main: int, end_main: int) -> list[Event]:
    """Every change with start_main <= revision <= end_main, in revision order."""
    found: list[Event] = []
    with view.txn.cursor(db=view.table) as cursor:
        if not cursor.set_range(rev_key(rev_id(start_main))):
            return found
        stop = rev_id(end_main + 1)
        for raw_key, raw in cursor.iternext():
            revision_id = records.rev_from_key(raw_key)
            if revision_id >= stop:
                break
            found.append(Event(revision_id, records.decode(raw)))
    return found


def prev_kv(view: View, event: Event) -> KeyValue | None:
    history = view.index.get(event.kv.key)
    before = history.before(event.revision_id) if history is not None else None
    return None if before is None else view.record(before)


# -- writes --------------------------------------------------------------------------------------------


def check_put(req: PutRequest) -> None:
    if not req.key:
        raise EmptyKeyError()
    if req.ignore_value and req.value:
        raise ValueProvidedError()
    if req.ignore_lease and req.lease:
        raise LeaseProvidedError()


def _check_put_state(writer: Writer, req: PutRequest) -> None:
    """The checks that depend on the store's state, made before anything is written."""
    if req.ignore_value or req.ignore_lease:
        if writer.visible(req.key, writer.main) is None:
            raise KeyNotFoundError()
    if req.lease and not req.ignore_lease:
        writer.lessor.require(req.lease)


def put(writer: Writer, req: PutRequest) -> PutResponse:
    previous = writer.visible(req.key, writer.main)
    value = previous.value if req.ignore_value and previous else req.value
    lease = previous.lease if req.ignore_lease and previous else req.lease
    if previous is None:
        create, version = writer.main, 1
    else:
        create, version = previous.create_revision, previous.version + 1
    writer.write(KeyValue(req.key, value, create, writer.main, version, lease))
    return PutResponse(revision=writer.main, prev_kv=previous if req.prev_kv else None)


def delete_range(writer: Writer, req: DeleteRangeRequest) -> DeleteRangeResponse:
    if not req.key:
        raise EmptyKeyError()
    response = DeleteRangeResponse(revision=writer.main)
    for key in writer.index.keys_in(req.key, req.range_end):
        visible = writer.index.visible(key, writer.main)
        if visible is None:
            continue
        if req.prev_kv:
            response.prev_kvs.append(writer.record(visible))
        writer.write(KeyValue(key, mod_revision=writer.main))
        response.deleted += 1
    return response


def request_size(req: object) -> int:
    """Bytes of keys, values and range ends a write request carries (what the request size limit weighs;
    etcd weighs the whole encoded request, so a txn counts all its ops and compares)."""
    if isinstance(req, PutRequest):
        return len(req.key) + len(req.value)
    if isinstance(req, (DeleteRangeRequest, RangeRequest)):
        return len(req.key) + len(req.range_end)
    if isinstance(req, TxnRequest):
        compares = sum(len(compare.key) + len(compare.range_end) + len(compare.value) for compare in req.compare)
        return compares + sum(request_size(op) for op in (*req.success, *req.failure))
    return 0


def check_txn(req: TxnRequest, max_ops: int = MAX_TXN_OPS) -> None:
    """Request-shape checks etcd makes before a txn is proposed: op counts (--max-txn-ops), empty keys,
    duplicate keys."""
    _check_txn_shape(req, max_ops)
    for branch in (req.success, req.failure):
        _check_intervals(branch)


def _check_txn_shape(req: TxnRequest, budget: int) -> None:
    """As etcd: a txn may have `budget` compares, success ops and failure ops; a nested txn only what its
    parent left (budget minus the parent's largest list)."""
    used = max(len(req.compare), len(req.success), len(req.failure))
    if used > budget:
        raise TooManyOpsError()
    for compare in req.compare:
        if not compare.key:
            raise EmptyKeyError()
    for op in (*req.success, *req.failure):
        if isinstance(op, PutRequest):
            check_put(op)
        elif isinstance(op, TxnRequest):
            _check_txn_shape(op, budget - used)
        elif not op.key:
            raise EmptyKeyError()


def _check_intervals(ops: list) -> tuple[set[bytes], list[tuple[bytes, bytes]]]:
    """The keys one branch of a txn puts and the ranges it deletes, refusing a key put twice or put and
    deleted (the branches of a nested txn exclude each other, so they may put the same key). Exactly
    etcd's rules, quirks included: a nested txn's puts are checked against this branch's deletes and those
    of the nested txns before it only, and a "from key" delete (range_end "\\0") is the interval
    [key, "\\0"), which holds no key."""
    deletes = [(op.key, op.range_end) for op in ops if isinstance(op, DeleteRangeRequest)]
    puts: set[bytes] = set()
    for op in ops:
        if not isinstance(op, TxnRequest):
            continue
        then_puts, then_deletes = _check_intervals(op.success)
        else_puts, else_deletes = _check_intervals(op.failure)
        for key in then_puts:
            if key in puts or _deleted(key, deletes):
                raise DuplicateKeyError()
        for key in else_puts:
            if (key in puts and key not in then_puts) or _deleted(key, deletes):
                raise DuplicateKeyError()
        puts |= then_puts | else_puts
        deletes += then_deletes + else_deletes
    for op in ops:
        if isinstance(op, PutRequest):
            if op.key in puts or _deleted(op.key, deletes):
                raise DuplicateKeyError()
            puts.add(op.key)
    return puts, deletes


def _deleted(key: bytes, deletes: list[tuple[bytes, bytes]]) -> bool:
    return any(key == start if not end else start <= key < end for start, end in deletes)


def _compare_holds(view: View, compare: Compare) -> bool:
    end = compare.range_end
    kvs = [
        view.record(found)
        for key in view.index.keys_in(compare.key, end)
        if (found := view.index.visible(key, view.main)) is not None
    ]
    if not kvs:
        if compare.target == CompareTarget.VALUE:
            return False  # no way to compare a value with a missing key: always false, as in etcd
        kvs = [KeyValue(compare.key)]
    return all(_compare_kv(kv, compare) for kv in kvs)


def _compare_kv(kv: KeyValue, compare: Compare) -> bool:
    target = compare.target
    if target == CompareTarget.VALUE:
        ours, theirs = kv.value, compare.value
    elif target == CompareTarget.VERSION:
        ours, theirs = kv.version, compare.version
    elif target == CompareTarget.CREATE:
        ours, theirs = kv.create_revision, compare.create_revision
    elif target == CompareTarget.MOD:
        ours, theirs = kv.mod_revision, compare.mod_revision
    else:
        ours, theirs = kv.lease, compare.lease
    result = compare.result
    if result == CompareResult.EQUAL:
        return ours == theirs
    if result == CompareResult.NOT_EQUAL:
        return ours != theirs
    if result == CompareResult.GREATER:
        return ours > theirs  # type: ignore[operator]
    return ours < theirs  # type: ignore[operator]


def _path(view: View, req: TxnRequest) -> list[bool]:
    """The branch taken by a txn and, depth first, by each nested txn on that branch: etcd decides all of
    them on the state before the txn writes anything."""
    succeeded = all(_compare_holds(view, compare) for compare in req.compare)
    path = [succeeded]
    for op in req.success if succeeded else req.failure:
        if isinstance(op, TxnRequest):
            path += _path(view, op)
    return path


def _check_branch_state(writer: Writer, req: TxnRequest, path: Iterator[bool]) -> None:
    for op in req.success if next(path) else req.failure:
        if isinstance(op, PutRequest):
            _check_put_state(writer, op)
        elif isinstance(op, TxnRequest):
            _check_branch_state(writer, op, path)
        elif isinstance(op, RangeRequest):
            check_revision(op.revision, writer.main - 1, writer.compact)


def txn(writer: Writer, req: TxnRequest) -> TxnResponse:
    """A txn whose shape was checked: its path, the state checks of the ops on it, then the ops (nothing is
    written unless every check passed)."""
    path = _path(writer, req)
    _check_branch_state(writer, req, iter(path))
    return _apply_txn(writer, req, iter(path))


def _apply_txn(writer: Writer, req: TxnRequest, path: Iterator[bool]) -> TxnResponse:
    """Each op answers with the revision at its point (the old one before the txn's first write, as
    etcd); a nested txn's own revision stays 0, as etcd leaves its header empty."""
    succeeded = next(path)
    response = TxnResponse(revision=0, succeeded=succeeded)
    for op in req.success if succeeded else req.failure:
        if isinstance(op, TxnRequest):
            response.responses.append(_apply_txn(writer, op, path))
            continue
        result = _apply_op(writer, op)
        result.revision = writer.main if writer.wrote else writer.main - 1
        response.responses.append(result)
    return response


def _apply_op(writer: Writer, op: object) -> RangeResponse | PutResponse | DeleteRangeResponse:
    if isinstance(op, RangeRequest):
        return range_(writer, op, writer.main - 1)
    if isinstance(op, PutRequest):
        return put(writer, op)
    return delete_range(writer, op)  # type: ignore[arg-type]


def put_request(writer: Writer, req: PutRequest) -> PutResponse:
    """A top-level put: shape and state checks, then the write."""
    check_put(req)
    _check_put_state(writer, req)
    return put(writer, req)
