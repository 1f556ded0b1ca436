"""mketcdctl's v2 command line without a server: urfave/cli's help texts, "Incorrect Usage", "No help
topic" and --version, compared with the real etcdctl 3.4 run with the same arguments and with the
reference transcript; what mketcdctl adds (the hint after a v3 command, the unset-ETCDCTL_API warning) and
what it leaves out (backup, users, roles, auth, membership changes)."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest
from etcd_members import etcdctl_env, run_ctl
from test_mketcdctl_v2 import block, mketcdctl, v3_hint

COMMANDS = ["backup", "cluster-health", "mk", "mkdir", "rm", "rmdir", "get", "ls", "set", "setdir", "update",
            "updatedir", "watch", "exec-watch", "member", "user", "role", "auth", "member list", "member add",
            "member remove", "member update", "user add", "user get", "user list", "user remove",
            "user grant", "user revoke", "user passwd", "role add", "role get", "role list", "role remove",
            "role grant", "role revoke", "auth enable", "auth disable"]

# Command lines whose whole output is urfave/cli's (no request is sent): help in every form, flag errors,
# unknown commands and topics.
OFFLINE = [[], ["--help"], ["-h", "get"], ["help"], ["h"], ["help", "help"], ["help", "get"], ["h", "set"],
           ["help", "member"], ["help", "nosuch"], ["help", "--x"], ["help", "-h"], ["--version"], ["-v"],
           ["--version", "get"], ["--nosuch", "get"], ["--output"], ["-o"], ["--cacert", "x", "get", "/k"],
           ["frobnicate"], ["get", "-x"], ["get", "/k", "--help"], ["get", "-o", "json", "/k"],
           ["set", "--ttl", "abc", "/k", "v"], ["set", "--ttl", "--", "5"], ["rm", "--with-index"],
           ["member"], ["member", "-h"], ["member", "help"], ["member", "h", "list"],
           ["member", "help", "nosuch"],
           ["member", "nosuch"], ["member", "-x"], ["member", "list", "-x"], ["member", "list", "extra"],
           ["user"], ["role"], ["auth"],
           *([*command.split(), "--help"] for command in COMMANDS)]


def test_offline_output_is_etcdctls() -> None:
    mismatches = []
    for args in OFFLINE:
        ours = run_ctl(args, api="2")
        theirs = run_ctl(args, api="2", binary="etcdctl")
        if (ours.stdout, ours.stderr, ours.returncode) != (theirs.stdout, theirs.stderr, theirs.returncode):
            mismatches.append(f"{args}:\n ours   {ours.stdout!r} {ours.stderr!r} {ours.returncode}\n"
                              f" theirs {theirs.stdout!r} {theirs.stderr!r} {theirs.returncode}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("title", ["--help", "--version", "etcdctl get --help", "etcdctl set --help",
                                   "etcdctl rmdir --help", "etcdctl cluster-health --help",
                                   "etcdctl member --help", "unknown command flag"])
def test_matches_the_reference_transcript(title: str) -> None:
    expected = block(title)
    args = expected.command.split("etcdctl ", 1)[1].replace("--endpoints=http://127.0.0.1:23790 ", "").split()
    done = run_ctl(args, api="2")
    assert (done.stdout.decode(), done.stderr.decode(), done.returncode) == (
        expected.stdout, expected.stderr, expected.status)


@pytest.mark.parametrize("args", [["snapshot", "save", "snap.db"], ["put", "/k", "v"], ["del", "/k"],
                                  ["endpoint", "health"], ["version"], ["help", "snapshot"]])
def test_v3_commands_say_where_they_are(args: list[str]) -> None:
    name = args[-1] if args[0] == "help" else args[0]
    done = run_ctl(args, api="2")
    assert (done.stdout, done.stderr.decode(), done.returncode) == (
        b"", f"No help topic for '{name}'\n{v3_hint(name)}", 3)


def test_unknown_commands_get_no_hint() -> None:
    done = run_ctl(["frobnicate"], api="2")
    assert (done.stderr, done.returncode) == (b"No help topic for 'frobnicate'\n", 3)


def test_unset_api_means_v2_with_etcdctl_3_3s_warning() -> None:
    done = run_ctl(["--version"], api=None)
    assert (done.stdout, done.returncode) == (b"etcdctl version: 3.4.23\nAPI version: 2\n", 0)
    unset = run_ctl(["--help"], api=None).stdout.decode()
    set_ = run_ctl(["--help"], api="2").stdout.decode()
    warning = ("\n\nWARNING:\n   Environment variable ETCDCTL_API is not set; defaults to etcdctl v2.\n"
               "   Set environment variable ETCDCTL_API=3 to use v3 API or ETCDCTL_API=2 to use v2 API.")
    assert unset == set_.replace("for etcd.\n", f"for etcd.{warning}\n", 1)
    assert "WARNING" not in set_


def test_backup_is_out_of_scope() -> None:
    done = run_ctl(["backup", "--data-dir", "d", "--backup-dir", "b"], api="2")
    assert done.returncode == 1
    assert done.stdout == b""
    assert b"'backup' command" in done.stderr and b"not supported" in done.stderr
    assert b"snapshot save" in done.stderr


@pytest.mark.parametrize("args", [["user", "add", "root"], ["role", "list"], ["auth", "enable"],
                                  ["member", "add", "m2", "http://127.0.0.1:2380"]])
def test_unsupported_commands_say_so(args: list[str]) -> None:
    done = run_ctl(args, api="2")
    name = " ".join(args[:2])
    assert (done.stdout, done.stderr.decode(), done.returncode) == (
        b"", f"mketcdctl: '{name}' is not supported with ETCDCTL_API=2\n", 1)



def test_default_endpoints_when_nothing_listens_there() -> None:
    for port in (2379, 4001):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                pytest.skip(f"something listens on 127.0.0.1:{port}")
    done = run_ctl(["get", "/foo"], api="2")
    causes = [f"dial tcp 127.0.0.1:{port}: connect: connection refused" for port in (2379, 4001)]
    assert (done.stdout, done.returncode) == (b"", 2)
    assert done.stderr.decode() == (
        "Error:  client: etcd cluster is unavailable or misconfigured"
        + "".join(f"; error #{number}: {cause}\n" for number, cause in enumerate(causes)) + "\n"
        + "".join(f"error #{number}: {cause}\n" for number, cause in enumerate(causes)) + "\n")


def test_a_reader_that_goes_away_is_not_an_error(tmp_path: Path) -> None:
    # `| true` exits without reading: mketcdctl's write fails with EPIPE and it must end quietly.
    command = f"{mketcdctl()} --help 2>{tmp_path / 'stderr'} | true; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", command], env=etcdctl_env("2"), check=False, timeout=30)
    assert (tmp_path / "stderr").read_text() == ""
    assert done.returncode in (0, 141)
