"""Unit tests of the v3 store (minikube_py/store) on a real LMDB data dir: etcd 3.4's semantics for
revisions, ranges, puts, deletes, txns, leases, compaction, events, hashes, status, quota and request
size. Expected answers are the real etcd 3.4.23's (recorded in shared/reference/etcd-3.4/http-api.md or
checked with curl against a real member)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from etcd_members import wait_until

from minikube_py.store import (
    MAX_REQUEST_BYTES,
    NOSPACE,
    CompactionRequest,
    Compare,
    CompareResult,
    CompareTarget,
    DataDirError,
    DeleteRangeRequest,
    KeyValue,
    LeaseGrantRequest,
    LeaseRevokeRequest,
    PutRequest,
    PutResponse,
    RangeRequest,
    RangeResponse,
    SortOrder,
    SortTarget,
    Store,
    StoreError,
    TxnRequest,
    TxnResponse,
    errors,
)
from minikube_py.store.records import main_of, rev_from_key

EQ, NE, GT, LT = CompareResult.EQUAL, CompareResult.NOT_EQUAL, CompareResult.GREATER, CompareResult.LESS


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    return str(tmp_path / "data")


@pytest.fixture
def store(data_dir: str) -> Store:
    opened = Store(data_dir)
    yield opened
    opened.close()


def put(store: Store, key: bytes, value: bytes = b"", **options: object) -> PutResponse:
    return store.apply_one(PutRequest(key, value, **options))  # type: ignore[return-value]


def get(store: Store, key: bytes, range_end: bytes = b"", **options: object) -> RangeResponse:
    return store.range(RangeRequest(key, range_end, **options))


def keys(response: RangeResponse) -> list[bytes]:
    return [kv.key for kv in response.kvs]


def failure(store: Store, request: object) -> StoreError:
    """The error `request` fails with; it must leave the revision alone."""
    before = store.revision
    result = store.apply([request])[0]
    assert isinstance(result, StoreError), f"a {type(request).__name__} should have failed, got {result!r:.200}"
    assert store.revision == before
    return result


def txn(store: Store, compare: list[Compare] | None = None, success: list | None = None,
        failure_ops: list | None = None) -> TxnResponse:
    return store.apply_one(TxnRequest(compare or [], success or [], failure_ops or []))  # type: ignore[return-value]


def rev_table_mains(store: Store) -> list[int]:
    """Main revisions of every record physically in the `rev` table."""
    backend = store.backend
    with backend.read() as read:
        return [main_of(rev_from_key(key)) for key, _ in backend.items(read, "rev")]


# -- revisions ---------------------------------------------------------------------------------------

def test_a_fresh_store_is_at_revision_one(store: Store) -> None:
    assert store.revision == 1
    assert get(store, b"\0", b"\0") == RangeResponse(revision=1)
    status = store.status()
    assert (status.revision, status.compact_revision, status.alarms) == (1, 0, [])


def test_every_write_request_takes_one_revision_and_a_txn_shares_it(store: Store) -> None:
    assert put(store, b"a", b"1").revision == 2
    assert put(store, b"b", b"1").revision == 3
    response = txn(store, success=[PutRequest(b"c", b"1"), PutRequest(b"d", b"1"), DeleteRangeRequest(b"a")])
    assert response.revision == 4 and store.revision == 4
    assert [(kv.key, kv.mod_revision) for kv in get(store, b"a", b"z").kvs] == [(b"b", 3), (b"c", 4), (b"d", 4)]
    deleted = store.apply_one(DeleteRangeRequest(b"b", b"e"))
    assert (deleted.revision, deleted.deleted) == (5, 3)
    assert get(store, b"\0", b"\0").count == 0


def test_requests_that_write_nothing_keep_the_revision(store: Store) -> None:
    put(store, b"k", b"v")
    lease = store.apply_one(LeaseGrantRequest(ttl=60))
    answers = store.apply([
        DeleteRangeRequest(b"missing"),
        TxnRequest(success=[RangeRequest(b"k")]),
        TxnRequest([Compare(b"k", CompareTarget.VALUE, EQ, value=b"other")], [PutRequest(b"k", b"x")]),
        TxnRequest(success=[DeleteRangeRequest(b"missing")]),
        LeaseRevokeRequest(lease.id),  # no keys attached
        LeaseGrantRequest(ttl=60),
        CompactionRequest(2),
        PutRequest(b"k", b"v", lease=12345),  # unknown lease: refused
    ])
    assert store.revision == 2
    assert [getattr(answer, "revision", None) for answer in answers[:-1]] == [2] * 7
    assert isinstance(answers[-1], errors.LeaseNotFoundError)


def test_create_mod_and_version_and_a_delete_resets_version(store: Store) -> None:
    put(store, b"a", b"1")
    put(store, b"a", b"2")
    kv = get(store, b"a").kvs[0]
    assert (kv.create_revision, kv.mod_revision, kv.version, kv.value) == (2, 3, 2, b"2")
    store.apply_one(DeleteRangeRequest(b"a"))
    assert get(store, b"a").kvs == []
    put(store, b"a", b"3")
    kv = get(store, b"a").kvs[0]
    assert (kv.create_revision, kv.mod_revision, kv.version) == (5, 5, 1)


def test_a_batch_commits_each_request_in_order_and_a_failed_one_changes_nothing(store: Store) -> None:
    results = store.apply([PutRequest(b"a", b"1"), PutRequest(b"b", b"1", lease=999), PutRequest(b"c", b"1")])
    assert results[0].revision == 2 and results[2].revision == 3
    assert str(results[1]) == "etcdserver: requested lease not found"
    assert keys(get(store, b"a", b"z")) == [b"a", b"c"]


# -- ranges ------------------------------------------------------------------------------------------

@pytest.fixture
def registry(store: Store) -> Store:
    """The keys of the recorded etcd session (http-api.md): foo and three /registry/ keys."""
    put(store, b"foo", b"bar")
    put(store, b"foo", b"baz")
    put(store, b"/registry/pods/default/a", b"v1")
    put(store, b"/registry/pods/default/b", b"v2")
    put(store, b"/registry/services/default/kubernetes", b"v2")
    return store


def test_range_single_prefix_interval_and_from_key(registry: Store) -> None:
    assert get(registry, b"foo").kvs == [KeyValue(b"foo", b"baz", 2, 3, 2)]
    assert get(registry, b"fo").kvs == []
    assert get(registry, b"nope") == RangeResponse(revision=6)
    prefix = get(registry, b"/registry/", b"/registry0")
    assert keys(prefix) == [b"/registry/pods/default/a", b"/registry/pods/default/b",
                            b"/registry/services/default/kubernetes"]
    assert prefix.count == 3 and not prefix.more
    assert keys(get(registry, b"/registry/pods/default/b", b"foo")) == [
        b"/registry/pods/default/b", b"/registry/services/default/kubernetes"]
    assert keys(get(registry, b"/registry/services/", b"\0")) == [b"/registry/services/default/kubernetes", b"foo"]
    assert get(registry, b"\0", b"\0").count == 4
    assert get(registry, b"z", b"a").kvs == []


def test_range_limit_more_count_keys_only_count_only(registry: Store) -> None:
    limited = get(registry, b"/registry/", b"/registry0", limit=1)
    assert (keys(limited), limited.more, limited.count) == ([b"/registry/pods/default/a"], True, 3)
    exact = get(registry, b"/registry/", b"/registry0", limit=3)
    assert (len(exact.kvs), exact.more) == (3, False)
    only_keys = get(registry, b"/registry/", b"/registry0", keys_only=True)
    assert [kv.value for kv in only_keys.kvs] == [b""] * 3
    assert only_keys.kvs[0].mod_revision == 4
    counted = get(registry, b"/registry/", b"/registry0", count_only=True)
    assert (counted.kvs, counted.count) == ([], 3)


def test_range_with_an_empty_key_is_refused(store: Store) -> None:
    with pytest.raises(errors.EmptyKeyError, match="^etcdserver: key is not provided$"):
        get(store, b"")


@pytest.fixture
def versions(store: Store) -> Store:
    """a: version 3 value "333"; b: version 2 value "1"; c: version 1 value "22"; d: version 1 value "0"."""
    for key, value in [(b"a", b"3"), (b"a", b"33"), (b"a", b"333"), (b"b", b"x"), (b"b", b"1"),
                       (b"c", b"22"), (b"d", b"0")]:
        put(store, key, value)
    return store


@pytest.mark.parametrize("target, order, limit, expected", [
    (SortTarget.KEY, SortOrder.DESCEND, 0, [b"d", b"c", b"b", b"a"]),
    (SortTarget.KEY, SortOrder.ASCEND, 2, [b"a", b"b"]),
    (SortTarget.VERSION, SortOrder.ASCEND, 0, [b"c", b"d", b"b", b"a"]),
    (SortTarget.VERSION, SortOrder.DESCEND, 2, [b"a", b"b"]),
    (SortTarget.CREATE, SortOrder.DESCEND, 1, [b"d"]),
    (SortTarget.MOD, SortOrder.DESCEND, 3, [b"d", b"c", b"b"]),
    (SortTarget.VALUE, SortOrder.ASCEND, 0, [b"d", b"b", b"c", b"a"]),
    (SortTarget.VALUE, SortOrder.DESCEND, 2, [b"a", b"c"]),
    # etcd 3.4: a target other than KEY with order NONE sorts ascending, but only the first limit+1 keys
    # (in key order) are fetched before sorting.
    (SortTarget.VERSION, SortOrder.NONE, 1, [b"b"]),
    (SortTarget.VALUE, SortOrder.NONE, 2, [b"b", b"c"]),
    (SortTarget.VALUE, SortOrder.NONE, 0, [b"d", b"b", b"c", b"a"]),
])
def test_range_sort_targets_and_orders_with_limit(versions: Store, target: SortTarget, order: SortOrder,
                                                  limit: int, expected: list[bytes]) -> None:
    response = get(versions, b"a", b"z", sort_target=target, sort_order=order, limit=limit)
    assert keys(response) == expected
    assert response.count == 4
    assert response.more == (0 < limit < 4)


def test_range_min_max_filters_keep_count(versions: Store) -> None:
    # mod revisions: a 4, b 6, c 7, d 8; create revisions: a 2, b 5, c 7, d 8
    assert keys(get(versions, b"a", b"z", min_mod_revision=6)) == [b"b", b"c", b"d"]
    assert keys(get(versions, b"a", b"z", max_mod_revision=6)) == [b"a", b"b"]
    assert keys(get(versions, b"a", b"z", min_create_revision=5, max_create_revision=7)) == [b"b", b"c"]
    filtered = get(versions, b"a", b"z", min_mod_revision=6, limit=1)
    assert (keys(filtered), filtered.more, filtered.count) == ([b"b"], True, 4)
    last = get(versions, b"a", b"z", min_mod_revision=8, limit=1)
    assert (keys(last), last.more) == ([b"d"], False)


def test_range_at_past_revisions(store: Store) -> None:
    put(store, b"a", b"1")  # 2
    put(store, b"b", b"1")  # 3
    put(store, b"a", b"2")  # 4
    store.apply_one(DeleteRangeRequest(b"b"))  # 5
    assert [(kv.key, kv.value) for kv in get(store, b"a", b"z", revision=3).kvs] == [(b"a", b"1"), (b"b", b"1")]
    assert get(store, b"a", revision=4).kvs[0].version == 2
    assert keys(get(store, b"a", b"z", revision=5)) == [b"a"]
    assert get(store, b"a", b"z", revision=1).kvs == []
    assert get(store, b"a", b"z", revision=2).count == 1
    assert get(store, b"a", revision=3).revision == 5  # the header is always the current revision
    with pytest.raises(errors.FutureRevisionError, match="^etcdserver: mvcc: required revision is a future revision$"):
        get(store, b"a", revision=6)


# -- put ---------------------------------------------------------------------------------------------

def test_put_prev_kv(store: Store) -> None:
    assert put(store, b"foo", b"bar", prev_kv=True).prev_kv is None
    assert put(store, b"foo", b"baz", prev_kv=True).prev_kv == KeyValue(b"foo", b"bar", 2, 2, 1)
    assert put(store, b"foo", b"qux").prev_kv is None


def test_put_with_a_lease_and_an_unknown_lease(store: Store) -> None:
    lease = store.apply_one(LeaseGrantRequest(ttl=60, id=7))
    put(store, b"k", b"v", lease=lease.id)
    assert get(store, b"k").kvs[0].lease == 7
    err = failure(store, PutRequest(b"other", b"v", lease=8))
    assert (str(err), err.code) == ("etcdserver: requested lease not found", 5)
    assert get(store, b"other").kvs == []


def test_put_ignore_value_and_ignore_lease(store: Store) -> None:
    store.apply_one(LeaseGrantRequest(ttl=60, id=7))
    put(store, b"k", b"v1", lease=7)
    put(store, b"k", ignore_value=True)  # keeps the value, drops the lease (lease 0 given)
    kv = get(store, b"k").kvs[0]
    assert (kv.value, kv.lease, kv.version) == (b"v1", 0, 2)
    put(store, b"k", b"v2", lease=7)
    put(store, b"k", b"v3", ignore_lease=True)
    kv = get(store, b"k").kvs[0]
    assert (kv.value, kv.lease) == (b"v3", 7)
    assert store.lease_time_to_live(7, keys=True).keys == [b"k"]
    previous = put(store, b"k", ignore_value=True, ignore_lease=True, prev_kv=True)
    assert previous.prev_kv.value == b"v3"
    kv = get(store, b"k").kvs[0]
    assert (kv.value, kv.lease, kv.version) == (b"v3", 7, 5)


@pytest.mark.parametrize("request_, message", [
    (PutRequest(b"", b"v"), "etcdserver: key is not provided"),
    (PutRequest(b"k", b"v", ignore_value=True), "etcdserver: value is provided"),
    (PutRequest(b"k", lease=5, ignore_lease=True), "etcdserver: lease is provided"),
    (PutRequest(b"missing", ignore_value=True), "etcdserver: key not found"),
    (PutRequest(b"missing", ignore_lease=True), "etcdserver: key not found"),
    (DeleteRangeRequest(b""), "etcdserver: key is not provided"),
])
def test_put_and_delete_errors(store: Store, request_: object, message: str) -> None:
    put(store, b"k", b"v")
    err = failure(store, request_)
    assert (str(err), err.code) == (message, 3)


# -- delete ------------------------------------------------------------------------------------------

def test_delete_range_with_prev_kv(registry: Store) -> None:
    single = registry.apply_one(DeleteRangeRequest(b"/registry/pods/default/a", prev_kv=True))
    assert (single.revision, single.deleted) == (7, 1)
    assert single.prev_kvs == [KeyValue(b"/registry/pods/default/a", b"v1", 4, 4, 1)]
    again = registry.apply_one(DeleteRangeRequest(b"/registry/pods/default/a"))
    assert (again.revision, again.deleted, again.prev_kvs) == (7, 0, [])
    prefix = registry.apply_one(DeleteRangeRequest(b"/registry/", b"/registry0"))
    assert (prefix.revision, prefix.deleted, prefix.prev_kvs) == (8, 2, [])
    rest = registry.apply_one(DeleteRangeRequest(b"\0", b"\0", prev_kv=True))
    assert [kv.key for kv in rest.prev_kvs] == [b"foo"]
    assert get(registry, b"\0", b"\0").count == 0


# -- txn ---------------------------------------------------------------------------------------------

def _compare(target: CompareTarget, result: CompareResult, operand: object, key: bytes = b"k",
             range_end: bytes = b"") -> Compare:
    field = {CompareTarget.VERSION: "version", CompareTarget.CREATE: "create_revision",
             CompareTarget.MOD: "mod_revision", CompareTarget.VALUE: "value", CompareTarget.LEASE: "lease"}
    return Compare(key, target, result, range_end, **{field[target]: operand})


# k: value "m", version 2, create 2, mod 3, lease 7
@pytest.mark.parametrize("target, result, operand, holds", [
    (CompareTarget.VALUE, EQ, b"m", True), (CompareTarget.VALUE, EQ, b"n", False),
    (CompareTarget.VALUE, NE, b"n", True), (CompareTarget.VALUE, GT, b"l", True),
    (CompareTarget.VALUE, GT, b"m", False), (CompareTarget.VALUE, LT, b"ma", True),
    (CompareTarget.VERSION, EQ, 2, True), (CompareTarget.VERSION, GT, 1, True),
    (CompareTarget.VERSION, LT, 2, False), (CompareTarget.VERSION, NE, 2, False),
    (CompareTarget.CREATE, EQ, 2, True), (CompareTarget.CREATE, LT, 3, True), (CompareTarget.CREATE, GT, 2, False),
    (CompareTarget.MOD, EQ, 3, True), (CompareTarget.MOD, GT, 2, True), (CompareTarget.MOD, NE, 3, False),
    (CompareTarget.LEASE, EQ, 7, True), (CompareTarget.LEASE, NE, 0, True), (CompareTarget.LEASE, LT, 7, False),
])
def test_txn_compare_targets_and_results(store: Store, target: CompareTarget, result: CompareResult,
                                         operand: object, holds: bool) -> None:
    store.apply_one(LeaseGrantRequest(ttl=60, id=7))
    put(store, b"k", b"l")
    put(store, b"k", b"m", lease=7)
    response = txn(store, [_compare(target, result, operand)], [RangeRequest(b"k")], [RangeRequest(b"other")])
    assert response.succeeded is holds
    assert keys(response.responses[0]) == ([b"k"] if holds else [])


@pytest.mark.parametrize("target, result, operand, holds", [
    (CompareTarget.VERSION, EQ, 0, True), (CompareTarget.CREATE, EQ, 0, True), (CompareTarget.MOD, LT, 1, True),
    (CompareTarget.LEASE, EQ, 0, True), (CompareTarget.VERSION, GT, 0, False),
    (CompareTarget.VALUE, EQ, b"", False), (CompareTarget.VALUE, NE, b"x", False),  # a missing value never compares
])
def test_txn_compares_on_a_missing_key_see_a_zero_key_value(store: Store, target: CompareTarget,
                                                            result: CompareResult, operand: object,
                                                            holds: bool) -> None:
    assert txn(store, [_compare(target, result, operand, key=b"missing")]).succeeded is holds
    assert txn(store, [_compare(target, result, operand, key=b"m", range_end=b"n")]).succeeded is holds


def test_txn_compares_on_a_range_must_hold_for_every_key(versions: Store) -> None:
    # create revisions a 2, b 5, c 7, d 8
    assert txn(versions, [_compare(CompareTarget.CREATE, GT, 1, b"a", b"z")]).succeeded
    assert not txn(versions, [_compare(CompareTarget.CREATE, GT, 2, b"a", b"z")]).succeeded
    assert txn(versions, [_compare(CompareTarget.CREATE, GT, 2, b"b", b"\0")]).succeeded
    assert txn(versions, [_compare(CompareTarget.VALUE, NE, b"nope", b"a", b"z")]).succeeded


def test_txn_branches_and_their_responses(store: Store) -> None:
    put(store, b"foo", b"baz")
    compare = [Compare(b"foo", CompareTarget.VALUE, EQ, value=b"baz")]
    done = txn(store, compare, [PutRequest(b"foo", b"v1"), RangeRequest(b"foo")], [RangeRequest(b"foo")])
    assert (done.succeeded, done.revision) == (True, 3)
    assert done.responses[0] == PutResponse(revision=3)
    assert done.responses[1].kvs == [KeyValue(b"foo", b"v1", 2, 3, 2)]
    other = txn(store, compare, [PutRequest(b"foo", b"v2")], [RangeRequest(b"foo")])
    assert (other.succeeded, other.revision, other.responses[0].kvs[0].value) == (False, 3, b"v1")
    empty = txn(store)
    assert (empty.succeeded, empty.responses, empty.revision) == (True, [], 3)


def test_txn_ops_see_earlier_writes_and_report_the_revision_at_their_point(store: Store) -> None:
    put(store, b"a", b"0")  # 2
    response = txn(store, success=[
        RangeRequest(b"a"), DeleteRangeRequest(b"nothing"), PutRequest(b"a", b"1"), RangeRequest(b"a"),
        DeleteRangeRequest(b"nothing"), RangeRequest(b"a", revision=2),
    ])
    assert response.revision == 3
    # as the real etcd: an op before the txn's first write answers with the old revision
    assert [r.revision for r in response.responses] == [2, 2, 3, 3, 3, 3]
    assert response.responses[0].kvs[0].value == b"0"
    assert response.responses[3].kvs == [KeyValue(b"a", b"1", 2, 3, 2)]
    assert response.responses[5].kvs[0].value == b"0"


def test_nested_txn_compares_are_decided_before_the_txn_writes(store: Store) -> None:
    nested = TxnRequest([Compare(b"k", CompareTarget.VALUE, EQ, value=b"v")],
                        [PutRequest(b"s", b"1")], [PutRequest(b"f", b"1")])
    response = txn(store, success=[PutRequest(b"k", b"v"), nested])
    assert response.succeeded
    inner = response.responses[1]
    assert (inner.succeeded, inner.revision) == (False, 0)  # etcd leaves a nested txn's header empty
    assert inner.responses[0].revision == 2
    assert keys(get(store, b"a", b"z")) == [b"f", b"k"]


def test_nested_txn_put_with_an_unknown_lease_is_refused_before_anything_is_written(store: Store) -> None:
    nested = TxnRequest([Compare(b"k", CompareTarget.VERSION, EQ, version=0)], [PutRequest(b"x", b"1", lease=99)])
    err = failure(store, TxnRequest(success=[PutRequest(b"k", b"v"), nested]))
    assert str(err) == "etcdserver: requested lease not found"
    assert get(store, b"\0", b"\0").kvs == []
    assert store.lease_ids() == []


def test_txn_range_at_a_future_or_compacted_revision_fails_the_whole_txn(store: Store) -> None:
    put(store, b"a", b"1")
    put(store, b"a", b"2")
    store.apply_one(CompactionRequest(3))
    for revision, error in [(4, errors.FutureRevisionError), (2, errors.CompactedError)]:
        err = failure(store, TxnRequest(success=[PutRequest(b"b", b"1"), RangeRequest(b"a", revision=revision)]))
        assert isinstance(err, error)
    assert get(store, b"b").kvs == []


def _p(key: bytes) -> PutRequest:
    return PutRequest(key, b"1")


def _d(key: bytes, end: bytes = b"") -> DeleteRangeRequest:
    return DeleteRangeRequest(key, end)


def _t(success: list, failure_ops: list | None = None) -> TxnRequest:
    return TxnRequest([], success, failure_ops or [])


# Each case was sent to the real etcd 3.4.23; `True` means it refused it with "duplicate key".
@pytest.mark.parametrize("success, duplicate", [
    ([_p(b"q"), _p(b"q")], True),
    ([_p(b"q"), _d(b"q")], True),
    ([_p(b"q"), _d(b"a", b"z")], True),
    ([_d(b"q"), _d(b"q")], False),
    ([_p(b"q"), _t([_p(b"q")])], True),
    ([_t([_p(b"q")]), _t([_p(b"q")])], True),
    ([_t([_d(b"q")]), _t([_p(b"q")])], True),
    ([_t([_p(b"q")]), _t([_d(b"q")])], False),  # etcd checks a nested txn's puts only against deletes before it
    ([_t([_d(b"q")], [_p(b"q")])], False),  # the two branches of a txn exclude each other
    ([_t([_p(b"q")], [_p(b"q")])], False),
    ([_d(b"a", b"\0"), _p(b"q")], False),  # etcd's interval check ignores from-key ("\0") deletes
])
def test_txn_duplicate_keys(store: Store, success: list, duplicate: bool) -> None:
    put(store, b"q", b"0")
    result = store.apply([TxnRequest(success=success)])[0]
    if duplicate:
        assert isinstance(result, StoreError) and str(result) == "etcdserver: duplicate key given in txn request"
        assert store.revision == 2
    else:
        assert isinstance(result, TxnResponse)


def test_txn_too_many_ops_counts_nested_txns_against_their_parent(store: Store) -> None:
    def too_many(request: TxnRequest) -> bool:
        result = store.apply([request])[0]
        return isinstance(result, errors.TooManyOpsError)

    ranges = [RangeRequest(b"k%d" % i) for i in range(129)]
    assert not too_many(TxnRequest(success=ranges[:128]))
    assert too_many(TxnRequest(success=ranges))
    assert too_many(TxnRequest(failure=ranges))
    assert too_many(TxnRequest(compare=[Compare(b"k", CompareTarget.VERSION)] * 129))
    # the real etcd: a nested txn may use only what its parent left (128 - 100 = 28)
    assert not too_many(TxnRequest(success=ranges[:99] + [TxnRequest(success=ranges[:28])]))
    assert too_many(TxnRequest(success=ranges[:99] + [TxnRequest(success=ranges[:29])]))
    assert str(store.apply([TxnRequest(success=ranges)])[0]) == "etcdserver: too many operations in txn request"


@pytest.mark.parametrize("request_", [
    TxnRequest([Compare(b"", CompareTarget.VALUE, value=b"x")]),
    TxnRequest(success=[RangeRequest(b"")]),
    TxnRequest(failure=[PutRequest(b"", b"v")]),
    TxnRequest(success=[DeleteRangeRequest(b"")]),
    TxnRequest(success=[TxnRequest(success=[PutRequest(b"", b"v")])]),
])
def test_txn_empty_keys_are_refused(store: Store, request_: TxnRequest) -> None:
    assert str(failure(store, request_)) == "etcdserver: key is not provided"


# -- leases ------------------------------------------------------------------------------------------

def test_lease_grant_with_and_without_id_and_minimum_ttl(store: Store) -> None:
    chosen = store.apply_one(LeaseGrantRequest(ttl=30, id=12345))
    assert (chosen.id, chosen.ttl, chosen.revision) == (12345, 30, 1)
    generated = [store.apply_one(LeaseGrantRequest(ttl=ttl)) for ttl in (60, 1, 0, -5)]
    ids = [lease.id for lease in generated]
    assert all(ids) and len(set(ids)) == 4
    assert [lease.ttl for lease in generated] == [60, 2, 2, 2]
    assert sorted(store.lease_ids()) == sorted([12345, *ids])
    err = failure(store, LeaseGrantRequest(ttl=30, id=12345))
    assert (str(err), err.code) == ("etcdserver: lease already exists", 9)
    err = failure(store, LeaseGrantRequest(ttl=9_000_000_001))
    assert (str(err), err.code) == ("etcdserver: too large lease TTL", 11)


def test_lease_revoke_deletes_its_keys_in_one_revision(store: Store) -> None:
    store.apply_one(LeaseGrantRequest(ttl=100, id=5))
    put(store, b"z", b"1", lease=5)
    put(store, b"y", b"1", lease=5)
    put(store, b"x", b"1")
    live = store.lease_time_to_live(5, keys=True)
    assert 99 <= live.ttl <= 100 and (live.granted_ttl, live.keys) == (100, [b"y", b"z"])
    assert store.lease_time_to_live(5).keys == []
    assert store.apply_one(LeaseRevokeRequest(5)).revision == 5
    assert keys(get(store, b"\0", b"\0")) == [b"x"]
    events, _ = store.events(5)
    assert [(event.kv.key, event.is_delete) for event in events] == [(b"y", True), (b"z", True)]
    assert store.lease_time_to_live(5) == store.lease_time_to_live(5, keys=True)
    assert store.lease_time_to_live(5).ttl == -1
    err = failure(store, LeaseRevokeRequest(5))
    assert (str(err), err.code) == ("etcdserver: requested lease not found", 5)


def test_lease_keys_follow_puts_and_deletes(store: Store) -> None:
    store.apply_one(LeaseGrantRequest(ttl=100, id=1))
    store.apply_one(LeaseGrantRequest(ttl=100, id=2))
    put(store, b"a", b"1", lease=1)
    put(store, b"b", b"1", lease=1)
    put(store, b"a", b"2", lease=2)  # moves a to lease 2
    put(store, b"b", b"2")  # b leaves lease 1
    assert store.lease_time_to_live(1, keys=True).keys == []
    assert store.lease_time_to_live(2, keys=True).keys == [b"a"]
    store.apply_one(LeaseRevokeRequest(1))
    assert keys(get(store, b"a", b"z")) == [b"a", b"b"]
    store.apply_one(DeleteRangeRequest(b"a"))
    assert store.lease_time_to_live(2, keys=True).keys == []
    put(store, b"a", b"3")
    store.apply_one(LeaseRevokeRequest(2))
    assert keys(get(store, b"a", b"z")) == [b"a", b"b"]


def test_lease_keepalive_and_time_to_live(store: Store) -> None:
    store.apply_one(LeaseGrantRequest(ttl=60, id=9))
    assert store.lease_keepalive(9) == 60
    remaining = store.lease_time_to_live(9)
    assert 59 <= remaining.ttl <= 60 and remaining.granted_ttl == 60
    with pytest.raises(errors.LeaseNotFoundError, match="^etcdserver: requested lease not found$"):
        store.lease_keepalive(777)


def test_lease_expiry_list(store: Store) -> None:
    started = time.monotonic()
    lease = store.apply_one(LeaseGrantRequest(ttl=1))  # raised to the minimum, 2 s
    other = store.apply_one(LeaseGrantRequest(ttl=60))
    assert store.expired_leases() == []
    assert started + 2 <= store.next_lease_deadline() <= time.monotonic() + 2
    wait_until(lambda: store.expired_leases(), timeout=4, message="the 2 s lease to expire")
    assert store.expired_leases() == [lease.id]
    assert time.monotonic() - started >= 2
    store.lease_keepalive(lease.id)
    assert store.expired_leases() == []
    assert other.id in store.lease_ids()


def test_leases_and_their_keys_survive_reopening(data_dir: str) -> None:
    with Store(data_dir) as first:
        first.apply_one(LeaseGrantRequest(ttl=100, id=3))
        put(first, b"k", b"v", lease=3)
    with Store(data_dir) as second:
        assert second.lease_ids() == [3]
        assert second.lease_time_to_live(3, keys=True).keys == [b"k"]
        second.apply_one(LeaseRevokeRequest(3))
        assert get(second, b"k").kvs == []


# -- compaction --------------------------------------------------------------------------------------

def _history(store: Store) -> None:
    put(store, b"a", b"1")  # 2
    put(store, b"b", b"1")  # 3
    put(store, b"a", b"2")  # 4
    store.apply_one(DeleteRangeRequest(b"b"))  # 5
    put(store, b"c", b"1")  # 6
    put(store, b"a", b"3")  # 7
    put(store, b"c", b"2")  # 8


def test_compaction_removes_the_records_and_keeps_answers_at_the_compacted_revision(store: Store) -> None:
    _history(store)
    before = {revision: get(store, b"\0", b"\0", revision=revision) for revision in range(6, 9)}
    assert rev_table_mains(store) == [2, 3, 4, 5, 6, 7, 8]
    assert store.apply_one(CompactionRequest(6)).revision == 8
    # what is left at or below 6: each live key's value at 6 (a@4, c@6); b's tombstone went too
    assert rev_table_mains(store) == [4, 6, 7, 8]
    for revision, answer in before.items():
        assert get(store, b"\0", b"\0", revision=revision) == answer
    with pytest.raises(errors.CompactedError, match="^etcdserver: mvcc: required revision has been compacted$"):
        get(store, b"a", revision=5)
    with pytest.raises(errors.CompactedError):
        store.events(5)
    events, previous = store.events(6, with_prev_kv=True)
    assert [(main_of(e.revision_id), e.kv.key) for e in events] == [(6, b"c"), (7, b"a"), (8, b"c")]
    assert [kv.value if kv else None for kv in previous] == [None, b"2", b"1"]
    assert store.status().compact_revision == 6
    for revision, error in [(6, errors.CompactedError), (3, errors.CompactedError), (9, errors.FutureRevisionError)]:
        assert isinstance(failure(store, CompactionRequest(revision)), error)
    assert store.apply_one(CompactionRequest(8)).revision == 8
    assert rev_table_mains(store) == [7, 8]


def test_compaction_survives_reopening(data_dir: str) -> None:
    with Store(data_dir) as first:
        _history(first)
        first.apply_one(CompactionRequest(7))
        expected = get(first, b"\0", b"\0", revision=7)
    with Store(data_dir) as second:
        assert second.compact_revision == 7
        assert get(second, b"\0", b"\0", revision=7) == expected
        with pytest.raises(errors.CompactedError):
            get(second, b"a", revision=6)
        assert rev_table_mains(second) == [6, 7, 8]  # a@7, c@6 (its value at 7) and c@8


def test_reads_in_other_threads_see_one_committed_revision_during_writes_and_compactions(store: Store) -> None:
    """Readers take no lock: whatever the interleaving with writes and compactions, a range answers for one
    committed revision exactly, or says that revision was compacted."""
    width, rounds = 100, 150
    expected = {1: (0, set())}  # revision -> (count, values) of the k... keys, planned ahead
    revision = 1
    for round_ in range(rounds):
        revision += 1
        expected[revision] = (width, {b"%d" % round_})
        if round_ % 3 == 2:
            revision += 1
            expected[revision] = (0, set())
    stop = threading.Event()
    problems: list[str] = []
    reads = [0]

    def read() -> None:
        while not stop.is_set():
            compact = store.compact_revision
            for revision in (0, compact, compact + 1):
                try:
                    response = store.range(RangeRequest(b"k", b"l", revision=revision))
                except (errors.CompactedError, errors.FutureRevisionError) as err:
                    if revision == 0:
                        problems.append(f"a read of the current revision failed: {err}")
                    continue
                except Exception as err:  # noqa: BLE001 - any other failure is the finding
                    problems.append(repr(err))
                    continue
                at = revision or response.revision
                found = (response.count, {kv.value for kv in response.kvs})
                if found != expected[at]:
                    problems.append(f"at {at}: {found[0]} keys {sorted(found[1])}, expected {expected[at][0]}")
                reads[0] += 1

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for round_ in range(rounds):
            txn(store, success=[PutRequest(b"k%03d" % i, b"%d" % round_) for i in range(width)])
            if round_ % 3 == 2:
                store.apply_one(DeleteRangeRequest(b"k", b"l"))
            target = store.revision - round_ % 2
            if target > store.compact_revision:
                store.apply_one(CompactionRequest(target))
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert store.revision == revision
    assert problems == [], f"{len(problems)} bad answers in {reads[0]} reads: {problems[:5]}"


# -- events ------------------------------------------------------------------------------------------

def test_events_and_prev_kv_for_watchers(store: Store) -> None:
    seen: list[int] = []
    store.subscribe(seen.append)
    put(store, b"w", b"1")  # 2
    put(store, b"w", b"2")  # 3
    txn(store, success=[DeleteRangeRequest(b"w"), PutRequest(b"x", b"1")])  # 4
    assert seen == [2, 3, 4]
    events, previous = store.events(2, with_prev_kv=True)
    assert [(main_of(e.revision_id), e.kv.key, e.is_delete) for e in events] == [
        (2, b"w", False), (3, b"w", False), (4, b"w", True), (4, b"x", False)]
    assert [e.revision_id for e in events] == sorted(e.revision_id for e in events)
    assert events[2].kv == KeyValue(b"w", mod_revision=4)  # a tombstone: key and mod revision only
    assert previous == [None, KeyValue(b"w", b"1", 2, 2, 1), KeyValue(b"w", b"2", 2, 3, 2), None]
    only, none = store.events(3, 3)
    assert [main_of(e.revision_id) for e in only] == [3] and none == []
    assert store.events(5) == ([], [])


# -- hash and status ---------------------------------------------------------------------------------

def test_hash_and_hash_kv(store: Store) -> None:
    empty = store.hash()
    put(store, b"a", b"1")
    assert store.hash() != empty
    assert store.hash() == store.hash()
    at_two = store.hash_kv()
    assert at_two[1:] == (0, 2)
    put(store, b"a", b"2")
    assert store.hash_kv(2) == (at_two[0], 0, 3)
    assert store.hash_kv()[0] != at_two[0]
    with pytest.raises(errors.FutureRevisionError):
        store.hash_kv(4)
    store.apply_one(CompactionRequest(3))
    with pytest.raises(errors.CompactedError):
        store.hash_kv(2)
    assert store.hash_kv(3)[1:] == (3, 3)


def test_status(data_dir: str) -> None:
    with Store(data_dir) as store:
        first = store.status()
        store.apply([PutRequest(b"a", b"1"), PutRequest(b"b", b"1"), DeleteRangeRequest(b"none")])
        status = store.status()
        assert status.revision == 3
        assert status.raft_index == first.raft_index + 3  # one entry per request, as etcd's raft log
        assert status.db_size >= status.db_size_in_use > 0
        assert status.db_size % 4096 == 0
        term = status.raft_term
    with Store(data_dir) as store:
        again = store.status()
        assert again.raft_term == term + 1  # a restarted single member starts a new term
        assert (again.revision, again.raft_index) == (3, status.raft_index)


# -- quota and request size --------------------------------------------------------------------------

def test_quota_raises_the_nospace_alarm_and_still_allows_deletes(data_dir: str) -> None:
    quota = 1024 * 1024
    with Store(data_dir, quota_bytes=quota) as store:
        value = os.urandom(100 * 1024)
        written = 0
        while True:
            result = store.apply([PutRequest(b"big%03d" % written, value)])[0]
            if isinstance(result, StoreError):
                break
            written += 1
            assert written < 20, "the quota was never enforced"
        assert (str(result), result.code) == ("etcdserver: mvcc: database space exceeded", 8)
        assert store.alarms() == [NOSPACE] and store.status().alarms == [NOSPACE]
        assert written >= 5
        revision = store.revision
        for refused in [PutRequest(b"small", b"1"), TxnRequest(success=[PutRequest(b"small", b"1")]),
                        LeaseGrantRequest(ttl=60)]:
            assert isinstance(store.apply([refused])[0], errors.NoSpaceError)
        assert store.revision == revision
        assert store.apply_one(TxnRequest(success=[DeleteRangeRequest(b"big000")])).revision == revision + 1
        assert store.apply_one(DeleteRangeRequest(b"big", b"bih")).deleted == written - 1
        store.apply_one(CompactionRequest(store.revision))
        store.defragment()
        assert store.status().db_size < quota
        assert isinstance(store.apply([PutRequest(b"small", b"1")])[0], errors.NoSpaceError)  # still armed
        assert store.disarm(NOSPACE) == [NOSPACE]
        assert store.alarms() == []
        assert put(store, b"small", b"1").revision == store.revision
    with Store(data_dir, quota_bytes=quota) as reopened:
        assert get(reopened, b"small").kvs[0].value == b"1"


def test_request_size_limit(store: Store) -> None:
    assert put(store, b"k", b"x" * (1024 * 1024)).revision == 2
    too_large = [
        PutRequest(b"k", b"x" * MAX_REQUEST_BYTES),
        TxnRequest(success=[PutRequest(b"k", b"x" * MAX_REQUEST_BYTES)]),
        TxnRequest(success=[PutRequest(b"k", b"x" * (MAX_REQUEST_BYTES // 2)),
                            PutRequest(b"l", b"x" * (MAX_REQUEST_BYTES // 2))]),
        TxnRequest([Compare(b"k", CompareTarget.VALUE, value=b"x" * MAX_REQUEST_BYTES)]),
        DeleteRangeRequest(b"k" * (MAX_REQUEST_BYTES + 1)),
    ]
    for request in too_large:
        err = failure(store, request)
        assert (str(err), err.code) == ("etcdserver: request is too large", 3)
    assert get(store, b"k").kvs[0].version == 1


# -- lifecycle ---------------------------------------------------------------------------------------

def test_everything_survives_reopening(data_dir: str) -> None:
    with Store(data_dir) as first:
        _history(first)
        answers = {revision: get(first, b"\0", b"\0", revision=revision) for revision in range(1, 9)}
        hash_kv = first.hash_kv()
    with Store(data_dir) as second:
        assert second.revision == 8
        for revision, answer in answers.items():
            assert get(second, b"\0", b"\0", revision=revision) == answer
        assert second.hash_kv() == hash_kv
        assert put(second, b"d", b"1").revision == 9


def test_a_closed_store_refuses_requests(data_dir: str) -> None:
    store = Store(data_dir)
    store.close()
    store.close()
    for call in (lambda: get(store, b"a"), lambda: put(store, b"a", b"1"), store.status):
        with pytest.raises(errors.StoreClosedError, match="^etcdserver: server stopped$"):
            call()


def test_a_real_etcd_data_dir_is_refused(tmp_path: Path) -> None:
    (tmp_path / "member" / "wal").mkdir(parents=True)
    with pytest.raises(DataDirError, match="holds a real etcd member"):
        Store(str(tmp_path))
