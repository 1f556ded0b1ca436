"""`mketcdctl snapshot save|status|restore`: saving a member's backend (the real etcd 3.4's and
mk-etcd's) with etcdctl's output and errors; checking and restoring a minikube-py snapshot offline into a
new data dir with a new identity, which a member then serves; refusing corrupted and foreign files and
an existing data dir, leaving nothing behind."""

from __future__ import annotations

import json
import math
import os
import pty
import select
import subprocess
from pathlib import Path

import pytest
from etcd_members import Member, etcdctl_env, start_member, tool_command
from test_mketcdctl_v3_support import block, ctl

from minikube_py.etcd.membership import RECORD, Membership
from minikube_py.store import PutRequest, RangeRequest, Store
from minikube_py.store.snapshot import status, write_snapshot

REFERENCE = "etcdctl-v3.md"
SAVE_MESSAGES = ["created temporary db file", "opened snapshot stream; downloading", "fetching snapshot",
                 "completed snapshot read; closing", "fetched snapshot", "saved"]


def _human(size: int) -> str:
    """go-humanize's rendering of the sizes these tests meet (1 kB to 1 MB): rounded to a tenth, printed
    with that tenth below 10 kB and without it above (so 1414 shows as "1.4 kB", 20480 as "20 kB")."""
    assert 1_000 <= size < 1_000_000
    kilobytes = math.floor(size / 100 + 0.5) / 10
    return f"{kilobytes:.1f} kB" if kilobytes < 10 else f"{kilobytes:.0f} kB"


def _keys(data_dir: Path) -> dict[bytes, bytes]:
    with Store(str(data_dir)) as store:
        return {kv.key: kv.value for kv in store.range(RangeRequest(b"\0", b"\0")).kvs}


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    """A minikube-py snapshot of a store holding three keys and a big value, made offline."""
    with Store(str(tmp_path / "source")) as store:
        for key in (b"/registry/pods/default/a", b"/registry/pods/default/b", b"foo"):
            store.apply_one(PutRequest(key, b"value of " + key))
        store.apply_one(PutRequest(b"big", b"x" * 20_000))
        with open(tmp_path / "snap.db", "wb") as out:
            write_snapshot(store.backend, out)
    return tmp_path / "snap.db"


def test_save(member: Member, tmp_path: Path) -> None:
    for key in ("a", "b", "c"):
        ctl(member, "put", key, key * 100)
    work = tmp_path / "work"
    work.mkdir()
    saved = ctl(member, "snapshot", "save", "snap.db", cwd=work)
    assert (saved.stdout, saved.status) == ("Snapshot saved at snap.db\n", 0)
    logs = [json.loads(line) for line in saved.stderr.splitlines()]
    assert [log["msg"] for log in logs] == SAVE_MESSAGES and {log["level"] for log in logs} == {"info"}
    fetched = logs[4]
    assert (fetched["endpoint"], fetched["size"].endswith(" kB")) == (member.url, True)
    assert logs[0]["path"] == "snap.db.part" and logs[5]["path"] == "snap.db"
    path = work / "snap.db"
    assert path.stat().st_mode & 0o777 == 0o600 and path.stat().st_size > 0
    assert os.listdir(work) == ["snap.db"]
    checked = ctl(None, "snapshot", "status", "snap.db", cwd=work)
    if member.kind == "real":  # a bbolt file: mketcdctl says plainly it is not one of ours
        assert (checked.stderr, checked.status) == (
            "Error: invalid database: snap.db is a snapshot of a real etcd (bbolt format), not of a "
            "minikube-py member; restore it with the real etcdctl/etcdutl\n", 1)
    else:
        found = status(str(path))
        assert (checked.stdout, checked.status) == (
            f"{found.hash:x}, {found.revision}, {found.total_keys}, {_human(found.total_size)}\n", 0)


def test_save_errors(member: Member, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    two = ctl(None, f"--endpoints={member.url},{member.url}", *member.tls_flags_v3(), "snapshot", "save",
              "two.db", cwd=work)
    assert (two.stderr, two.status) == (
        f"Error: snapshot must be requested to one selected node, not multiple [{member.url} {member.url}]\n",
        5)
    recorded = block(REFERENCE, "snapshot save into a missing directory")
    missing = ctl(member, "snapshot", "save", "nodir/snap.db", cwd=work)
    assert (missing.stderr, missing.status) == (recorded.stderr, 5)
    (work / "adir").mkdir()
    onto_dir = ctl(member, "snapshot", "save", "adir", cwd=work)
    assert onto_dir.status == 5 and onto_dir.stdout == ""
    assert onto_dir.stderr.endswith(
        "Error: could not rename adir.part to adir (rename adir.part adir: file exists)\n")
    assert os.listdir(work) == ["adir"]


def test_status_of_a_minikube_py_snapshot(snapshot: Path) -> None:
    found = status(str(snapshot))
    size = _human(found.total_size)
    simple = ctl(None, "snapshot", "status", str(snapshot))
    assert (simple.stdout, simple.status) == (
        f"{found.hash:x}, {found.revision}, {found.total_keys}, {size}\n", 0)
    as_json = json.loads(ctl(None, "snapshot", "status", str(snapshot), "-w", "json").stdout)
    assert as_json == {"hash": found.hash, "revision": found.revision, "totalKey": found.total_keys,
                       "totalSize": found.total_size}
    table = ctl(None, "snapshot", "status", str(snapshot), "-w", "table").stdout.splitlines()
    assert table[1] == block(REFERENCE, "snapshot status FILE -w table").stdout.splitlines()[1]
    assert table[3].split() == ["|", f"{found.hash:x}", "|", str(found.revision), "|", str(found.total_keys),
                                "|", *size.split(), "|"]
    fields = ctl(None, "snapshot", "status", str(snapshot), "-w", "fields").stdout
    assert fields == f'"Hash" : {found.hash}\n"Revision" : {found.revision}\n"Keys" : {found.total_keys}\n' \
                     f'"Size" : {found.total_size}\n'


def test_restore_makes_a_new_identity_and_refuses_an_existing_data_dir(snapshot: Path,
                                                                        tmp_path: Path) -> None:
    restored = ctl(None, "snapshot", "restore", "snap.db", "--data-dir", "restored.etcd", "--name", "m1",
                   "--initial-cluster", "m1=http://127.0.0.1:2380", "--initial-advertise-peer-urls",
                   "http://127.0.0.1:2380", "--initial-cluster-token", "tok", cwd=tmp_path)
    assert (restored.stdout, restored.status) == ("", 0)
    logs = [json.loads(line) for line in restored.stderr.splitlines()]
    assert [log["msg"] for log in logs] == ["restoring snapshot", "added member", "restored snapshot"]
    expected = Membership.bootstrap("m1", "m1=http://127.0.0.1:2380", ["http://127.0.0.1:2380"], "tok")
    assert logs[1]["cluster-id"] == f"{expected.cluster_id:x}"
    assert _keys(tmp_path / "restored.etcd") == {
        b"/registry/pods/default/a": b"value of /registry/pods/default/a",
        b"/registry/pods/default/b": b"value of /registry/pods/default/b", b"foo": b"value of foo",
        b"big": b"x" * 20_000}
    with Store(str(tmp_path / "restored.etcd")) as store:
        assert Membership.decode(store.get_cluster(RECORD)) == expected
    recorded = block(REFERENCE, "snapshot restore into an existing DIR (fails)")
    again = ctl(None, "snapshot", "restore", "snap.db", "--data-dir", "restored.etcd", cwd=tmp_path)
    assert (again.stdout, again.stderr, again.status) == ("", recorded.stderr, 1)
    default = ctl(None, "snapshot", "restore", "snap.db", cwd=tmp_path)
    assert default.status == 0 and (tmp_path / "default.etcd").is_dir()
    bad = ctl(None, "snapshot", "restore", "snap.db", "--data-dir", "x.etcd", "--initial-cluster",
              "other=http://127.0.0.1:2380", cwd=tmp_path)
    assert (bad.stderr, bad.status) == (
        "Error: couldn't find local name 'default' in the initial cluster configuration\n", 1)
    assert not (tmp_path / "x.etcd").exists()


def test_corrupted_foreign_and_missing_files_are_refused(snapshot: Path, tmp_path: Path) -> None:
    corrupted = tmp_path / "corrupted.db"
    data = bytearray(snapshot.read_bytes())
    data[len(data) // 2] ^= 0xFF
    corrupted.write_bytes(bytes(data))
    refused = ctl(None, "snapshot", "restore", "corrupted.db", "--data-dir", "c.etcd", cwd=tmp_path)
    assert refused.status == 1 and refused.stderr.splitlines()[-1].startswith(
        "Error: snapshot file integrity check failed: expected sha256 ")
    assert not (tmp_path / "c.etcd").exists() and not (tmp_path / "c.etcd.restoring").exists()
    checked = ctl(None, "snapshot", "status", "corrupted.db", cwd=tmp_path)
    assert checked.status == 1 and checked.stderr.startswith("Error: snapshot file integrity check failed")
    (tmp_path / "notadb.db").write_text("hello\n")
    for command in ("status", "restore"):
        foreign = ctl(None, "snapshot", command, "notadb.db", cwd=tmp_path)
        assert (foreign.stderr.splitlines()[-1], foreign.status) == (
            "Error: invalid database: notadb.db is not a minikube-py snapshot", 1)
    recorded = block(REFERENCE, "snapshot status of a missing file")
    missing = ctl(None, "snapshot", "status", "nosuch.db", cwd=tmp_path)
    assert (missing.stderr, missing.status) == (recorded.stderr, recorded.status)
    assert sorted(os.listdir(tmp_path)) == ["corrupted.db", "notadb.db", "snap.db", "source"]


def test_a_member_serves_what_was_restored(mk_member: Member, tmp_path: Path) -> None:
    """save from mk-etcd, restore offline, start mk-etcd on the restored data dir, read the keys back (a real
    etcd's snapshot is a bbolt file: restoring that is the real etcdctl's job)."""
    for key in ("/registry/pods/default/a", "/registry/pods/default/b"):
        ctl(mk_member, "put", key, key.upper())
    assert ctl(mk_member, "snapshot", "save", "snap.db", cwd=tmp_path).status == 0
    restored = ctl(None, "snapshot", "restore", "snap.db", "--data-dir", "restored.etcd", cwd=tmp_path)
    assert restored.status == 0, restored.stderr
    (tmp_path / "second").mkdir()
    second = start_member("mk", tmp_path / "second", data_dir=str(tmp_path / "restored.etcd"))
    try:
        got = ctl(second, "get", "--prefix", "/registry/")
        assert got.stdout == "/registry/pods/default/a\n/REGISTRY/PODS/DEFAULT/A\n" \
                             "/registry/pods/default/b\n/REGISTRY/PODS/DEFAULT/B\n"
    finally:
        second.stop()


def test_save_shows_a_progress_bar_on_a_terminal(mk_member: Member, tmp_path: Path) -> None:
    """stderr on a terminal: rich draws a progress bar there (and clears it); the file is the same."""
    ctl(mk_member, "put", "big", stdin="x" * 500_000)
    main, terminal = pty.openpty()
    done = subprocess.run([*tool_command("mketcdctl"), "--endpoints", mk_member.url, "snapshot", "save",
                           "snap.db"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=terminal,
                          env=etcdctl_env("3") | {"TERM": "xterm", "COLUMNS": "100"}, timeout=30)
    os.close(terminal)
    drawn = b""
    while select.select([main], [], [], 0.5)[0]:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal's other side is closed: all is read
            break
        if not chunk:
            break
        drawn += chunk
    os.close(main)
    assert (done.stdout, done.returncode) == (b"Snapshot saved at snap.db\n", 0)
    assert "snapshot" in drawn.decode() and "━" in drawn.decode(), drawn
    assert status(str(tmp_path / "snap.db")).total_size == (tmp_path / "snap.db").stat().st_size
