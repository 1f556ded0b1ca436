"""Several processes on one data dir, and durability: child processes (this file run as a script) write
while the test process reads, two writers never share a revision, a process catches up with another's
compaction and leases, and a writer killed with SIGKILL at random moments loses no acknowledged write."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from minikube_py.store import (
    CompactionRequest,
    DeleteRangeRequest,
    LeaseGrantRequest,
    LeaseRevokeRequest,
    PutRequest,
    RangeRequest,
    Store,
)
from minikube_py.store.records import main_of

POLL_BOUND = 0.050  # seconds from a child's commit to the test process seeing it through Store.poll()
VALUE = b"v" * 200


def child(role: str, *args: str) -> subprocess.Popen:
    """This file as a script in a new process, with line pipes both ways."""
    return subprocess.Popen([sys.executable, __file__, role, *map(str, args)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)


def finish(process: subprocess.Popen, timeout: float = 30) -> list[str]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return out.splitlines()


def everything(store: Store, revision: int = 0) -> dict[bytes, tuple[bytes, int]]:
    response = store.range(RangeRequest(b"\0", b"\0", revision=revision))
    return {kv.key: (kv.value, kv.mod_revision) for kv in response.kvs}


# -- the child processes -----------------------------------------------------------------------------

def say(*fields: object) -> None:
    """One line to the parent in one write (print() makes several when PYTHONUNBUFFERED is set, and a
    kill between them would leave half a line)."""
    sys.stdout.write(" ".join(map(str, fields)) + "\n")
    sys.stdout.flush()


def _paced_writer(data_dir: str, count: str, pause: str) -> None:
    """Put k=i for i < count, one write every `pause` seconds; print "revision commit-time" after each."""
    with Store(data_dir) as store:
        for i in range(int(count)):
            revision = store.apply_one(PutRequest(b"k", str(i).encode())).revision
            say(revision, time.monotonic())
            time.sleep(float(pause))


def _racing_writer(data_dir: str, prefix: str, count: str) -> None:
    """Say "ready", wait for "go" on stdin, then put prefix/i as fast as possible; print "key revision"
    for each."""
    with Store(data_dir) as store:
        say("ready")
        sys.stdin.readline()
        for i in range(int(count)):
            key = f"{prefix}/{i:04d}".encode()
            say(key.decode(), store.apply_one(PutRequest(key, prefix.encode())).revision)


def _compactor(data_dir: str) -> None:
    """Another process's history: delete k, put x, grant lease 77 with y, compact everything."""
    with Store(data_dir) as store:
        store.apply_one(DeleteRangeRequest(b"k"))
        store.apply_one(LeaseGrantRequest(ttl=60, id=77))
        store.apply_one(PutRequest(b"y", b"1", lease=77))
        revision = store.apply_one(PutRequest(b"x", b"1")).revision
        store.apply_one(CompactionRequest(revision))


def _revoker(data_dir: str) -> None:
    with Store(data_dir) as store:
        store.apply_one(LeaseRevokeRequest(77))


def _endless_writer(data_dir: str, start: str) -> None:
    """Write batches of 1-3 puts (one commit each) forever; after each apply returns print its first index,
    size and first revision: that line is the acknowledgement."""
    with Store(data_dir) as store:
        i = int(start)
        while True:
            size = 1 + i % 3
            results = store.apply([PutRequest(b"w/%08d" % (i + n), VALUE) for n in range(size)])
            say(i, size, results[0].revision)
            i += size


def _survivor(data_dir: str) -> None:
    """Keep the store open; for each line on stdin put and delete `after-kill`, print both revisions."""
    with Store(data_dir) as store:
        for _ in sys.stdin:
            put = store.apply_one(PutRequest(b"after-kill", b"1")).revision
            say(put, store.apply_one(DeleteRangeRequest(b"after-kill")).revision)


ROLES = {"paced": _paced_writer, "racing": _racing_writer, "compactor": _compactor, "revoker": _revoker,
         "endless": _endless_writer, "survivor": _survivor}


# -- tests -------------------------------------------------------------------------------------------

def test_a_reader_sees_another_process_commits_through_poll_within_milliseconds(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    count = 40
    with Store(data_dir) as store:
        seen: dict[int, float] = {}
        writer = child("paced", data_dir, count, 0.005)
        last = count + 1
        deadline = time.monotonic() + 30
        while store.revision < last:
            revision = store.poll()
            now = time.monotonic()
            for newly in range(max(seen, default=1) + 1, revision + 1):
                seen[newly] = now
            assert now < deadline, "the writer's revisions never showed up"
            time.sleep(0.0005)
        acks = [line.split() for line in finish(writer)]
        delays = sorted(seen[int(revision)] - float(committed) for revision, committed in acks)
        assert len(delays) == count
        assert delays[-1] < POLL_BOUND, f"slowest {delays[-1] * 1000:.1f} ms, median {delays[count // 2] * 1000:.1f} ms"
        assert everything(store)[b"k"] == (str(count - 1).encode(), last)
        assert everything(store, 10)[b"k"] == (b"8", 10)


def test_concurrent_writers_in_several_processes_never_share_a_revision(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    count = 150
    with Store(data_dir) as store:
        writers = [child("racing", data_dir, prefix, count) for prefix in ("a", "b")]
        for writer in writers:
            assert writer.stdout.readline() == "ready\n", writer.stderr.read()
        for writer in writers:
            writer.stdin.write("go\n")
            writer.stdin.flush()
        ours = [store.apply_one(PutRequest(b"c/%04d" % i, b"c")).revision for i in range(count)]
        acks = [line.split() for writer in writers for line in finish(writer)]
        revisions = [int(revision) for _, revision in acks] + ours
        assert sorted(revisions) == list(range(2, 3 * count + 2))  # every write its own revision, no gap
        stored = everything(store)
        assert all(stored[key.encode()][1] == int(revision) for key, revision in acks)
        events, _ = store.events(2)
        assert [main_of(event.revision_id) for event in events] == list(range(2, 3 * count + 2))
        interleaved = {key[:1] for key, _ in sorted(stored.items(), key=lambda item: item[1][1])[count:2 * count]}
        assert len(interleaved) > 1, "the writers did not overlap; the test proved nothing"


def test_a_process_catches_up_with_another_process_compaction_and_leases(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    with Store(data_dir) as store:
        store.apply_one(PutRequest(b"k", b"v"))
        assert everything(store) == {b"k": (b"v", 2)}
        finish(child("compactor", data_dir))
        # k was deleted (3) and the tombstone compacted away (at 5) before this process saw either
        assert store.poll() == 5
        assert everything(store) == {b"x": (b"1", 5), b"y": (b"1", 4)}
        assert store.compact_revision == 5
        assert store.lease_time_to_live(77, keys=True).keys == [b"y"]
        finish(child("revoker", data_dir))
        store.poll()
        assert store.lease_ids() == [] and everything(store) == {b"x": (b"1", 5)}
        assert store.apply_one(PutRequest(b"k", b"again")).revision == 7


def test_acknowledged_writes_survive_kill_9(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    rng = random.Random()
    acked: list[tuple[int, int, int]] = []  # (first index, batch size, revision of its first put)
    theirs: list[int] = []  # revisions written by the survivor between the kills
    start = 0
    Store(data_dir).close()  # created first, so that the two children do not race to create it
    # a process that has the store open all along, while writers die around it (maybe holding LMDB's lock)
    survivor = child("survivor", data_dir)
    for _ in range(6):
        writer = child("endless", data_dir, start)
        target = len(acked) + rng.randint(1, 150)
        while len(acked) < target:
            line = writer.stdout.readline()
            assert line, writer.stderr.read()
            acked.append(tuple(map(int, line.split())))  # type: ignore[arg-type]
        time.sleep(rng.random() * 0.02)  # land the kill anywhere in the next commits
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate(timeout=10)
        complete = rest.splitlines(keepends=True)
        acked += [tuple(map(int, line.split())) for line in complete if line.endswith("\n")]  # type: ignore[misc]
        assert writer.returncode == -signal.SIGKILL

        with Store(data_dir) as store:
            stored = everything(store)
            for first, size, revision in acked:  # each put of a batch has its own revision, in one commit
                for n in range(size):
                    assert stored[b"w/%08d" % (first + n)] == (VALUE, revision + n)
            last_first, last_size, last_revision = acked[-1]
            done = last_first + last_size
            unacked = len(stored) - done  # the batch being committed when the kill came: all or nothing
            assert unacked in (0, 1 + done % 3)
            for n in range(unacked):
                assert stored[b"w/%08d" % (done + n)] == (VALUE, last_revision + last_size + n)
            assert set(stored) == {b"w/%08d" % i for i in range(len(stored))}
            revisions = sorted([revision for _, revision in stored.values()] + theirs)
            assert revisions == list(range(2, store.revision + 1))  # no gap, nothing else
            start = len(stored)
            following = store.revision + 1
        survivor.stdin.write("write\n")
        survivor.stdin.flush()
        written = [int(revision) for revision in survivor.stdout.readline().split()]
        assert written == [following, following + 1], survivor.stderr.read()
        theirs += written
    survivor.stdin.close()
    assert survivor.wait(timeout=10) == 0
    assert len(acked) >= 6


if __name__ == "__main__":
    ROLES[sys.argv[1]](*sys.argv[2:])
