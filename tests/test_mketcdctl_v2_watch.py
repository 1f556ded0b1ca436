"""watch and exec-watch against the real etcd and mk-etcd, with the changes written by other processes
while the watcher runs; every wait has a deadline. The printed changes are compared with the reference
transcript's watch blocks (same writes: set a, set b, rm), and Ctrl-C must end a watch with exit 0."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from etcd_members import Member, etcdctl_env, real_etcd_binary, tool_command, wait_until
from test_mketcdctl_v2 import block, ctl, normalise

DEADLINE = 15.0


class Watcher:
    """mketcdctl (or the real etcdctl) running in the background against `member`; its stdout read line by
    line."""

    def __init__(self, member: Member, *args: str, binary: str = "mketcdctl") -> None:
        program = [real_etcd_binary("etcdctl")] if binary == "etcdctl" else tool_command(binary)
        command = [*program, "--endpoints", member.url, *member.tls_flags_v2(), *args]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        stdin=subprocess.DEVNULL, env=etcdctl_env("2"))
        self._lines: queue.Queue[str] = queue.Queue()
        self.output = ""
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self._lines.put(line.decode())

    def read_lines(self, count: int, timeout: float = DEADLINE) -> str:
        """Wait until `count` more lines came (or fail at the deadline); return everything read so far."""
        deadline = time.monotonic() + timeout
        for _ in range(count):
            try:
                self.output += self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"timed out waiting for output; got {self.output!r}") from None
        return self.output

    def poll_lines(self) -> str:
        """Everything read so far, without waiting."""
        while not self._lines.empty():
            self.output += self._lines.get()
        return self.output

    def interrupt(self) -> tuple[int, str]:
        """Ctrl-C; the exit status and stderr."""
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=DEADLINE)
        return self.process.returncode, self.process.stderr.read().decode()  # type: ignore[union-attr]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def store_index(member: Member) -> int:
    """The store's current index (etcdctl -o extended ls / prints it)."""
    out, _, _ = ctl(member, "-o", "extended", "ls", "/")
    return int(re.search(r"^Index: (\d+)$", out, re.MULTILINE).group(1))


def write_until(member: Member, key: str, done: Callable[[], object]) -> list[str]:
    """Write new values to `key` until `done()`: a watcher that began after a write does not see it."""
    written: list[str] = []
    deadline = time.monotonic() + DEADLINE
    while not done():
        assert time.monotonic() < deadline, f"nothing saw the writes to {key}"
        written.append(f"v{len(written)}")
        assert ctl(member, "set", key, written[-1])[2] == 0
        try:
            wait_until(done, timeout=0.5)
        except AssertionError:
            pass
    return written


def test_watch_prints_the_first_change_and_exits(member: Member) -> None:
    watcher = Watcher(member, "watch", "/w/first")
    try:
        written = write_until(member, "/w/first", lambda: watcher.process.poll() is not None)
        assert watcher.process.returncode == 0
        out = watcher.read_lines(1)
        assert out.count("\n") == 1 and out.rstrip("\n") in written
    finally:
        watcher.stop()


def test_watch_forever_in_every_format_matches_etcdctl(member: Member) -> None:
    after = str(store_index(member))
    formats = {  # reference block: (arguments, lines it prints for set a, set b, rm)
        "watch --forever": (["watch", "--forever"], 3),
        "watch --forever -r on a dir": (["watch", "--forever", "-r"], 6),
        "watch -o extended --forever": (["-o", "extended", "watch", "--forever"], 21),
        "watch -o json --forever": (["-o", "json", "watch", "--forever"], 3),
    }
    watchers = {}
    try:
        for title, (args, _) in formats.items():
            key = "/w" if "-r" in args else "/w/k"
            watchers[title] = Watcher(member, *args, "--after-index", after, key)
        for args in (["set", "/w/k", "a"], ["set", "/w/k", "b"], ["rm", "/w/k"], ["mkdir", "/w/dir"]):
            assert ctl(member, *args)[2] == 0
        for title, (_, lines) in formats.items():
            out = watchers[title].read_lines(lines)
            status, err = watchers[title].interrupt()
            expected = block(title).stdout.replace("(rc=124)\n", "")
            assert (normalise(out), err, status) == (normalise(expected), "", 0), title
    finally:
        for watcher in watchers.values():
            watcher.stop()


def test_watch_after_index_replays_history(member: Member) -> None:
    ctl(member, "set", "/h", "first")
    ctl(member, "set", "/h", "second")
    assert ctl(member, "watch", "--after-index", "1", "/h") == ("first\n", "", 0)


def test_watch_needs_a_key(member: Member) -> None:
    assert ctl(member, "watch") == ("", "Error:  key required\n", 1)
    assert ctl(member, "exec-watch", "/k") == ("", "Error:  key and command to exec required\n", 1)


def test_exec_watch_runs_the_command_for_each_change(member: Member, tmp_path: Path) -> None:
    log = tmp_path / "changes"
    after = str(store_index(member))
    fields = "$ETCD_WATCH_ACTION $ETCD_WATCH_KEY $ETCD_WATCH_VALUE $ETCD_WATCH_MODIFIED_INDEX"
    script = f'echo "{fields}" >> {log}'
    flagged = Watcher(member, "exec-watch", "--after-index", after, "-r", "/ew", "--", "sh", "-c", script)
    # Without flags etcdctl reads the command first and the key last.
    bare = Watcher(member, "exec-watch", "sh", "-c", script.replace(str(log), f"{log}.bare"), "/ew/a")
    try:
        ctl(member, "set", "/ew/a", "1")
        ctl(member, "mkdir", "/ew/d")
        _, _, status = ctl(member, "rm", "/ew/a")
        assert status == 0
        wait_until(lambda: log.exists() and log.read_text().count("\n") == 2, timeout=DEADLINE,
                   message="two changes in the exec-watch log")
        lines = sorted(re.sub(r" \d+$", " I", line) for line in log.read_text().splitlines())
        assert lines == ["delete /ew/a  I", "set /ew/a 1 I"]
        status, err = flagged.interrupt()
        assert (status, err) == (0, "Ignored dir /ew/d change\n")

        bare_log = Path(f"{log}.bare")
        write_until(member, "/ew/a", bare_log.exists)
        assert bare_log.read_text().startswith(("set /ew/a ", "delete /ew/a "))
        assert bare.interrupt()[0] == 0
    finally:
        flagged.stop()
        bare.stop()


def test_exec_watch_reports_a_missing_command(member: Member) -> None:
    after = str(store_index(member))
    ctl(member, "set", "/ex", "1")
    # "-r" before the key: etcdctl takes the key as a flag's value when it follows one, else it reads
    # "--after-index N KEY -- COMMAND" as COMMAND being the key.
    watcher = Watcher(member, "exec-watch", "--after-index", after, "-r", "/ex", "--", "no-such-command-here")
    try:
        watcher.process.wait(timeout=DEADLINE)
        assert watcher.process.returncode == 1
        missing = b'exec: "no-such-command-here": executable file not found in $PATH'
        assert watcher.process.stderr.read() == missing
    finally:
        watcher.stop()
