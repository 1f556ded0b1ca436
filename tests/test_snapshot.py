"""Snapshots of the store (minikube_py/store/snapshot.py): write, status and restore round trips, and
restore refusing what it cannot trust (an existing data dir, a corrupted, truncated or foreign file, a
real etcd's bbolt snapshot) with a clear message and nothing left on disk."""

from __future__ import annotations

import os
import random
import shutil
import threading
from pathlib import Path

import pytest
from etcd_members import run_ctl, start_member

from minikube_py.store import (
    CompactionRequest,
    DeleteRangeRequest,
    LeaseGrantRequest,
    PutRequest,
    RangeRequest,
    SnapshotError,
    Store,
)
from minikube_py.store.backend import store_path
from minikube_py.store.snapshot import restore, status, write_snapshot

CLUSTER = {b"members": b'{"new": "identity"}'}


def everything(store: Store, revision: int = 0) -> list:
    return store.range(RangeRequest(b"\0", b"\0", revision=revision)).kvs


def save(store: Store, path: Path) -> int:
    with open(path, "wb") as out:
        return write_snapshot(store.backend, out)


def nothing_left(target: Path) -> bool:
    """Neither the data dir nor any partial restore beside it."""
    return not target.exists() and [p.name for p in target.parent.iterdir() if p.name.startswith(target.name)] == []


@pytest.fixture
def source(tmp_path: Path) -> Store:
    """A store with history, a compaction, leases and cluster data."""
    with Store(str(tmp_path / "source")) as store:
        store.apply_one(LeaseGrantRequest(ttl=300, id=41))
        for i in range(20):
            store.apply_one(PutRequest(b"/registry/pods/p%02d" % (i % 7), b"v%d" % i, lease=41 if i % 3 else 0))
        store.apply_one(DeleteRangeRequest(b"/registry/pods/p03"))
        store.apply_one(CompactionRequest(10))
        store.apply_one(PutRequest(b"plain", b"x" * 5000))
        store.put_cluster(b"members", b'{"old": "identity"}')
        yield store


@pytest.fixture
def snapshot(source: Store, tmp_path: Path) -> Path:
    path = tmp_path / "snap.db"
    save(source, path)
    return path


def test_write_status_restore_round_trip(source: Store, tmp_path: Path) -> None:
    path = tmp_path / "snap.db"
    size = save(source, path)
    found = status(str(path))
    assert found.hash == source.hash()  # the member's maintenance hash at the time of the snapshot
    assert (found.revision, found.total_size) == (source.revision, size)
    assert size == path.stat().st_size
    backend = source.backend
    with backend.read() as read:
        assert found.total_keys == sum(1 for table in backend.tables for _ in backend.items(read, table))

    target = tmp_path / "restored"
    restore(str(path), str(target), cluster=CLUSTER)
    with Store(str(target)) as restored:
        assert (restored.revision, restored.compact_revision) == (source.revision, 10)
        for revision in range(10, source.revision + 1):
            assert everything(restored, revision) == everything(source, revision)
        assert restored.get_cluster(b"members") == CLUSTER[b"members"]
        assert restored.hash_kv() == source.hash_kv()
        # leases survive, with their keys
        assert restored.lease_ids() == [41]
        lease = restored.lease_time_to_live(41, keys=True)
        assert lease.granted_ttl == 300
        assert lease.keys == source.lease_time_to_live(41, keys=True).keys != []
        assert restored.apply_one(PutRequest(b"after", b"1")).revision == source.revision + 1


def test_a_snapshot_is_one_consistent_revision_while_writes_go_on(source: Store, tmp_path: Path) -> None:
    stop = threading.Event()

    def write() -> None:
        i = 0
        while not stop.is_set():
            source.apply([PutRequest(b"busy/%05d" % i, b"1"), PutRequest(b"busy/%05d" % (i + 1), b"1")])
            i += 2

    writer = threading.Thread(target=write)
    writer.start()
    try:
        for attempt in range(3):
            path = tmp_path / f"busy{attempt}.db"
            save(source, path)
            revision = status(str(path)).revision
            target = tmp_path / f"busy{attempt}"
            restore(str(path), str(target), cluster=CLUSTER)
            with Store(str(target)) as restored:
                assert restored.revision == revision
                assert everything(restored) == everything(source, revision)
    finally:
        stop.set()
        writer.join()
    assert source.revision > revision


def test_restore_refuses_an_existing_data_dir(snapshot: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep").write_text("mine")
    with pytest.raises(SnapshotError) as refused:
        restore(str(snapshot), str(target), cluster=CLUSTER)
    assert str(refused.value) == f'data-dir "{target}" exists'
    assert [p.name for p in target.iterdir()] == ["keep"]


def _flip_middle_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_corrupted_snapshot_is_refused_by_its_sha256(snapshot: Path, tmp_path: Path) -> None:
    _flip_middle_byte(snapshot)
    target = tmp_path / "restored"
    for attempt in (lambda: restore(str(snapshot), str(target), cluster=CLUSTER), lambda: status(str(snapshot))):
        with pytest.raises(SnapshotError, match=r"^snapshot file integrity check failed: expected sha256 [0-9a-f]{64}, "
                                                r"got [0-9a-f]{64}: .*snap\.db is corrupted$"):
            attempt()
    assert nothing_left(target)


def test_a_corrupted_snapshot_restores_with_skip_hash_check(snapshot: Path, source: Store, tmp_path: Path) -> None:
    data = bytearray(snapshot.read_bytes())
    position = data.index(b"x" * 5000) + 2500  # inside a value: the structure stays readable
    data[position] = ord("y")
    snapshot.write_bytes(bytes(data))
    target = tmp_path / "restored"
    restore(str(snapshot), str(target), cluster=CLUSTER, skip_hash_check=True)
    with Store(str(target)) as restored:
        assert restored.range(RangeRequest(b"plain")).kvs[0].value.count(b"y") == 1


@pytest.mark.parametrize("keep", [0.5, 0.999])
def test_a_truncated_snapshot_is_refused(snapshot: Path, tmp_path: Path, keep: float) -> None:
    data = snapshot.read_bytes()
    snapshot.write_bytes(data[: int(len(data) * keep)])
    target = tmp_path / "restored"
    for attempt in (lambda: restore(str(snapshot), str(target), cluster=CLUSTER), lambda: status(str(snapshot))):
        with pytest.raises(SnapshotError, match=r"^snapshot file integrity check failed: .*snap\.db is truncated$"):
            attempt()
    assert nothing_left(target)


@pytest.mark.parametrize("content", [b"", b"hello, this is not a snapshot\n" * 10, random.Random(7).randbytes(4096)],
                         ids=["empty", "text", "random-bytes"])
def test_a_file_that_is_not_a_snapshot_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    target = tmp_path / "restored"
    for attempt in (lambda: restore(str(path), str(target), cluster=CLUSTER), lambda: status(str(path))):
        with pytest.raises(SnapshotError) as refused:
            attempt()
        assert str(refused.value) == f"invalid database: {path} is not a minikube-py snapshot"
    assert nothing_left(target)


def test_a_missing_snapshot_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(SnapshotError) as refused:
        restore(str(missing), str(tmp_path / "restored"), cluster=CLUSTER)
    assert str(refused.value) == f"stat {missing}: no such file or directory"


def test_a_real_etcd_bbolt_snapshot_is_refused(tmp_path: Path) -> None:
    real = start_member("real", tmp_path)
    try:
        put = run_ctl(["--endpoints", real.url, "put", "foo", "bar"], binary="etcdctl")
        assert put.returncode == 0, put.stderr
        path = tmp_path / "real.db"
        saved = run_ctl(["--endpoints", real.url, "snapshot", "save", str(path)], binary="etcdctl")
        assert saved.returncode == 0, saved.stderr
    finally:
        real.stop()
    target = tmp_path / "restored"
    for attempt in (lambda: restore(str(path), str(target), cluster=CLUSTER), lambda: status(str(path)),
                    lambda: restore(str(path), str(target), cluster=CLUSTER, skip_hash_check=True)):
        with pytest.raises(SnapshotError) as refused:
            attempt()
        assert str(refused.value) == (
            f"invalid database: {path} is a snapshot of a real etcd (bbolt format), not of a minikube-py member; "
            "restore it with the real etcdctl/etcdutl")
    assert nothing_left(target)


def test_a_raw_data_mdb_copy_restores_only_with_skip_hash_check(tmp_path: Path) -> None:
    with Store(str(tmp_path / "source")) as store:
        store.apply_one(LeaseGrantRequest(ttl=100, id=5))
        store.apply_one(PutRequest(b"k", b"v", lease=5))
        store.apply_one(PutRequest(b"k", b"w", lease=5))
        expected = everything(store)
        revision = store.revision
    raw = tmp_path / "data.mdb"
    shutil.copyfile(os.path.join(store_path(str(tmp_path / "source")), "data.mdb"), raw)
    target = tmp_path / "restored"
    with pytest.raises(SnapshotError) as refused:
        restore(str(raw), str(target), cluster=CLUSTER)
    assert str(refused.value) == "snapshot missing hash but --skip-hash-check=false"
    assert nothing_left(target)
    restore(str(raw), str(target), cluster=CLUSTER, skip_hash_check=True)
    with Store(str(target)) as restored:
        assert (restored.revision, everything(restored)) == (revision, expected)
        assert restored.lease_time_to_live(5, keys=True).keys == [b"k"]
        assert restored.get_cluster(b"members") == CLUSTER[b"members"]
