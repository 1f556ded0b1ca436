"""`mk-etcd` as a process, side by side with the real etcd 3.4 where both can run the same command line:
bad flags, ETCD_* variables, stopping on SIGTERM and starting again on the same data dir, the storage quota
and the way back from its NOSPACE alarm, periodic auto-compaction, --listen-metrics-urls, --enable-v2=false;
and what only mk-etcd refuses: a multi-member cluster and a real etcd's data dir."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from etcd_members import (
    LOOPBACK,
    Member,
    b64,
    free_port,
    real_etcd_binary,
    run_ctl,
    start_member,
    start_process,
    tool_command,
    wait_until,
)

KINDS = ["real", "mk"]


def binary(kind: str) -> list[str]:
    return [real_etcd_binary("etcd")] if kind == "real" else tool_command("mk-etcd")


def run_member(kind: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """A member command line that must end by itself (a refused configuration)."""
    return subprocess.run([*binary(kind), *args], cwd=cwd, capture_output=True, text=True, timeout=30)


def get(member: Member, key: str, revision: int = 0) -> tuple[int, dict]:
    return member.post_json("/v3/kv/range", {"key": b64(key), "revision": revision})


@pytest.mark.parametrize("args", [["--frobnicate"], ["--quota-backend-bytes=abc"], ["--enable-v2=maybe"]],
                         ids=["unknown", "bad-int", "bad-bool"])
def test_a_bad_flag_is_refused_as_etcd_refuses_it(args: list[str], tmp_path: Path) -> None:
    real, ours = (run_member(kind, args, tmp_path) for kind in KINDS)
    assert (ours.returncode, ours.stdout) == (real.returncode, "") == (2, real.stdout)
    assert ours.stderr.splitlines()[:2] == real.stderr.splitlines()[:2]
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_multi_member_cluster_is_refused_pointing_to_a_real_etcd(tmp_path: Path) -> None:
    peers = {name: f"http://{LOOPBACK}:{free_port()}" for name in ("a", "b")}
    done = run_member("mk", ["--name", "a", "--data-dir", str(tmp_path / "a.etcd"),
                             "--initial-advertise-peer-urls", peers["a"], "--listen-peer-urls", peers["a"],
                             "--initial-cluster", ",".join(f"{n}={u}" for n, u in peers.items())], tmp_path)
    assert done.returncode == 1
    assert "--initial-cluster names 2 members (a, b)" in done.stderr
    assert "run a real etcd cluster" in done.stderr and "--etcd-servers" in done.stderr
    assert not (tmp_path / "a.etcd").exists()


def test_a_real_etcd_data_dir_is_refused_and_left_alone(tmp_path: Path) -> None:
    real = start_member("real", tmp_path)
    assert real.post_json("/v3/kv/put", {"key": b64("k"), "value": b64("v")})[0] == 200
    real.stop()
    before = sorted((path.relative_to(real.data_dir), path.stat().st_size)
                    for path in Path(real.data_dir).rglob("*") if path.is_file())
    done = run_member("mk", ["--data-dir", real.data_dir, "--listen-client-urls", f"http://{LOOPBACK}:{free_port()}",
                             "--advertise-client-urls", f"http://{LOOPBACK}:{free_port()}"], tmp_path)
    assert done.returncode == 1 and "etcd" in done.stderr and real.data_dir in done.stderr, done.stderr
    after = sorted((path.relative_to(real.data_dir), path.stat().st_size)
                   for path in Path(real.data_dir).rglob("*") if path.is_file())
    assert after == before


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_member_and_a_restart_keeps_everything(kind: str, stop_signal: int,
                                                                   tmp_path: Path) -> None:
    member = start_member(kind, tmp_path)
    lease = member.post_json("/v3/lease/grant", {"TTL": 600})[1]["ID"]
    member.post_json("/v3/kv/put", {"key": b64("kept"), "value": b64("1"), "lease": lease})
    revision = member.post_json("/v3/kv/put", {"key": b64("kept"), "value": b64("2"), "lease": lease}
                    )[1]["header"]["revision"]
    member.process.send_signal(stop_signal)
    assert member.process.wait(timeout=15) == -stop_signal  # etcd stops cleanly, then ends by the signal
    again = start_member(kind, tmp_path, data_dir=member.data_dir)
    try:
        status, found = get(again, "kept")
        assert status == 200 and found["header"]["revision"] == revision
        assert [(kv["value"], kv["version"], kv["lease"]) for kv in found["kvs"]] == [(b64("2"), "2", lease)]
        assert get(again, "kept", int(revision) - 1)[1]["kvs"][0]["value"] == b64("1")
        ttl = again.post_json("/v3/lease/timetolive", {"ID": lease, "keys": True})[1]
        assert 0 < int(ttl["TTL"]) <= 600 and ttl["keys"] == [b64("kept")]
    finally:
        again.stop()


@pytest.mark.parametrize("kind", KINDS)
def test_etcd_variables_configure_the_member(kind: str, tmp_path: Path) -> None:
    url, peer_url = (f"http://{LOOPBACK}:{free_port()}" for _ in range(2))
    data_dir = tmp_path / "from-env.etcd"
    env = {"ETCD_NAME": "from-env", "ETCD_DATA_DIR": str(data_dir), "ETCD_LISTEN_CLIENT_URLS": url,
           "ETCD_ADVERTISE_CLIENT_URLS": url, "ETCD_LISTEN_PEER_URLS": peer_url,
           "ETCD_INITIAL_ADVERTISE_PEER_URLS": peer_url, "ETCD_INITIAL_CLUSTER": f"from-env={peer_url}"}
    member = start_process(kind, binary(kind), url, str(data_dir), str(tmp_path / f"{kind}.log"), env)
    try:
        listed = run_ctl(["--endpoints", member.url, "member", "list"])
        assert listed.stdout.decode().split(", ")[2:5] == ["from-env", peer_url, url]
        assert (data_dir / "member").is_dir()
        assert sorted(tmp_path.iterdir()) == [data_dir, tmp_path / f"{kind}.log"]
    finally:
        member.stop()


def test_a_flag_and_its_variable_together_are_refused_as_etcd_refuses_them(tmp_path: Path) -> None:
    env = {"ETCD_NAME": "from-env"}
    real, ours = (subprocess.run([*binary(kind), "--name", "from-flag"], cwd=tmp_path, capture_output=True,
                                 text=True, timeout=30, env={**os.environ, **env})
                  for kind in KINDS)
    assert ours.returncode == real.returncode == 1
    shadowed = "conflicting environment variable \"ETCD_NAME\" is shadowed by corresponding command-line flag"
    assert shadowed in real.stderr and shadowed in ours.stderr


def _fill(member: Member) -> tuple[int, dict]:
    """Puts of 1 MB values until the quota refuses one; the answer of the refused put."""
    value = b64("x" * 1_000_000)
    for number in range(64):
        status, answer = member.post_json("/v3/kv/put", {"key": b64(f"fill/{number:02d}"), "value": value})
        if status != 200:
            return status, answer
    raise AssertionError("the quota never refused a put")


@pytest.mark.parametrize("kind", KINDS)
def test_the_quota_raises_nospace_and_compact_defrag_disarm_recover(kind: str, tmp_path: Path) -> None:
    member = start_member(kind, tmp_path, extra_args=["--quota-backend-bytes", str(6 * 1024 * 1024)])
    try:
        space_exceeded = "etcdserver: mvcc: database space exceeded"
        assert _fill(member) == (429, {"error": space_exceeded, "message": space_exceeded, "code": 8})
        assert member.http("GET", "/health") == (503, b'{"health":"false"}\n')
        alarm = run_ctl(["--endpoints", member.url, "alarm", "list"])
        assert re.fullmatch(r"memberID:\d+ alarm:NOSPACE \n", alarm.stdout.decode()) and alarm.returncode == 0
        # reads and deletes still work; writes do not, until the alarm is disarmed
        assert get(member, "fill/00")[0] == 200
        deleted = member.post_json("/v3/kv/deleterange", {"key": b64("fill/"), "range_end": b64("fill0")})[1]
        assert int(deleted["deleted"]) > 0
        assert member.post_json("/v3/kv/put", {"key": b64("small"), "value": b64("v")})[0] == 429
        revision = deleted["header"]["revision"]
        for args in (["compaction", "--physical", revision], ["defrag"], ["alarm", "disarm"]):
            done = run_ctl(["--endpoints", member.url, *args])
            assert done.returncode == 0, (args, done.stderr)
        assert run_ctl(["--endpoints", member.url, "alarm", "list"]).stdout == b""
        assert member.post_json("/v3/kv/put", {"key": b64("small"), "value": b64("v")})[0] == 200
        assert member.http("GET", "/health") == (200, b'{"health":"true"}')
    finally:
        member.stop()


@pytest.mark.parametrize("kind", KINDS)
def test_periodic_auto_compaction_compacts_old_revisions(kind: str, tmp_path: Path) -> None:
    member = start_member(kind, tmp_path, extra_args=["--auto-compaction-mode", "periodic",
                                                      "--auto-compaction-retention", "1s"])
    try:
        first = member.post_json("/v3/kv/put", {"key": b64("k"), "value": b64("1")})[1]["header"]["revision"]

        def compacted() -> bool:
            member.post_json("/v3/kv/put", {"key": b64("k"), "value": b64("more")})
            return get(member, "k", int(first))[0] != 200

        wait_until(compacted, timeout=20, interval=0.2, message=f"revision {first} to be compacted")
        status, answer = get(member, "k", int(first))
        assert (status, answer["message"]) == (400, "etcdserver: mvcc: required revision has been compacted")
    finally:
        member.stop()


@pytest.mark.parametrize("kind", KINDS)
def test_metrics_and_health_on_their_own_port(kind: str, tmp_path: Path) -> None:
    metrics_url = f"http://{LOOPBACK}:{free_port()}"
    member = start_member(kind, tmp_path, extra_args=["--listen-metrics-urls", metrics_url])
    try:
        on_metrics_port = Member(kind, metrics_url, member.data_dir, member.process, member.log)
        status, body = on_metrics_port.http("GET", "/metrics")
        assert status == 200 and b"\netcd_server_has_leader 1\n" in body
        assert on_metrics_port.http("GET", "/health") == (200, b'{"health":"true"}')
        assert on_metrics_port.http("POST", "/v3/kv/range", b'{"key":"aw=="}')[0] == 404
    finally:
        member.stop()


def test_v2_disabled_answers_as_etcd(tmp_path: Path) -> None:
    answers = []
    for kind in KINDS:
        member = start_member(kind, tmp_path, extra_args=["--enable-v2=false"])
        try:
            answers.append((member.http("GET", "/v2/keys/k"), member.http("PUT", "/v2/keys/k", b"value=v")))
        finally:
            member.stop()
    assert answers[1] == answers[0]
    assert answers[0][0][0] == 404
