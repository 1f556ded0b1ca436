"""mketcdctl's key-value commands against a fresh member (the real etcd 3.4 and mk-etcd): the recorded
put/get/del/txn sessions of the real etcdctl replayed command by command with the same outputs and exit
codes, then leases, compaction, output formats, server errors and the ETCDCTL_* variables."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from etcd_members import Member
from test_mketcdctl_v3_support import Replayer, block, ctl, normalise, section

REFERENCE = "etcdctl-v3.md"
WARN_KEYS = ["level", "ts", "caller", "msg", "target", "attempt", "error"]

# Where mketcdctl differs from etcdctl 3.4 on purpose: --count-only is etcdctl 3.5's flag, and protobuf
# output cannot come from the JSON gateway.
_DELIBERATE = {
    "get --count-only: flag does not exist in 3.4 (added in 3.5)":
        {"stdout": "", "stderr": "Error: --count-only is only for `--write-out=fields`\n", "status": 128},
    "get -w protobuf (binary; shown with od -c)":
        {"stdout": "0000000\n", "stderr": "Error: protobuf not supported as output format (mketcdctl speaks "
                                          "etcd's JSON gateway, not gRPC): use -w json\n", "status": 0},
}


def test_the_recorded_put_get_del_txn_session_replays_identically(member: Member, tmp_path: Path) -> None:
    replayer = Replayer(member, tmp_path)
    replayed = 0
    for heading in ("put", "get", "del", "txn"):
        for recorded in section(REFERENCE, heading):
            replayer.check(recorded, **_DELIBERATE.get(recorded.title, {}))
            replayed += 1
    assert replayed > 50


def test_version_and_the_v2_commands(member: Member) -> None:
    recorded = block(REFERENCE, "version (ETCDCTL_API=3)")
    assert (ctl(None, "version").stdout, ctl(None, "version").status) == (recorded.stdout, 0)
    for name in ("ls", "set", "mkdir", "cluster-health", "backup"):
        ran = ctl(member, name, "/x")
        assert ran.status == 1 and ran.stdout == ""
        assert ran.stderr.startswith(f'Error: unknown command "{name}" for "etcdctl"\n')
        assert ran.stderr.endswith(f"'{name}' is an ETCDCTL_API=2 command: run `export ETCDCTL_API=2` to use "
                                   "the v2 command set\n")
    recorded = block(REFERENCE, "ETCDCTL_API=3 with a v2-only command (set)")
    assert ctl(member, "set", "foo", "bar").stderr.startswith(recorded.stderr)


def test_server_errors_come_with_etcds_warning_line(member: Member) -> None:
    ran = ctl(member, "put", "--ignore-value", "nokey")
    warning, error = ran.stderr.splitlines()
    record = json.loads(warning)
    assert list(record) == WARN_KEYS and record["level"] == "warn" and record["attempt"] == 0
    assert record["error"] == "rpc error: code = InvalidArgument desc = etcdserver: key not found"
    assert (error, ran.status, ran.stdout) == ("Error: etcdserver: key not found", 1, "")
    recorded = block(REFERENCE, "get --rev in the future")
    ran = ctl(member, "get", "--rev=100000", "foo")
    assert (normalise(ran.stderr), ran.status) == (normalise(recorded.stderr), 1)


def test_count_only_as_etcdctl_3_5_has_it(member: Member) -> None:
    for key in ("/a/1", "/a/2", "/b"):
        assert ctl(member, "put", key, "v").stdout == "OK\n"
    fields = ctl(member, "get", "--prefix", "--count-only", "-w", "fields", "/a/").stdout.splitlines()
    assert fields[4:] == ['"More" : false', '"Count" : 2'] and fields[0].startswith('"ClusterID" : ')
    refused = ctl(member, "get", "--prefix", "--count-only", "--keys-only", "-w", "fields", "/a/")
    assert (refused.stderr, refused.status) == (
        "Error: `--keys-only` and `--count-only` cannot be set at the same time, choose one\n", 128)


def test_output_formats(member: Member) -> None:
    assert ctl(member, "put", "k", "v").status == 0
    table = ctl(member, "get", "-w", "table", "k")
    assert (table.stdout, table.stderr, table.status) == (
        "", "Error: table not supported as output format\n", 4)
    unknown = ctl(member, "get", "-w", "yaml", "k")
    assert (unknown.stderr, unknown.status) == ("Error: unsupported output format\n", 4)
    assert ctl(member, "get", "--hex", "k").stdout == "\\x6b\n\\x76\n"
    as_json = json.loads(ctl(member, "get", "-w", "json", "k").stdout)
    revision = as_json["kvs"][0]["create_revision"]
    assert as_json["kvs"] == [{"key": "aw==", "create_revision": revision, "mod_revision": revision,
                               "version": 1, "value": "dg=="}]
    assert isinstance(as_json["header"]["revision"], int) and as_json["count"] == 1
    binary = bytes(range(256))
    assert ctl(member, "put", "bin", stdin=binary).stdout == "OK\n"
    value = ctl(member, "get", "--print-value-only", "-w", "json", "bin")
    assert value.status == 128
    assert json.loads(ctl(member, "get", "-w", "json", "bin").stdout)["kvs"][0]["value"] == \
        base64.b64encode(binary).decode()


def test_a_reader_that_goes_away_ends_the_command_quietly(member: Member, tmp_path: Path) -> None:
    """`mketcdctl get --prefix k | head -1`: exit 141 as etcdctl on SIGPIPE, no traceback."""
    big = "x" * 200_000  # five of them are more than a pipe holds
    for index in range(5):
        assert ctl(member, "put", f"k{index}", stdin=big).status == 0
    replayer = Replayer(member, tmp_path)
    piped = replayer.run(f'ETCDCTL_API=3 etcdctl --endpoints={member.url} get --prefix k | head -c 10; '
                         'echo " ${PIPESTATUS[0]}"')
    assert (piped.stdout, piped.stderr) == ("k0\nxxxxxxx 141\n", "")


def test_leases(member: Member) -> None:
    granted = ctl(member, "lease", "grant", "600")
    assert granted.status == 0 and normalise(granted.stdout) == "lease ID granted with TTL(600s)\n"
    lease = granted.stdout.split()[1]
    assert ctl(member, "put", f"--lease={lease}", "leasedkey", "v").stdout == "OK\n"
    checks = {
        "lease timetolive --keys": ("lease", "timetolive", "--keys", lease),
        "lease timetolive -w json --keys": ("lease", "timetolive", "-w", "json", "--keys", lease),
        "lease keep-alive --once": ("lease", "keep-alive", "--once", lease),
        "get -w json shows lease id (decimal)": ("get", "-w", "json", "leasedkey"),
    }
    for title, args in checks.items():
        recorded, ran = block(REFERENCE, title), ctl(member, *args)
        assert (_remaining(ran.stdout), ran.status) == (_remaining(recorded.stdout), 0), title
    listed = json.loads(ctl(member, "lease", "list", "-w", "json").stdout)
    assert listed["leases"] == [{"id": int(lease, 16)}]
    assert ctl(member, "lease", "revoke", lease).stdout == f"lease {lease} revoked\n"
    assert ctl(member, "get", "leasedkey").stdout == ""
    for title, args in {
        "lease timetolive of a revoked lease": ("lease", "timetolive", lease),
        "lease revoke of an unknown lease": ("lease", "revoke", lease),
        "lease keep-alive --once of an unknown lease": ("lease", "keep-alive", "--once", lease),
        "put --lease with an unknown lease": ("put", f"--lease={lease}", "k", "v"),
        "put --lease with a non-hex lease": ("put", "--lease=xyz", "k", "v"),
        "lease grant with a bad TTL": ("lease", "grant", "abc"),
    }.items():
        recorded, ran = block(REFERENCE, title), ctl(member, *args)
        assert (normalise(ran.stdout), normalise(ran.stderr), ran.status) == \
            (normalise(recorded.stdout), normalise(recorded.stderr), recorded.status), title
    stream = ctl(member, "lease", "keep-alive", lease)
    assert (stream.stdout, stream.status) == (f"lease {lease} expired or revoked.\n", 0)


def _remaining(text: str) -> str:
    """Normalised, with a lease's remaining TTL (which ticks) left out."""
    return re.sub(r'remaining\(\d+s\)|"ttl":\d+', "TTL", normalise(text))


def test_compaction(member: Member) -> None:
    for value in ("1", "2", "3"):
        ctl(member, "put", "foo", value)
    revision = json.loads(ctl(member, "get", "-w", "json", "foo").stdout)["header"]["revision"]
    assert ctl(member, "compaction", str(revision - 1)).stdout == f"compacted revision {revision - 1}\n"
    for title, args in {
        "get --rev older than the compacted revision": ("get", "--rev=2", "foo"),
        "compaction of an already compacted revision": ("compaction", "2"),
        "compaction of a future revision": ("compaction", "999999"),
    }.items():
        recorded, ran = block(REFERENCE, title), ctl(member, *args)
        assert (normalise(ran.stderr), ran.status) == (normalise(recorded.stderr), recorded.status), title
    assert ctl(member, "compaction", "--physical", str(revision)).stdout == f"compacted revision {revision}\n"
    ctl(member, "put", "bump", "1")
    ran = ctl(member, "compaction", "-w", "json", str(revision + 1))
    assert (ran.stdout, ran.status) == (f"compacted revision {revision + 1}\n", 0)
    bad = ctl(member, "compaction", "abc")
    assert (bad.stderr, bad.status) == ('Error: strconv.ParseInt: parsing "abc": invalid syntax\n', 1)
    assert ctl(member, "compaction").stderr == "Error: compaction command needs 1 argument\n"


def test_environment_variables(member: Member) -> None:
    ctl(member, "put", "foo", "bar")
    bare = ctl(None, "get", "foo", env={"ETCDCTL_ENDPOINTS": member.url})
    assert bare.stdout == "foo\nbar\n"
    as_json = ctl(member, "get", "foo", env={"ETCDCTL_WRITE_OUT": "json"})
    assert json.loads(as_json.stdout)["count"] == 1
    unknown = ctl(member, "get", "foo", env={"ETCDCTL_FOO": "bar"})
    assert unknown.stdout == "foo\nbar\n"
    assert unknown.stderr.endswith(" W | pkg/flags: unrecognized environment variable ETCDCTL_FOO=bar\n")
    conflict = ctl(member, "get", "foo", env={"ETCDCTL_ENDPOINTS": member.url})
    assert (conflict.stdout, conflict.status) == ("", 1)
    assert conflict.stderr.endswith(' C | pkg/flags: conflicting environment variable "ETCDCTL_ENDPOINTS" is '
                                    "shadowed by corresponding command-line flag (either unset environment "
                                    "variable or disable flag)\n")
    assert ctl(member, "get", "foo", env={"ETCDCTL_DIAL_TIMEOUT": "abc"}).stdout == "foo\nbar\n"
