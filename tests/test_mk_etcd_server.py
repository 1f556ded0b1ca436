"""`mk-etcd` as a process beside the real etcd 3.4 given the same command line, for what
test_mk_etcd_process.py does not cover: --version and --help; etcd's flag types and value checks (the flags
without effect here included); ETCD_* variables with bad values or unknown names; configurations refused
before anything is written; a client port in use; SIGTERM with a watch stream open; kill -9 during writes
(acknowledged writes kept, leases back at their full TTL as etcd's are)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest
from etcd_members import (
    LOOPBACK,
    Member,
    b64,
    free_port,
    member_command,
    member_flags,
    start_member,
    wait_until,
)

KINDS = ["real", "mk"]
# The last frame of an open stream when the member stops (grpc-gateway's stream error, no newline after it).
STOPPING = (b'{"error":{"grpc_code":14,"http_code":503,"message":"transport is closing",'
            b'"http_status":"Service Unavailable"}}')
# etcd's gateway, a client of its own gRPC server, sometimes sees its connection close before the transport
# does, and ends the stream with this frame instead; mk-etcd always sends the first.
CLIENT_CLOSING = (b'{"error":{"grpc_code":1,"http_code":408,"message":"grpc: the client connection is closing",'
                  b'"http_status":"Request Timeout"}}')


def run_both(args: list[str], cwd: Path, env: dict[str, str] | None = None
             ) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """The same command line, which must end by itself, run by the real etcd and by mk-etcd, with no ETCD_*
    variable but `env`'s."""
    clean = {name: value for name, value in os.environ.items() if not name.startswith("ETCD_")}
    real, ours = (subprocess.run([*member_command(kind), *args], cwd=cwd, capture_output=True, text=True,
                                 timeout=30, env={**clean, **(env or {})})
                  for kind in KINDS)
    return real, ours


def assert_nothing_written(directory: Path) -> None:
    assert list(directory.iterdir()) == []


def test_version_is_etcds(tmp_path: Path) -> None:
    real, ours = run_both(["--version"], tmp_path)
    assert (ours.returncode, ours.stderr) == (real.returncode, real.stderr) == (0, "")
    assert ours.stdout.splitlines()[0] == real.stdout.splitlines()[0]
    assert re.fullmatch(r"etcd Version: 3\.4\.\d+", real.stdout.splitlines()[0])


def test_help_shows_usage_on_stderr_and_every_etcd_flag_on_stdout(tmp_path: Path) -> None:
    real, ours = run_both(["--help"], tmp_path)
    assert ours.returncode == real.returncode == 0
    assert ours.stderr.startswith("Usage:\n") and real.stderr.startswith("Usage:\n")
    etcd_flags = set(re.findall(r"^\s+--([a-z0-9-]+)", real.stdout, re.MULTILINE))
    assert len(etcd_flags) > 70
    assert etcd_flags - set(re.findall(r"--([a-z0-9-]+)", ours.stdout)) == set()


# Values etcd's flag types or checks refuse while parsing: exit 2, Go's message, then the usage.
BAD_VALUES = {
    "uint": ["--heartbeat-interval=abc"],
    "negative-uint": ["--snapshot-count", "-1"],
    "duration": ["--grpc-keepalive-timeout=7"],
    "bool": ["--pre-vote=maybe"],
    "choice": ["--initial-cluster-state=bogus"],
    "choice-without-effect": ["--proxy", "sometimes"],
    "url-scheme": [f"--listen-client-urls=ftp://{LOOPBACK}:1"],
    "url-without-port": [f"--advertise-client-urls=http://{LOOPBACK}"],
    "url-with-path": [f"--listen-metrics-urls=http://{LOOPBACK}:1/metrics"],
    "cors": ["--cors=abc"],
    "cors-star-in-a-list": [f"--cors=*,http://{LOOPBACK}:1"],
}


@pytest.mark.parametrize("args", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_value_etcd_cannot_parse_is_refused_with_its_message(args: list[str], tmp_path: Path) -> None:
    real, ours = run_both(args, tmp_path)
    assert (ours.returncode, ours.stdout) == (real.returncode, real.stdout) == (2, "")
    assert ours.stderr.splitlines()[0] == real.stderr.splitlines()[0]
    assert ours.stderr.splitlines()[1] == "Usage:"
    assert_nothing_written(tmp_path)


def test_values_of_etcds_types_are_accepted_by_flags_without_effect(tmp_path: Path) -> None:
    """--version after them: both parse the whole line, then print the version instead of serving."""
    args = ["--experimental-enable-v2v3", "/v3/", "--initial-election-tick-advance", "--snapshot-count", "5",
            "--heartbeat-interval=100", "--grpc-keepalive-timeout=20s", "--backend-batch-limit=-1",
            "--cors", "*", "--discovery-fallback", "exit", "--version"]
    real, ours = run_both(args, tmp_path)
    assert (ours.returncode, ours.stderr) == (real.returncode, real.stderr) == (0, "")
    assert ours.stdout.splitlines()[0] == real.stdout.splitlines()[0]


BAD_VARIABLES = [("ETCD_QUOTA_BACKEND_BYTES", "abc", "parse error"),
                 ("ETCD_INITIAL_CLUSTER_STATE", "bogus", "invalid value"),
                 ("ETCD_LISTEN_CLIENT_URLS", f"ftp://{LOOPBACK}:1",
                  f"URL scheme must be http, https, unix, or unixs: ftp://{LOOPBACK}:1")]


@pytest.mark.parametrize("variable, value, reason", BAD_VARIABLES, ids=[name for name, _, _ in BAD_VARIABLES])
def test_a_bad_etcd_variable_is_refused_after_the_version(variable: str, value: str, reason: str,
                                                          tmp_path: Path) -> None:
    real, ours = run_both([], tmp_path, {variable: value})
    assert ours.returncode == real.returncode == 1
    message = f'error verifying flags, invalid value "{value}" for {variable}: {reason}. See '
    assert message in real.stderr and message in ours.stderr, (real.stderr, ours.stderr)
    assert_nothing_written(tmp_path)
    real, ours = run_both(["--version"], tmp_path, {variable: value})  # printed before the variables are read
    assert ours.returncode == real.returncode == 0


# Configurations both refuse once the flags are parsed: exit code and etcd's wording.
REFUSED = {
    "compaction-mode": (["--auto-compaction-mode=bogus"], 1,
                        'error verifying flags, unknown auto-compaction-mode "bogus". See '),
    "positional": (["extra"], 1, "error verifying flags, 'extra' is not a valid flag. See "),
    "retention": (["--auto-compaction-retention=abc"], 1,
                  'error parsing CompactionRetention: time: invalid duration "abc"'),
    "https-without-cert": (["--listen-client-urls={url}", "--advertise-client-urls={url}"], 1,
                           "TLS key/cert (--cert-file, --key-file) must be provided for client url {url} "
                           "with HTTPS scheme"),
    "log-level": (["--log-level=bogus"], 2, 'unknown level "bogus"'),
}


@pytest.mark.parametrize("args, code, text", REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_configuration_writes_nothing(args: list[str], code: int, text: str, tmp_path: Path
                                                ) -> None:
    url = f"https://{LOOPBACK}:{free_port()}"
    real, ours = run_both([arg.format(url=url) for arg in args], tmp_path)
    assert ours.returncode == real.returncode == code
    expected = text.format(url=url)
    assert expected in real.stderr and expected in ours.stderr, (real.stderr, ours.stderr)
    assert "Traceback" not in ours.stderr
    assert_nothing_written(tmp_path)


@pytest.mark.parametrize("kind", KINDS)
def test_etcd_variables_used_and_unknown_are_logged(kind: str, tmp_path: Path) -> None:
    """And --client-cert-auth on plain HTTP has nothing to check: the member serves."""
    member = start_member(kind, tmp_path, env={"ETCD_SNAPSHOT_COUNT": "5", "ETCD_FROBNICATE": "1"},
                          extra_args=["--client-cert-auth"])
    try:
        assert member.post_json("/v3/kv/put", {"key": b64("k"), "value": b64("v")})[0] == 200
        log = Path(member.log).read_text()
        assert "I | pkg/flags: recognized and used environment variable ETCD_SNAPSHOT_COUNT=5\n" in log
        assert "W | pkg/flags: unrecognized environment variable ETCD_FROBNICATE=1\n" in log
        if kind == "mk":
            assert "flag --snapshot-count has no effect" in log
    finally:
        member.stop()


def test_a_client_port_in_use_is_refused_before_the_data_dir_is_made(tmp_path: Path) -> None:
    with socket.create_server((LOOPBACK, 0)) as taken:
        port = taken.getsockname()[1]
        url = f"http://{LOOPBACK}:{port}"
        for kind in KINDS:
            data_dir = tmp_path / f"{kind}.etcd"
            flags = member_flags("default", str(data_dir), url, f"http://{LOOPBACK}:{free_port()}", None)
            done = subprocess.run([*member_command(kind), *flags], capture_output=True, text=True, timeout=30)
            assert done.returncode == 1
            assert f"listen tcp {LOOPBACK}:{port}: bind: address already in use\n" in done.stderr
            assert not data_dir.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_sigterm_with_a_watch_open_ends_the_member_and_the_stream(kind: str, tmp_path: Path) -> None:
    member = start_member(kind, tmp_path)
    request = urllib.request.Request(member.url + "/v3/watch", method="POST",
                                     data=b'{"create_request":{"key":"%s"}}' % b64("w").encode())
    stream = urllib.request.urlopen(request, timeout=20)
    assert b'"created":true' in stream.readline()
    rest: list[bytes] = []
    reader = threading.Thread(target=lambda: rest.append(stream.read()), daemon=True)
    reader.start()
    member.process.send_signal(signal.SIGTERM)
    assert member.process.wait(timeout=10) == -signal.SIGTERM
    reader.join(timeout=10)
    last_frames = [STOPPING] if kind == "mk" else [STOPPING, CLIENT_CLOSING]
    assert not reader.is_alive() and rest[0] in last_frames, rest  # etcd's last frame, then the end
    stream.close()


def _write_until_stopped(member: Member, worker: int, stop: threading.Event,
                         acknowledged: list[tuple[str, str, str]]) -> None:
    """Puts `w/<worker>/<n>` until `stop` or a lost connection; each acknowledged put recorded as (key b64,
    value b64, revision), an error answer as (key b64, status, answer) and the end."""
    number = 0
    while not stop.is_set():
        key, value = b64(f"w/{worker}/{number:05d}"), b64(f"value {number}")
        try:
            status, answer = member.post_json("/v3/kv/put", {"key": key, "value": value})
        except OSError:
            return
        if status != 200:
            acknowledged.append((key, str(status), str(answer)))
            return
        acknowledged.append((key, value, answer["header"]["revision"]))
        number += 1


@pytest.mark.parametrize("kind", KINDS)
def test_kill_9_keeps_acknowledged_writes_and_leases_restart_at_full_ttl(kind: str, tmp_path: Path) -> None:
    member = start_member(kind, tmp_path)
    lease = member.post_json("/v3/lease/grant", {"TTL": 10})[1]["ID"]
    member.post_json("/v3/kv/put", {"key": b64("leased"), "value": b64("v"), "lease": lease})
    acknowledged: list[tuple[str, str, str]] = []
    stop = threading.Event()
    writers = [threading.Thread(target=_write_until_stopped, args=(member, worker, stop, acknowledged))
               for worker in range(4)]
    for writer in writers:
        writer.start()
    try:
        wait_until(lambda: len(acknowledged) >= 200, timeout=20, message="200 acknowledged puts")

        def time_to_live() -> int:
            return int(member.post_json("/v3/lease/timetolive", {"ID": lease})[1]["TTL"])

        wait_until(lambda: time_to_live() <= 7, timeout=10, message="the lease to count down")
        before = time_to_live()
        member.process.kill()  # while the writers are still writing
        assert member.process.wait(timeout=10) == -signal.SIGKILL
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=10)
    again = start_member(kind, tmp_path, data_dir=member.data_dir)
    try:
        status, found = again.post_json("/v3/kv/range", {"key": b64("w/"), "range_end": b64("w0")})
        assert status == 200
        stored = {kv["key"]: (kv["value"], kv["mod_revision"]) for kv in found["kvs"]}
        assert [write for write in acknowledged if stored.get(write[0]) != write[1:]] == []  # errors too
        ttl = again.post_json("/v3/lease/timetolive", {"ID": lease, "keys": True})[1]
        assert ttl["keys"] == [b64("leased")] and ttl["grantedTTL"] == "10"
        assert before < int(ttl["TTL"]) <= 11  # renewed as etcd renews leases when a member starts
    finally:
        again.stop()
