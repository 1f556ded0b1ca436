"""One scripted `mketcdctl` session per command set (v2 and v3) and transport (plain HTTP, and HTTPS with
client-certificate auth), run command by command against a fresh real etcd 3.4 and a fresh `mk-etcd`: the
two transcripts must be the same once ids, revisions, timestamps and endpoints are masked. This is the
compatibility proof in one place: whatever mketcdctl prints against ours, it prints against etcd."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from conftest import etcd_client_tls, etcd_server_tls
from etcd_members import Member, run_ctl, start_member
from test_mketcdctl_v2 import normalise as normalise_v2
from test_mketcdctl_v3_support import normalise as normalise_v3

# Each step: a command line (after the global flags), and what it reads on stdin.
V3_SESSION: list[tuple[str, str]] = [
    ("put /s/a 1", ""), ("put /s/b 2", ""), ("put /s/a 3 --prev-kv", ""), ("put /s/c", "from stdin"),
    ("get /s/a", ""), ("get /s --prefix", ""), ("get /s --prefix -w json", ""), ("get /s/a -w fields", ""),
    ("get /s --prefix --keys-only", ""), ("get /s --prefix --print-value-only", ""),
    ("get /s --prefix --sort-by=MODIFY --order=DESCEND --limit 2", ""), ("get /s/a --rev 2", ""),
    ("get /s/a /s/c", ""), ("get --from-key /s/b", ""), ("get /s/a --consistency=s -w table", ""),
    ("del /s/b --prev-kv", ""), ("del /nothing", ""),
    ("txn", 'value("/s/a") = "3"\n\nput /s/t yes\n\nput /s/t no\n\n'),
    ("txn -w json", 'mod("/s/a") > "100"\n\nput /s/t yes\n\ndel /s/t\n\n'),
    ("lease grant 600", ""), ("lease list", ""), ("lease revoke 12345", ""),
    ("compaction 3", ""), ("get /s/a --rev 2", ""), ("get /s/a --rev 1000", ""),
    ("endpoint health", ""), ("alarm list", ""), ("version", ""),
    ("get", ""), ("put /s/x", ""), ("get /s --sort-by=SIZE", ""), ("frobnicate", ""), ("get --bogus /s", ""),
]

V2_SESSION: list[tuple[str, str]] = [
    ("set /d/a 1", ""), ("set /d/b 2 --ttl 600", ""), ("mk /d/a again", ""), ("mk /d/c 3", ""),
    ("mkdir /e", ""), ("mkdir /e", ""), ("setdir /f", ""), ("get /d/a", ""), ("get /d", ""),
    ("get /missing", ""), ("ls --sort", ""), ("ls --sort -r -p", ""), ("ls /d --sort", ""),
    ("-o json get /d/a", ""), ("-o extended get /d/c", ""),
    ("update /d/a 10", ""), ("update /d/zz 1", ""), ("set /d/a 11 --swap-with-value 10", ""),
    ("set /d/a 12 --swap-with-value wrong", ""), ("rm /d/a --with-value 1", ""), ("rm /d/a", ""),
    ("rm /e", ""), ("rmdir /e", ""), ("rm -r /d", ""), ("ls --sort", ""),
    ("updatedir /f --ttl 600", ""), ("rm --dir /f", ""), ("member list", ""), ("cluster-health", ""),
    ("get", ""), ("frobnicate", ""), ("snapshot save x.db", ""),
]


def _pair(workdir: Path, tls: bool, pki: Path) -> list[Member]:
    server = etcd_server_tls(pki) if tls else None
    client = etcd_client_tls(pki) if tls else None
    return [start_member(kind, workdir, server_tls=server, client_tls=client) for kind in ("real", "mk")]


def _transcript(member: Member, api: str, session: list[tuple[str, str]], workdir: Path) -> list[str]:
    """The session's normalised stdout, stderr and exit status, command by command."""
    tls = member.tls_flags_v3() if api == "3" else member.tls_flags_v2()
    normalise = normalise_v3 if api == "3" else (lambda text: normalise_v2(text, member))
    lines = []
    for command, stdin in session:
        done = run_ctl(["--endpoints", member.url, *tls, *shlex.split(command)], api=api, stdin=stdin,
                       cwd=workdir)
        out, err = done.stdout.decode(), done.stderr.decode()
        if api == "3":
            out, err = normalise(out, member.url), normalise(err, member.url)
        else:
            out, err = normalise(out), normalise(err)
        lines.append(f"$ {command}\n{out}--- stderr\n{err}--- exit {done.returncode}\n")
    return lines


@pytest.mark.parametrize("api", ["3", "2"])
@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_a_session_prints_the_same_against_etcd_and_mk_etcd(api: str, tls: bool, tmp_path: Path,
                                                           cluster_pki: Path) -> None:
    members = _pair(tmp_path, tls, cluster_pki)
    try:
        session = V3_SESSION if api == "3" else V2_SESSION
        real, ours = (_transcript(member, api, session, tmp_path) for member in members)
    finally:
        for member in members:
            member.stop()
    assert all("--- exit 0" in step for step in real[:2]), "".join(real)  # the session does work
    for expected, got in zip(real, ours):
        assert got == expected
