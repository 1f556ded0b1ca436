"""What the mketcdctl ETCDCTL_API=3 tests share: the reference transcripts of the real etcdctl 3.4.23
(shared/reference/etcd-3.4/*.md) read into blocks, replaying a transcript's commands with mketcdctl
standing in for etcdctl, running mketcdctl against a member, normalising what legitimately differs
(member and cluster ids, revisions, timestamps, endpoints), and reading a streaming command's output
with deadlines. The tests at the bottom check the transcript reader itself."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from etcd_members import Member, etcdctl_env, run_ctl, tool_command, wait_until

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "etcd-3.4"
REFERENCE_ENDPOINT = "http://127.0.0.1:23790"


@dataclass
class Block:
    """One recorded command: its title, shell command line, stdout, stderr and exit status."""

    title: str
    command: str
    stdout: str
    stderr: str
    status: int


_BLOCK = re.compile(
    r"^#### (?P<title>.*?)\n\n```sh\n\$ (?P<command>.*?)\n```\n"
    r"stdout:(?: \*\(empty\)\*\n| ?\n```text\n(?P<stdout>.*?)```\n)(?:\*\(no trailing newline\)\*\n)?\n?"
    r"stderr:(?: \*\(empty\)\*\n| ?\n```text\n(?P<stderr>.*?)```\n)\n?"
    r"exit status: \*\*(?P<status>\d+)\*\*", re.S | re.M)


def transcript(name: str) -> list[tuple[str, list[Block]]]:
    """The sections ("## put") of a reference file, each with its blocks in recorded order."""
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"the reference transcripts are not here ({path})", allow_module_level=True)
    sections = []
    for part in re.split(r"^## ", path.read_text(), flags=re.M)[1:]:
        heading = part.split("\n", 1)[0].strip()
        blocks = [Block(m["title"], m["command"], m["stdout"] or "", m["stderr"] or "", int(m["status"]))
                  for m in _BLOCK.finditer("#### " + part.split("#### ", 1)[1] if "#### " in part else "")]
        sections.append((heading, blocks))
    return sections


def block(name: str, title: str) -> Block:
    for _, blocks in transcript(name):
        for found in blocks:
            if found.title == title:
                return found
    raise KeyError(title)


def section(name: str, heading: str) -> list[Block]:
    return dict(transcript(name))[heading]


_ID_FIELDS = ("cluster_id", "member_id", "revision", "raft_term", "create_revision", "mod_revision", "ID",
              "id", "lease", "leader", "raftIndex", "raftTerm", "raftAppliedIndex", "dbSize", "dbSizeInUse",
              "compact_revision")
_FIELD_NAMES = ("ClusterID", "MemberID", "Revision", "RaftTerm", "CreateRevision", "ModRevision", "ID",
                "Leader", "RaftIndex", "RaftAppliedIndex", "DBSize", "PrevCreateRevision", "PrevModRevision")


def normalise(text: str, endpoint: str = "") -> str:
    """Ids, revisions, sizes, timestamps, callers and durations out of the way; `endpoint` becomes the
    reference's endpoint."""
    if endpoint:
        host_port = endpoint.split("://", 1)[1]
        text = text.replace(endpoint, REFERENCE_ENDPOINT).replace(host_port, "127.0.0.1:23790")
    text = re.sub(r'"(%s)":-?\d+' % "|".join(_ID_FIELDS), r'"\1":N', text)
    text = re.sub(r'"(%s)" : \d+' % "|".join(_FIELD_NAMES), r'"\1" : N', text)
    text = re.sub(r"\b[0-9a-f]{13,16}\b", "ID", text)  # %x drops leading zeros
    text = re.sub(r'"ts":("[^"]*"|[0-9.e+]+)', '"ts":T', text)
    text = re.sub(r'"caller":"[^"]*"', '"caller":C', text)
    text = re.sub(r'"target":"[^"]*"', '"target":X', text)
    text = re.sub(r"took = \S+|\"took\":\"[^\"]*\"", "took", text)
    return text


class Replayer:
    """Runs recorded command lines with bash, `etcdctl` being mketcdctl and the recorded endpoint the
    member's."""

    def __init__(self, member: Member, workdir: Path) -> None:
        self.member, self.workdir = member, workdir
        bin_dir = workdir / "bin"
        bin_dir.mkdir(exist_ok=True)
        wrapper = bin_dir / "etcdctl"
        command = " ".join(f'"{part}"' for part in tool_command("mketcdctl"))
        wrapper.write_text(f'#!/bin/sh\nexec {command} "$@"\n')
        wrapper.chmod(0o755)
        self.env = dict(etcdctl_env(None), PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    def run(self, command: str) -> subprocess.CompletedProcess:
        command = command.replace(REFERENCE_ENDPOINT, self.member.url)
        return subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=self.workdir,
                              env=self.env, timeout=60)

    def check(self, recorded: Block, *, stdout: str | None = None, stderr: str | None = None,
              status: int | None = None) -> None:
        """Replay `recorded` and compare (the expectations can be overridden where mketcdctl differs on
        purpose)."""
        result = self.run(recorded.command)
        url = self.member.url
        got = (normalise(result.stdout, url), normalise(result.stderr, url), result.returncode)
        wanted = (normalise(recorded.stdout if stdout is None else stdout),
                  normalise(recorded.stderr if stderr is None else stderr),
                  recorded.status if status is None else status)
        assert got == wanted, f"{recorded.title}: {recorded.command}"


@dataclass
class Ran:
    stdout: str
    stderr: str
    status: int


def ctl(member: Member | None, *args: str, stdin: bytes | str = b"", cwd: Path | None = None,
        env: dict[str, str] | None = None) -> Ran:
    """mketcdctl (ETCDCTL_API=3) against `member` (its endpoint and client certificate) or alone."""
    flags = [] if member is None else [f"--endpoints={member.url}", *member.tls_flags_v3()]
    result = run_ctl([*flags, *args], api="3", stdin=stdin, cwd=cwd, env=env)
    return Ran(result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace"),
               result.returncode)


class Streaming:
    """A long-running mketcdctl (watch, keep-alive): its output collected as it comes."""

    def __init__(self, member: Member, *args: str, stdin: bool = False,
                 env: dict[str, str] | None = None) -> None:
        command = [*tool_command("mketcdctl"), f"--endpoints={member.url}", *member.tls_flags_v3(), *args]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                        env={**etcdctl_env("3"), **(env or {})})
        self.stdout, self.stderr = bytearray(), bytearray()
        pipes = ((self.process.stdout, self.stdout), (self.process.stderr, self.stderr))
        self._readers = [threading.Thread(target=self._drain, args=pipe, daemon=True) for pipe in pipes]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _drain(pipe: object, into: bytearray) -> None:
        for chunk in iter(lambda: pipe.read1(4096), b""):  # type: ignore[attr-defined]
            into.extend(chunk)

    def text(self) -> str:
        return self.stdout.decode()

    def wait_for(self, expected: str, timeout: float = 10.0) -> None:
        """Until `expected` is in the output (normalised both, so ids and revisions may differ)."""
        def arrived() -> bool:
            return normalise(expected) in normalise(self.text())

        try:
            wait_until(lambda: arrived() or self.process.poll() is not None, timeout=timeout,
                       message=f"{expected!r} in the output")
        except AssertionError:
            raise AssertionError(f"waited for {expected!r}, got {self.text()!r} {self.stderr.decode()!r}"
                                 ) from None
        assert arrived(), f"exited {self.process.returncode}: {self.text()!r} {self.stderr.decode()!r}"

    def write(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def finish(self, timeout: float = 10.0) -> int:
        """Wait for the process to end by itself; its exit status."""
        status = self.process.wait(timeout=timeout)
        for reader in self._readers:
            reader.join(timeout)
        return status

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        for reader in self._readers:
            reader.join(10)


def elapsed(action: object) -> float:
    started = time.monotonic()
    action()  # type: ignore[operator]
    return time.monotonic() - started


def test_the_transcript_reader_finds_every_recorded_block() -> None:
    text = (REFERENCE / "etcdctl-v3.md").read_text() if (REFERENCE / "etcdctl-v3.md").exists() else ""
    recorded = sum(len(blocks) for _, blocks in transcript("etcdctl-v3.md"))
    assert recorded == text.count("\n#### ") and recorded > 100
    put = block("etcdctl-v3.md", "put --prev-kv (prints OK, then previous key and value)")
    assert (put.stdout, put.stderr, put.status) == ("OK\nfoo\nbar\n", "", 0)
    assert block("etcdctl-v3.md", "put with no key at all").status == 128


def test_normalise_keeps_what_must_match() -> None:
    line = ('{"header":{"cluster_id":324952591200643719,"member_id":33,"revision":5,"raft_term":2},'
            '"kvs":[{"key":"Zm9v","version":3,"value":"YmFy"}],"count":1}')
    assert normalise(line) == ('{"header":{"cluster_id":N,"member_id":N,"revision":N,"raft_term":N},'
                               '"kvs":[{"key":"Zm9v","version":3,"value":"YmFy"}],"count":1}')
    assert normalise("lease 2040a202822e9f52 granted with TTL(600s)") == "lease ID granted with TTL(600s)"
