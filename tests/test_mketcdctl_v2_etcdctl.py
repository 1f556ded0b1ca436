"""The real etcdctl 3.4 with ETCDCTL_API=2 as a client of our member (ARCHITECTURE §6: the real tools must
work against ours): set, get, ls, mkdir, rm, watch, member list and cluster-health, over HTTP and HTTPS.
Each check runs against the real etcd too (the `member` fixtures), which shows the expectations are etcd's;
where the output is the same for mketcdctl, both tools are run and compared."""

from __future__ import annotations

from etcd_members import Member, run_ctl, wait_until
from test_mketcdctl_v2 import REFERENCE_URL, ctl, normalise
from test_mketcdctl_v2_watch import DEADLINE, Watcher, store_index, write_until


def etcdctl(member: Member, *args: str) -> tuple[str, str, int]:
    done = run_ctl(["--endpoints", member.url, *member.tls_flags_v2(), *args], api="2", binary="etcdctl")
    return done.stdout.decode(), done.stderr.decode(), done.returncode


def test_keys(member: Member) -> None:
    assert etcdctl(member, "set", "/a/b", "1") == ("1\n", "", 0)
    assert etcdctl(member, "get", "/a/b") == ("1\n", "", 0)
    assert etcdctl(member, "mk", "/a/c", "2") == ("2\n", "", 0)
    assert etcdctl(member, "mkdir", "/d") == ("", "", 0)
    assert etcdctl(member, "ls", "--sort") == ("/a\n/d\n", "", 0)
    assert etcdctl(member, "ls", "--sort", "-r", "-p") == ("/a/\n/a/b\n/a/c\n/d/\n", "", 0)
    for args in (["-o", "json", "get", "/a/b"], ["-o", "extended", "get", "/a/c"], ["get", "/a"],
                 ["ls", "--sort", "-r", "/a"], ["mkdir", "/d"], ["get", "/nothing"]):
        assert etcdctl(member, *args) == ctl(member, *args), args
    assert etcdctl(member, "rm", "/a/b") == ("PrevNode.Value: 1\n", "", 0)
    assert etcdctl(member, "rmdir", "/d") == ("", "", 0)
    assert etcdctl(member, "rm", "-r", "/a") == ("", "", 0)
    out, err, status = etcdctl(member, "get", "/a/c")
    assert (out, normalise(err), status) == ("", "Error:  100: Key not found (/a) [N]\n", 4)


def test_watch(member: Member) -> None:
    after = str(store_index(member))
    ctl(member, "set", "/w", "x")
    assert etcdctl(member, "watch", "--after-index", after, "/w") == ("x\n", "", 0)
    watcher = Watcher(member, "watch", "--forever", "/live", binary="etcdctl")
    try:
        written = write_until(member, "/live", watcher.poll_lines)
        assert ctl(member, "set", "/live", "final")[2] == 0
        wait_until(lambda: watcher.poll_lines().endswith("final\n"), timeout=DEADLINE,
                   message="the last change")
        lines = watcher.output.splitlines()
        assert lines[0] in written and set(lines) <= {*written, "final"}
        assert watcher.interrupt()[0] == 0
    finally:
        watcher.stop()


def test_member_list_and_cluster_health(member: Member) -> None:
    out, err, status = etcdctl(member, "member", "list")
    assert (normalise(out, member), err, status) == (
        f"MEMBER-ID: name=NAME peerURLs=PEERS clientURLs={REFERENCE_URL} isLeader=true\n", "", 0)
    assert ctl(member, "member", "list") == (out, err, status)
    out, err, status = etcdctl(member, "cluster-health")
    assert (normalise(out, member), err, status) == (
        f"member MEMBER-ID is healthy: got healthy result from {REFERENCE_URL}\ncluster is healthy\n", "", 0)
    assert ctl(member, "cluster-health") == (out, err, status)


def test_over_tls(tls_member: Member) -> None:
    assert etcdctl(tls_member, "set", "/tls", "on") == ("on\n", "", 0)
    assert etcdctl(tls_member, "get", "/tls") == ("on\n", "", 0)
    assert etcdctl(tls_member, "ls") == ("/tls\n", "", 0)
    assert etcdctl(tls_member, "member", "list") == ctl(tls_member, "member", "list")
    assert etcdctl(tls_member, "cluster-health") == ctl(tls_member, "cluster-health")
