"""Property test of the v3 store: hypothesis drives random sequences of puts, deletes, txns (nested,
with compares), batches, compactions, lease grants and revokes and reopenings against a real Store and
against the in-memory model of etcd's semantics (store_model.py), comparing every answer, the ranges at
random past revisions and the watch events; at the end the store is reopened and every retained
revision is compared again."""

from __future__ import annotations

import shutil
import tempfile

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from store_model import Model

from minikube_py.store import (
    CompactionRequest,
    Compare,
    CompareResult,
    CompareTarget,
    DeleteRangeRequest,
    LeaseGrantRequest,
    LeaseRevokeRequest,
    PutRequest,
    RangeRequest,
    SortOrder,
    SortTarget,
    Store,
    StoreError,
    TxnRequest,
)
from minikube_py.store.records import main_of

KEYS = [b"a", b"a/1", b"a/2", b"b", b"b/1", b"c"]
RANGE_ENDS = [b"", b"", b"\0", b"a0", b"b", b"b0", b"c", b"d", b"a/2"]
VALUES = [b"", b"0", b"1", b"10", b"2"]
LEASES = [11, 12, 13]

keys = st.sampled_from(KEYS)
range_ends = st.sampled_from(RANGE_ENDS)
values = st.sampled_from(VALUES)
small_revisions = st.integers(min_value=0, max_value=14)
CURRENT = st.just(0)


@st.composite
def puts(draw: st.DrawFn, key: bytes | None = None) -> PutRequest:
    ignore_value = draw(st.booleans()) and draw(st.booleans())
    ignore_lease = draw(st.booleans()) and draw(st.booleans())
    value = b"" if ignore_value and draw(st.integers(0, 9)) else draw(values)
    lease = 0 if ignore_lease and draw(st.integers(0, 9)) else draw(st.sampled_from([0, 0, 0, *LEASES, 99]))
    return PutRequest(key if key is not None else draw(keys), value, lease, draw(st.booleans()),
                      ignore_value, ignore_lease)


deletes = st.builds(DeleteRangeRequest, keys, range_ends, st.booleans())


@st.composite
def ranges(draw: st.DrawFn, revisions: st.SearchStrategy[int] = CURRENT) -> RangeRequest:
    return RangeRequest(
        draw(st.sampled_from([*KEYS, b"\0"])), draw(range_ends), draw(st.integers(0, 4)), draw(revisions),
        draw(st.sampled_from(SortOrder)), draw(st.sampled_from(SortTarget)), False, draw(st.booleans()),
        draw(st.booleans()) and draw(st.booleans()),
        *(draw(st.sampled_from([0, 0, 0, 3, 6])) for _ in range(4)),
    )


@st.composite
def compares(draw: st.DrawFn) -> Compare:
    target = draw(st.sampled_from(CompareTarget))
    return Compare(draw(keys), target, draw(st.sampled_from(CompareResult)), draw(st.sampled_from([b"", b"", b"b"])),
                   version=draw(st.integers(0, 3)), create_revision=draw(small_revisions),
                   mod_revision=draw(small_revisions), value=draw(values),
                   lease=draw(st.sampled_from([0, *LEASES])))


@st.composite
def txns(draw: st.DrawFn) -> TxnRequest:
    """A txn (maybe with nested txns) whose puts and deletes each touch a different key, so it is never
    refused as a duplicate (the unit tests cover those rules)."""
    free = iter(draw(st.permutations(KEYS)))

    def ops(depth: int, most: int) -> list:
        chosen = []
        for kind in draw(st.lists(st.sampled_from(["range", "put", "delete", "txn"]), max_size=most)):
            key = next(free, None) if kind in ("put", "delete") else None
            if kind == "put" and key is not None:
                chosen.append(draw(puts(key)))
            elif kind == "delete" and key is not None:
                chosen.append(DeleteRangeRequest(key, prev_kv=draw(st.booleans())))
            elif kind == "txn" and depth < 2:
                chosen.append(txn(depth + 1))
            else:
                chosen.append(draw(ranges(st.sampled_from([0, 0, 0, 1, 2, 20]))))
        return chosen

    def txn(depth: int) -> TxnRequest:
        return TxnRequest(draw(st.lists(compares(), max_size=2)), ops(depth, 3), ops(depth, 2))

    return txn(1)


writes = st.one_of(puts(), deletes, txns())


def same(got: object, expected: object) -> None:
    if isinstance(expected, StoreError) or isinstance(got, StoreError):
        assert (type(got), str(got)) == (type(expected), str(expected))
    else:
        assert got == expected


class StoreVersusModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.data_dir = tempfile.mkdtemp(prefix="mkpy-store-model-")
        self.store = Store(self.data_dir)
        self.model = Model()

    def _apply(self, requests: list) -> None:
        got = self.store.apply(requests)
        for request, answer in zip(requests, got):
            same(answer, self.model.apply(request))

    @rule(request=writes)
    def write(self, request: object) -> None:
        self._apply([request])

    @rule(requests=st.lists(writes, min_size=2, max_size=4))
    def batch(self, requests: list) -> None:
        """Several requests in one commit (as the member batches concurrent clients)."""
        self._apply(requests)

    @rule(data=st.data())
    def compact(self, data: st.DataObject) -> None:
        self._apply([CompactionRequest(data.draw(st.integers(0, self.model.revision + 1)))])

    @rule(lease=st.sampled_from([*LEASES, 0]), ttl=st.sampled_from([-1, 0, 1, 5, 60]))
    def grant(self, lease: int, ttl: int) -> None:
        got = self.store.apply([LeaseGrantRequest(ttl, lease)])[0]
        if lease == 0 and not isinstance(got, StoreError):  # the store chooses the id
            assert got.id not in self.model.leases
            lease = got.id
        same(got, self.model.apply(LeaseGrantRequest(ttl, lease)))

    @rule(lease=st.sampled_from([*LEASES, 99]))
    def revoke(self, lease: int) -> None:
        self._apply([LeaseRevokeRequest(lease)])

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = Store(self.data_dir)

    @rule(data=st.data())
    def read(self, data: st.DataObject) -> None:
        request = data.draw(ranges(st.integers(0, self.model.revision + 1)))
        try:
            got = self.store.range(request)
        except StoreError as err:
            got = err
        same(got, self.model.apply(request))

    @rule(data=st.data())
    def watch(self, data: st.DataObject) -> None:
        start = data.draw(st.integers(self.model.compact + 1, self.model.revision + 1))
        self.check_events(start)

    def check_events(self, start: int) -> None:
        events, previous = self.store.events(start, with_prev_kv=True)
        got = [(main_of(event.revision_id), event.kv, prev) for event, prev in zip(events, previous)]
        assert got == self.model.events(start)

    @invariant()
    def same_revisions_and_leases(self) -> None:
        assert (self.store.revision, self.store.compact_revision) == (self.model.revision, self.model.compact)
        assert sorted(self.store.lease_ids()) == sorted(self.model.leases)
        for lease in self.model.leases:
            assert self.store.lease_time_to_live(lease, keys=True).keys == self.model.leased_keys(lease)

    def teardown(self) -> None:
        try:
            self.store.close()
            with Store(self.data_dir) as reopened:
                self.store = reopened
                self.same_revisions_and_leases()
                for revision in range(max(self.model.compact, 1), self.model.revision + 1):
                    everything = RangeRequest(b"\0", b"\0", revision=revision)
                    same(reopened.range(everything), self.model.apply(everything))
                self.check_events(self.model.compact + 1)
        finally:
            shutil.rmtree(self.data_dir, ignore_errors=True)


StoreVersusModel.TestCase.settings = settings(
    max_examples=60, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TestStoreVersusModel = StoreVersusModel.TestCase
