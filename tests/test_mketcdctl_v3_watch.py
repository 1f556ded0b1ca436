"""mketcdctl's long-running commands against a member: `watch` (plain, --prefix, --prev-kv, -w json,
--rev, interactive, the exec form, a canceled watch) seeing writes made by other mketcdctl processes,
and `lease keep-alive` renewing until the lease is revoked. Every wait is on output, with a deadline; a
watch starts at a known revision (--rev) so that no write can happen before it and be missed."""

from __future__ import annotations

import json

from etcd_members import Member, wait_until
from test_mketcdctl_v3_support import Streaming, block, ctl, normalise

REFERENCE = "etcdctl-v3.md"
ROUND = [("put", "w1", "a"), ("put", "w1", "b"), ("del", "w1"), ("put", "w2", "c")]


def _next_revision(member: Member) -> int:
    return json.loads(ctl(member, "get", "-w", "json", "anything").stdout)["header"]["revision"] + 1


def _watch(member: Member, *args: str, expected: str) -> str:
    """Start `watch --rev=NEXT ARGS`, make the recorded round of writes, wait for `expected`. Each write the
    watch sees is shown before the next is made: writes made before the watch is established would come
    as history, several events in one response, where the reference has one response per write."""
    watch = Streaming(member, "watch", f"--rev={_next_revision(member)}", *args)
    key = args[-1]
    try:
        for write in ROUND:
            shown = len(watch.text())
            assert ctl(member, *write).status == 0
            if write[1] == key or ("--prefix" in args and write[1].startswith(key)):
                wait_until(lambda: len(watch.text()) > shown, message=f"{write} in the watch's output")
        watch.wait_for(expected)
        return watch.text()
    finally:
        watch.stop()


def test_watch_shows_writes_of_other_processes_as_etcdctl_does(member: Member) -> None:
    for title, args in [
        ("watch KEY: event type, key, value per event", ["w1"]),
        ("watch --prefix", ["--prefix", "w"]),
        ("watch --prev-kv", ["--prev-kv", "w1"]),
    ]:
        expected = block(REFERENCE, title).stdout.replace("(timeout rc=124)\n", "")
        assert _watch(member, *args, expected=expected) == expected, title
    recorded = block(REFERENCE, "watch -w json").stdout
    got = _watch(member, "-w", "json", "w1", expected=recorded)
    assert normalise(got) == normalise(recorded)
    history = block(REFERENCE,
                    "watch --rev=1 (replays history: the 4 rounds of writes made by the watches above)")
    replay = Streaming(member, "watch", "--rev=1", "--prefix", "w")
    try:
        replay.wait_for(history.stdout)
        assert replay.text() == history.stdout
    finally:
        replay.stop()


def test_interactive_watch_and_progress(member: Member) -> None:
    watch = Streaming(member, "watch", "-i", stdin=True)
    try:
        watch.write(f"watch --rev={_next_revision(member)} w1\n".encode())
        assert ctl(member, "put", "w1", "z").status == 0
        watch.wait_for("PUT\nw1\nz\n")
        watch.write(b"frob\n")
        watch.write(b"progress\n")
        watch.wait_for("progress notify: ")
        watch.process.stdin.close()  # type: ignore[union-attr]
        assert watch.finish() == 3
    finally:
        watch.stop()
    revision = int(watch.text().rsplit("progress notify: ", 1)[1].split()[0])
    assert watch.text() == f"PUT\nw1\nz\nprogress notify: {revision}\n"
    assert watch.stderr.decode() == ("Invalid command frob (only support watch)\n"
                                     "Error: Error reading watch request line: EOF\n")


def test_watch_runs_a_command_per_event(member: Member) -> None:
    command = 'echo "exec: $ETCD_WATCH_EVENT_TYPE $ETCD_WATCH_KEY $ETCD_WATCH_VALUE"'
    revision = _next_revision(member)
    watch = Streaming(member, "watch", f"--rev={revision}", "w1", "--", "sh", "-c", command)
    try:
        # etcdctl prints a whole response, then runs the command once per event in it: the delete waits
        # for the put's command, so the two events come in two responses whatever the timing.
        assert ctl(member, "put", "w1", "a").status == 0
        watch.wait_for('PUT\nw1\na\nexec: "PUT" "w1" "a"\n')
        assert ctl(member, "del", "w1").status == 0
        expected = 'PUT\nw1\na\nexec: "PUT" "w1" "a"\nDELETE\nw1\n\nexec: "DELETE" "w1" ""\n'
        watch.wait_for(expected)
        assert watch.text() == expected
    finally:
        watch.stop()
    failing = Streaming(member, "watch", f"--rev={revision}", "w1", "--", "false")
    assert failing.finish() == 1
    assert failing.stderr.decode() == 'command ["false"] error (exit status 1)\n'


def test_a_watch_on_a_compacted_revision_is_canceled(member: Member) -> None:
    for value in ("1", "2", "3"):
        ctl(member, "put", "foo", value)
    assert ctl(member, "compaction", str(_next_revision(member) - 1)).status == 0
    recorded = block(REFERENCE, "watch --rev from a compacted revision")
    watch = Streaming(member, "watch", "--rev=2", "foo")
    assert watch.finish() == recorded.status
    assert (watch.text(), watch.stderr.decode()) == (recorded.stdout, recorded.stderr)


def test_keep_alive_renews_until_the_lease_is_revoked(member: Member) -> None:
    lease = ctl(member, "lease", "grant", "3").stdout.split()[1]
    keeper = Streaming(member, "lease", "keep-alive", lease)
    line = f"lease {lease} keepalived with TTL(3)\n"
    try:
        keeper.wait_for(line * 2, timeout=10)
        assert ctl(member, "lease", "revoke", lease).status == 0
        assert keeper.finish(timeout=10) == 0
    finally:
        keeper.stop()
    renewals = keeper.text().count(line)
    assert keeper.text() == line * renewals + f"lease {lease} expired or revoked.\n" and renewals >= 2
