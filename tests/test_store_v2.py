"""The v2 keyspace of the store (minikube_py/store/v2*.py): etcd 3.4's v2store answers for writes, reads,
directories, in-order keys, TTLs and expiry, the watch history (waitIndex, 401) and its two matching
rules; the log in LMDB (persistence across reopen, checkpoints that keep it short, a failed commit that
leaves no trace, another process's writes); and a hypothesis property test against a flat model of the
semantics written here from etcd's behaviour.

Paths are the store's: the /v2/keys API's keys live under /1 (etcd's keys namespace)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from etcd_members import wait_until
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minikube_py.store import (
    PutRequest,
    RangeRequest,
    Store,
    V2CompareAndDelete,
    V2CompareAndSwap,
    V2Create,
    V2Delete,
    V2Error,
    V2Expire,
    V2Node,
    V2Response,
    V2Set,
    V2Update,
    V2Watcher,
)
from minikube_py.store.v2 import CHECKPOINT_EVERY, HISTORY

SECOND = 1_000_000_000


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(str(tmp_path / "data")) as opened:
        yield opened


def write(store: Store, request: object) -> V2Response:
    return store.apply_one(request)  # type: ignore[return-value]


def refused(store: Store, request: object) -> tuple[int, str, int]:
    with pytest.raises(V2Error) as caught:
        store.apply_one(request)
    return caught.value.error_code, caught.value.cause, caught.value.index


def shape(node: V2Node | None) -> tuple | None:
    """What an answer shows of a node, TTLs aside: (key, value, dir, modified, created, children)."""
    if node is None:
        return None
    children = None if node.nodes is None else [shape(child) for child in node.nodes]
    return node.key, node.value, node.dir, node.modified, node.created, children


def listing(store: Store, path: str = "/1") -> list[str]:
    return [child.key for child in store.v2.get(path, sort=True).event.node.nodes or []]


def records(store: Store) -> int:
    with store.backend.read() as txn:
        return txn.stat(store.backend.tables["v2"])["entries"]


# -- writes and reads ------------------------------------------------------------------------------------


def test_set_then_set_again_answers_with_the_previous_node_and_get_reads_it(store: Store) -> None:
    first = write(store, V2Set("/1/foo", "bar"))
    assert (first.event.action, first.etcd_index) == ("set", 1)
    assert shape(first.event.node) == ("/1/foo", "bar", False, 1, 1, None)
    assert first.event.prev_node is None
    second = write(store, V2Set("/1/foo", "bar2"))
    assert shape(second.event.node) == ("/1/foo", "bar2", False, 2, 2, None)  # set makes a new node
    assert shape(second.event.prev_node) == ("/1/foo", "bar", False, 1, 1, None)
    read = store.v2.get("1/foo/")  # paths are cleaned: leading slash added, trailing one dropped
    assert (read.event.action, read.etcd_index) == ("get", 2)
    assert shape(read.event.node) == ("/1/foo", "bar2", False, 2, 2, None)


def test_errors_carry_etcds_code_cause_and_current_index_and_change_nothing(store: Store) -> None:
    write(store, V2Set("/1/foo", "bar"))
    write(store, V2Set("/1/dir/a", "1"))
    assert refused(store, V2Create("/1/foo", "x")) == (105, "/1/foo", 2)
    assert refused(store, V2CompareAndSwap("/1/foo", "x", prev_value="nope")) == (101, "[nope != bar]", 2)
    assert refused(store, V2CompareAndSwap("/1/foo", "x", prev_index=7)) == (101, "[7 != 1]", 2)
    assert refused(store, V2CompareAndSwap("/1/foo", "x", "no", 7)) == (101, "[no != bar] [7 != 1]", 2)
    assert refused(store, V2CompareAndDelete("/1/foo", prev_value="nope")) == (101, "[nope != bar]", 2)
    assert refused(store, V2Update("/1/nokey", "v")) == (100, "/1/nokey", 2)
    assert refused(store, V2Delete("/1/no/such/key")) == (100, "/1/no", 2)
    assert refused(store, V2Set("/1/foo/under", "v")) == (104, "/1/foo", 2)
    assert refused(store, V2Create("/1/foo", unique=True)) == (104, "/1/foo", 2)
    assert refused(store, V2Set("/1/dir", "x")) == (102, "/1/dir", 2)
    assert refused(store, V2Set("/1/dir", dir=True)) == (102, "/1/dir", 2)
    assert refused(store, V2Update("/1/dir", "x")) == (102, "/1/dir", 2)
    assert refused(store, V2CompareAndSwap("/1/dir", "x", prev_value="y")) == (102, "/1/dir", 2)
    assert refused(store, V2Delete("/1/dir")) == (102, "/1/dir", 2)
    assert refused(store, V2Delete("/1/dir", dir=True)) == (108, "/1/dir", 2)
    for root in ("/1", "/", "/1/.."):
        assert refused(store, V2Set(root, "x")) == (107, "/", 2)
        assert refused(store, V2Delete(root, recursive=True)) == (107, "/", 2)
        assert refused(store, V2Update(root)) == (107, "/", 2)
    with pytest.raises(V2Error) as caught:
        store.v2.get("/1/missing")
    assert (caught.value.error_code, caught.value.http_status, str(caught.value)) == (
        100, 404, "100: Key not found (/1/missing) [2]")
    assert store.v2.index == 2
    assert write(store, V2Set("/1/next", "v")).etcd_index == 3


def test_directories_listings_sorting_and_hidden_keys(store: Store) -> None:
    write(store, V2Set("/1/dir", dir=True))
    write(store, V2Set("/1/dir/b", "2"))
    write(store, V2Set("/1/dir/a", "1"))
    made = write(store, V2Set("/1/dir/sub/c", "3"))
    write(store, V2Set("/1/dir/_hidden", "h"))
    assert shape(made.event.node) == ("/1/dir/sub/c", "3", False, 4, 4, None)
    one_level = store.v2.get("/1/dir", sort=True).event.node
    assert shape(one_level) == ("/1/dir", None, True, 1, 1, [
        ("/1/dir/a", "1", False, 3, 3, None), ("/1/dir/b", "2", False, 2, 2, None),
        ("/1/dir/sub", None, True, 4, 4, None)])  # the directory made on the way has the write's index
    deep = store.v2.get("/1/dir", recursive=True, sort=True).event.node
    assert shape(deep.nodes[2]) == ("/1/dir/sub", None, True, 4, 4,
                                    [("/1/dir/sub/c", "3", False, 4, 4, None)])
    unsorted = store.v2.get("/1/dir").event.node
    assert sorted(child.key for child in unsorted.nodes) == ["/1/dir/a", "/1/dir/b", "/1/dir/sub"]
    assert store.v2.get("/1/dir/_hidden").event.node.value == "h"  # hidden from listings, not from a get
    root = store.v2.get("/1").event.node
    assert (root.key, root.dir, root.modified, root.created) == ("/1", True, 0, 0)
    write(store, V2Set("/1/filekey", "v"))
    became_dir = write(store, V2Set("/1/filekey", dir=True))  # setdir on a file: accepted
    assert shape(became_dir.event.node) == ("/1/filekey", None, True, 7, 7, None)
    assert shape(became_dir.event.prev_node) == ("/1/filekey", "v", False, 6, 6, None)


def test_in_order_keys_are_named_by_their_index(store: Store) -> None:
    write(store, V2Set("/1/x", "1"))
    first = write(store, V2Create("/1/queue", "job1", unique=True))
    second = write(store, V2Create("/1/queue", "job2", unique=True, dir=True))
    at_root = write(store, V2Create("/1", "top", unique=True))
    assert first.event.action == "create"
    assert shape(first.event.node) == ("/1/queue/00000000000000000002", "job1", False, 2, 2, None)
    assert shape(second.event.node) == ("/1/queue/00000000000000000003", None, True, 3, 3, None)
    assert at_root.event.node.key == "/1/00000000000000000004"
    assert listing(store, "/1/queue") == ["/1/queue/00000000000000000002", "/1/queue/00000000000000000003"]


def test_update_compare_and_swap_and_deletes(store: Store) -> None:
    write(store, V2Set("/1/k", "a"))
    updated = write(store, V2Update("/1/k", "b"))
    assert (updated.event.action, shape(updated.event.node)) == ("update", ("/1/k", "b", False, 2, 1, None))
    swapped = write(store, V2CompareAndSwap("/1/k", "c", prev_value="b", prev_index=2))
    assert swapped.event.action == "compareAndSwap"
    assert shape(swapped.event.node) == ("/1/k", "c", False, 3, 1, None)
    assert shape(swapped.event.prev_node) == ("/1/k", "b", False, 2, 1, None)
    write(store, V2Set("/1/d", dir=True))
    dir_update = write(store, V2Update("/1/d"))
    assert shape(dir_update.event.node) == ("/1/d", None, True, 5, 4, None)
    assert shape(store.v2.get("/1/d").event.node) == ("/1/d", None, True, 4, 4, [])  # etcd leaves it at 4
    write(store, V2Set("/1/d/x/y", "1"))
    gone = write(store, V2Delete("/1/d", recursive=True))
    assert (gone.event.action, shape(gone.event.node)) == ("delete", ("/1/d", None, True, 7, 4, None))
    assert gone.event.prev_node.dir and gone.event.prev_node.value is None
    assert gone.event.removed == {"/1/d", "/1/d/x", "/1/d/x/y"}
    write(store, V2Set("/1/e", dir=True))
    assert write(store, V2Delete("/1/e", dir=True)).event.node.dir  # an empty directory with dir=true
    assert write(store, V2Delete("/1/k", dir=True)).event.node == V2Node("/1/k", modified=10, created=1)
    write(store, V2Set("/1/f", "1"))
    removed = write(store, V2CompareAndDelete("/1/f", prev_value="1"))
    assert removed.event.action == "compareAndDelete"
    assert shape(removed.event.node) == ("/1/f", None, False, 12, 11, None)
    assert listing(store) == []


# -- TTLs ------------------------------------------------------------------------------------------------


def test_a_ttl_shows_as_expiration_and_seconds_left_and_a_write_without_one_clears_it(store: Store) -> None:
    before = time.time_ns()
    made = write(store, V2Set("/1/t", "v", ttl=60)).event.node
    assert before + 60 * SECOND <= made.expiration <= time.time_ns() + 60 * SECOND
    assert made.ttl == 60
    later = store.v2.get("/1/t").event.node
    assert (later.expiration, later.ttl) == (made.expiration, 60)  # rounded up, as etcd does
    updated = write(store, V2Update("/1/t", "w"))  # no TTL given: the key becomes permanent
    assert (updated.event.node.expiration, updated.event.prev_node.ttl) == (None, 60)
    assert store.v2.next_expiry() is None
    write(store, V2Set("/1/z", "v", ttl=0))  # expires at the next expiry pass
    assert write(store, V2Set("/1/z", "v")).event.node.expiration is None
    assert store.v2.next_expiry() is None


def test_refresh_renews_the_ttl_keeps_the_value_and_is_invisible_to_watchers(store: Store) -> None:
    write(store, V2Set("/1/r", "v", ttl=100))
    watcher = V2Watcher(store.v2, "/1/r")
    renewed = write(store, V2Set("/1/r", ttl=50, refresh=True))
    assert (renewed.event.node.value, renewed.event.node.ttl, renewed.event.node.created) == ("v", 50, 2)
    assert renewed.event.prev_node.ttl == 100
    assert write(store, V2Update("/1/r", ttl=40, refresh=True)).event.node.value == "v"
    assert write(store, V2CompareAndSwap("/1/r", prev_value="v", ttl=30, refresh=True)).event.node.ttl == 30
    assert watcher.next_event() is None
    assert V2Watcher(store.v2, "/1/r", since=2).next_event() is None  # history has them, watches skip them
    assert refused(store, V2Set("/1/none", ttl=5, refresh=True)) == (100, "/1/none", 4)


def test_expiry_removes_due_nodes_one_index_each_directories_with_their_content(store: Store) -> None:
    write(store, V2Set("/1/later", "v", ttl=300))
    write(store, V2Set("/1/t5", "v", ttl=1))
    write(store, V2Set("/1/d1", dir=True, ttl=1))
    write(store, V2Set("/1/d1/x", "1", ttl=1))
    write(store, V2Set("/1/t4", "v", ttl=0))
    assert store.v2.next_expiry() <= time.time_ns()
    first = write(store, V2Expire())  # only the ttl=0 key is due yet
    assert [(e.action, e.node.key, e.index) for e in first.events] == [("expire", "/1/t4", 6)]
    assert shape(first.event.prev_node) == ("/1/t4", "v", False, 5, 5, None)
    assert write(store, V2Expire()).events == []
    due = store.v2.next_expiry()
    assert 0 < due - time.time_ns() <= SECOND
    wait_until(lambda: time.time_ns() >= due, timeout=3, message="the 1 s TTLs to run out")
    expired = write(store, V2Expire())
    assert [(e.node.key, e.node.dir, e.index) for e in expired.events] == [("/1/t5", False, 7),
                                                                          ("/1/d1", True, 8)]
    assert expired.events[1].removed == {"/1/d1", "/1/d1/x"}  # x went with its directory: no event of its own
    assert listing(store) == ["/1/later"]
    assert store.v2.next_expiry() > time.time_ns() + 200 * SECOND


# -- the watch history ----------------------------------------------------------------------------------


def test_a_watch_returns_the_first_matching_event_from_wait_index_then_waits(store: Store) -> None:
    write(store, V2Set("/1/wk", "a"))
    write(store, V2Set("/1/other", "b"))
    write(store, V2Set("/1/wk", "c"))
    assert V2Watcher(store.v2, "/1/wk", since=1).next_event().node.value == "a"
    assert V2Watcher(store.v2, "/1/wk", since=2).next_event().node.value == "c"
    assert V2Watcher(store.v2, "/1", recursive=True, since=2).next_event().node.key == "/1/other"
    waiting = V2Watcher(store.v2, "/1/wk")
    assert (waiting.start_index, waiting.next_event()) == (3, None)
    write(store, V2Set("/1/unrelated", "x"))
    assert waiting.next_event() is None
    write(store, V2Delete("/1/wk"))
    event = waiting.next_event()
    assert (event.action, event.index, event.prev_node.value) == ("delete", 5, "c")
    ahead = V2Watcher(store.v2, "/1/wk", since=7)  # a future waitIndex skips what comes before it
    write(store, V2Set("/1/wk", "6"))
    assert ahead.next_event() is None
    write(store, V2Set("/1/wk", "7"))
    assert ahead.next_event().node.value == "7"


def test_history_holds_the_last_1000_events_and_older_wait_indexes_are_refused(store: Store) -> None:
    store.apply([V2Set("/1/bulk", str(i)) for i in range(HISTORY + 30)])
    with pytest.raises(V2Error) as caught:
        V2Watcher(store.v2, "/1/bulk", since=5)
    err = caught.value
    assert (err.error_code, err.cause, err.index, err.http_status) == (
        401, "the requested history has been cleared [31/5]", 1030, 400)
    assert V2Watcher(store.v2, "/1/bulk", since=31).next_event().node.value == "30"


def test_history_rules_and_live_rules_differ_as_in_etcd(store: Store) -> None:
    write(store, V2Set("/1/h/_hid", "1"))
    write(store, V2Set("/1/h/vis", "2"))
    write(store, V2Set("/1/d1/x", "1"))
    recursive_live = V2Watcher(store.v2, "/1/h", recursive=True)
    under_deleted = V2Watcher(store.v2, "/1/d1/x")
    missing_under_deleted = V2Watcher(store.v2, "/1/d1/nothing")
    write(store, V2Set("/1/h/_hid", "changed"))
    assert recursive_live.next_event() is None  # a change below a hidden name wakes no recursive watcher
    write(store, V2Delete("/1/d1", recursive=True))
    assert under_deleted.next_event().node.key == "/1/d1"  # the watched key went with its directory
    assert missing_under_deleted.next_event() is None  # ... but it wakes only watchers of keys that existed
    # a watch that starts in the past scans the history instead: hidden changes match, and so does any
    # key below a deleted directory's path (even /1/d10, which only shares the prefix)
    assert V2Watcher(store.v2, "/1/h", recursive=True, since=4).next_event().node.value == "changed"
    assert V2Watcher(store.v2, "/1/d1/nothing", since=5).next_event().action == "delete"
    assert V2Watcher(store.v2, "/1/d10", since=5).next_event().action == "delete"


# -- the log: persistence, compaction, failures, other processes ----------------------------------------


def state(store: Store) -> tuple:
    snap = store.v2.snapshot()
    return (snap.index, shape(store.v2.get("/", recursive=True, sort=True).event.node),
            [(e.action, shape(e.node), shape(e.prev_node), e.refresh) for e in snap.history])


def test_the_keyspace_history_and_ttls_survive_a_reopen(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    with Store(data_dir) as store:
        write(store, V2Set("/1/a", "1"))
        write(store, V2Set("/1/t", "v", ttl=600))
        write(store, V2Create("/1/q", "x", unique=True))
        write(store, V2Delete("/1/a"))
        expiry = store.v2.next_expiry()
        before = state(store)
    with Store(data_dir) as store:
        assert state(store) == before
        assert store.v2.next_expiry() == expiry
        assert V2Watcher(store.v2, "/1/a", since=1).next_event().node.value == "1"
        assert write(store, V2Set("/1/b", "2")).etcd_index == 5


def test_checkpoints_keep_the_log_short_and_the_history_intact(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    total = 2 * CHECKPOINT_EVERY + 150
    with Store(data_dir) as store:
        for start in range(0, total, 250):
            store.apply([V2Set(f"/1/k{i % 7}", str(i), ttl=3600 if i % 5 == 0 else None)
                         for i in range(start, min(start + 250, total))])
        assert records(store) <= CHECKPOINT_EVERY + 1
        before = state(store)
    with Store(data_dir) as store:
        assert state(store) == before
        assert len(store.v2.snapshot().history) == HISTORY
        with pytest.raises(V2Error, match=r"cleared \[1151/1150\]"):
            V2Watcher(store.v2, "/1/k0", since=total - HISTORY)


def test_a_batch_that_fails_to_commit_leaves_no_v2_trace(store: Store) -> None:
    write(store, V2Set("/1/kept", "1"))
    with pytest.raises(TypeError):
        store.apply([V2Set("/1/lost", "x"), V2Set("/1/kept", "overwritten"), object()])
    assert store.v2.index == 1
    assert store.v2.get("/1/kept").event.node.value == "1"
    assert refused(store, V2Update("/1/lost", "y")) == (100, "/1/lost", 1)
    assert write(store, V2Set("/1/next", "v")).etcd_index == 2


def test_readers_without_a_lock_see_a_batch_whole_or_not_at_all(store: Store) -> None:
    write(store, V2Set("/1/a", "0"))
    write(store, V2Set("/1/b", "0"))
    done = threading.Event()

    def writer() -> None:
        for i in range(1, 300):
            store.apply([V2Set("/1/a", str(i)), V2Set("/1/b", str(i))])
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    seen = set()
    while not done.is_set():
        snap = store.v2.snapshot()
        a, b = (lookup_value(snap.root, key) for key in ("/1/a", "/1/b"))
        assert (a, int(a) * 2 + 2) == (b, snap.index), "a reader saw half a batch"
        seen.add(a)
    thread.join()
    assert len(seen) > 1


def lookup_value(root: object, path: str) -> str:
    node = root
    for name in path.split("/")[1:]:
        node = node.children[name]  # type: ignore[attr-defined]
    return node.value  # type: ignore[attr-defined]


def test_v2_writes_share_the_batch_commit_with_v3_writes_and_keep_their_own_counter(store: Store) -> None:
    raft_before = store.status().raft_index
    results = store.apply([PutRequest(b"foo", b"v3"), V2Set("/1/foo", "v2"), PutRequest(b"bar", b"v3")])
    assert [result.revision for result in results] == [2, 2, 3]
    assert results[1].etcd_index == 1
    assert store.status().raft_index == raft_before + 3
    assert store.range(RangeRequest(b"foo")).kvs[0].value == b"v3"  # separate keyspaces
    assert store.v2.get("/1/foo").event.node.value == "v2"


CHILD = """
import sys
from minikube_py.store import Store, V2Set, V2Delete
with Store(sys.argv[1]) as store:
    count = int(sys.argv[2])
    for start in range(0, count, 100):
        store.apply([V2Set(f"/1/child/{i % 13}", str(i)) for i in range(start, min(start + 100, count))])
    store.apply_one(V2Delete("/1/child/0"))
    print(store.v2.index)
"""


def run_child(data_dir: str, count: int) -> int:
    done = subprocess.run([sys.executable, "-c", CHILD, data_dir, str(count)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def test_another_process_writes_are_seen_even_across_a_checkpoint(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    with Store(data_dir) as store:
        write(store, V2Set("/1/mine", "1"))
        watcher = V2Watcher(store.v2, "/1/child/5")
        assert run_child(data_dir, 20) == 22
        assert store.v2.get("/1/child/7").event.node.value == "7"
        assert (watcher.next_event().node.value, store.v2.index) == ("5", 22)
        # far behind: the other process writes past a checkpoint that drops what this one has not read
        index = run_child(data_dir, CHECKPOINT_EVERY + 300)
        assert store.v2.index == index
        assert write(store, V2Set("/1/mine", "2")).etcd_index == index + 1
        caught_up = state(store)
    with Store(data_dir) as fresh:  # what catching up built is what opening the log builds
        assert state(fresh) == caught_up


# -- property test against a model ----------------------------------------------------------------------


@dataclass
class Entry:
    value: str | None  # None: a directory
    created: int
    modified: int


@dataclass
class Model:
    """etcd's v2store without TTLs as a flat dict of paths: what each write answers, what a read lists."""

    index: int = 0
    nodes: dict[str, Entry] = field(default_factory=lambda: {"/1": Entry(None, 0, 0)})
    log: list[tuple] = field(default_factory=list)  # (index, action, key, previous was a dir)

    def find(self, path: str) -> Entry:
        parts = path.split("/")[1:]
        for depth in range(1, len(parts) + 1):
            prefix = "/" + "/".join(parts[:depth])
            if prefix not in self.nodes:
                raise ModelError(100, prefix)
            if depth < len(parts) and self.nodes[prefix].value is not None:
                raise ModelError(104, prefix)
        return self.nodes[path]

    def shown(self, path: str, entry: Entry, children: list | None = None) -> tuple:
        return path, entry.value, entry.value is None, entry.modified, entry.created, children

    def below(self, path: str) -> list[str]:
        return sorted(p for p in self.nodes if p.startswith(path + "/"))

    def make(self, path: str, value: str | None, action: str, replace: bool) -> tuple:
        if path == "/1":
            raise ModelError(107, "/")  # the namespace root is read only
        parents = ["/" + "/".join(path.split("/")[1:depth]) for depth in range(3, path.count("/") + 1)]
        for parent in parents:
            if parent in self.nodes and self.nodes[parent].value is not None:
                raise ModelError(104, parent)
        previous = self.nodes.get(path)
        if previous is not None and not replace:
            raise ModelError(105, path)
        if previous is not None and previous.value is None:
            raise ModelError(102, path)
        self.index += 1
        for parent in parents:
            self.nodes.setdefault(parent, Entry(None, self.index, self.index))
        self.nodes[path] = Entry(value, self.index, self.index)
        return self.event(action, self.shown(path, self.nodes[path]), previous)

    def event(self, action: str, node: tuple, before: Entry | None) -> tuple:
        path = node[0]
        self.log.append((self.index, action, path, before is not None and before.value is None))
        return action, node, None if before is None else self.shown(path, before)

    def compare(self, entry: Entry, prev_value: str, prev_index: int) -> None:
        wrong = []
        if prev_value and entry.value != prev_value:
            wrong.append(f"[{prev_value} != {entry.value}]")
        if prev_index and entry.modified != prev_index:
            wrong.append(f"[{prev_index} != {entry.modified}]")
        if wrong:
            raise ModelError(101, " ".join(wrong))

    def rewrite(self, path: str, entry: Entry, value: str, action: str) -> tuple:
        before = Entry(entry.value, entry.created, entry.modified)
        self.index += 1
        if entry.value is not None:
            entry.value, entry.modified = value, self.index
        return self.event(action, self.shown(path, Entry(entry.value, entry.created, self.index)), before)

    def remove(self, path: str, entry: Entry, action: str) -> tuple:
        for gone in [path, *self.below(path)]:
            del self.nodes[gone]
        self.index += 1
        return self.event(action, (path, None, entry.value is None, self.index, entry.created, None), entry)

    def apply(self, request: object) -> tuple:
        if isinstance(request, V2Set):
            try:
                self.find(request.path)
            except ModelError as err:
                if err.code != 100:
                    raise
            return self.make(request.path, None if request.dir else request.value, "set", True)
        if isinstance(request, V2Create):
            path = f"{request.path}/{self.index + 1:020d}" if request.unique else request.path
            return self.make(path, None if request.dir else request.value, "create", False)
        if isinstance(request, V2Update):
            entry = self.find(request.path)
            if entry.value is None and request.value:
                raise ModelError(102, request.path)
            return self.rewrite(request.path, entry, request.value, "update")
        entry = self.find(request.path)  # type: ignore[attr-defined]
        if isinstance(request, V2Delete):
            if entry.value is None and not (request.dir or request.recursive):
                raise ModelError(102, request.path)
            if entry.value is None and self.below(request.path) and not request.recursive:
                raise ModelError(108, request.path)
            return self.remove(request.path, entry, "delete")
        if entry.value is None:
            raise ModelError(102, request.path)  # type: ignore[attr-defined]
        self.compare(entry, request.prev_value, request.prev_index)  # type: ignore[attr-defined]
        if isinstance(request, V2CompareAndSwap):
            return self.rewrite(request.path, entry, request.value, "compareAndSwap")
        return self.remove(request.path, entry, "compareAndDelete")  # type: ignore[attr-defined]

    def tree(self, path: str = "/1") -> tuple:
        entry = self.nodes[path]
        if entry.value is not None:
            return self.shown(path, entry)
        children = [child for child in self.below(path) if child.count("/") == path.count("/") + 1
                    and not child.rsplit("/", 1)[1].startswith("_")]
        return self.shown(path, entry, [self.tree(child) for child in children])

    def first_match(self, key: str, recursive: bool, since: int) -> int | None:
        """etcd's history scan over the model's events."""
        for index, action, path, was_dir in self.log:
            if index < since:
                continue
            if (path == key or (recursive and path.startswith(key + "/"))
                    or (action == "delete" and was_dir and key.startswith(path))):
                return index
        return None


class ModelError(Exception):
    def __init__(self, code: int, cause: str) -> None:
        super().__init__(code, cause)
        self.code, self.cause = code, cause


def answer(result: object) -> tuple:
    if isinstance(result, V2Error):
        return result.error_code, result.cause
    event = result.event  # type: ignore[attr-defined]
    return event.action, shape(event.node), shape(event.prev_node)


NAMES = st.lists(st.sampled_from(["a", "b", "_h"]), min_size=1, max_size=3)
PATHS = NAMES.map(lambda names: "/1/" + "/".join(names))
VALUES = st.sampled_from(["", "x", "y"])
INDEXES = st.integers(min_value=0, max_value=12)
REQUESTS = st.one_of(
    st.builds(V2Set, PATHS, VALUES, st.booleans()),
    st.builds(V2Create, st.one_of(PATHS, st.just("/1")), VALUES, st.booleans(), st.booleans()),
    st.builds(V2Update, PATHS, VALUES),
    st.builds(V2CompareAndSwap, PATHS, VALUES, VALUES, INDEXES),
    st.builds(V2Delete, PATHS, st.booleans(), st.booleans()),
    st.builds(V2CompareAndDelete, PATHS, VALUES, INDEXES),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=st.lists(REQUESTS, max_size=30), watched=PATHS, recursive=st.booleans(), since=INDEXES)
def test_the_store_answers_as_the_model_and_reopens_to_the_same_state(
        tmp_path_factory: pytest.TempPathFactory, requests: list, watched: str, recursive: bool, since: int
) -> None:
    data_dir = str(tmp_path_factory.mktemp("v2prop") / "data")
    model = Model()
    expected = []
    for request in requests:
        try:
            expected.append(model.apply(request))
        except ModelError as err:
            expected.append((err.code, err.cause))
    with Store(data_dir) as store:
        results = store.apply(requests)  # one batch, one commit
        assert [answer(result) for result in results] == expected
        assert store.v2.index == model.index
        assert shape(store.v2.get("/1", recursive=True, sort=True).event.node) == model.tree()
        found = V2Watcher(store.v2, watched, recursive=recursive, since=since or 1).next_event()
        assert (found and found.index) == model.first_match(watched, recursive, since or 1)
        before = state(store)
    with Store(data_dir) as store:
        assert state(store) == before
