"""mketcdctl's cluster and maintenance commands against a member (the real etcd 3.4 and mk-etcd):
endpoint health/status/hashkv, member list, defrag, alarm, in etcdctl's formats; and what happens when
an endpoint does not answer (etcdctl's messages and exit codes, without waiting for the timeout when
the failure is already certain)."""

from __future__ import annotations

import json
import re

from etcd_members import Member, free_port
from test_mketcdctl_v3_support import block, ctl, elapsed, normalise

REFERENCE = "etcdctl-v3.md"


def _same_as_recorded(member: Member, title: str, *args: str) -> None:
    recorded, ran = block(REFERENCE, title), ctl(member, *args)
    got = [normalise(_sized(text), member.url) for text in (ran.stdout, ran.stderr)]
    assert (*got, ran.status) == (normalise(_sized(recorded.stdout)), normalise(_sized(recorded.stderr)),
                                  recorded.status), title


def _sized(text: str) -> str:
    """Sizes, raft indexes, durations and the table widths they set are the member's own."""
    text = re.sub(r"\d+ kB", "N kB", text)
    text = re.sub(r"\b\d+(\.\d+)?(ns|µs|ms|s) \|", "D |", text)
    text = re.sub(r"(, (?:true|false), (?:true|false), )\d+, \d+, \d+, ", r"\1T, I, A, ", text)
    if text.startswith("+"):
        text = re.sub(r"[ -]+", " ", text)
        text = re.sub(r"\| \d+ \| \d+ \| \d+ \|", "| T | I | A |", text)
    return text


def test_endpoint_and_member_commands_print_what_etcdctl_prints(member: Member) -> None:
    for title, args in {
        "endpoint status": ("endpoint", "status"),
        "endpoint status -w table": ("endpoint", "status", "-w", "table"),
        "endpoint status -w fields": ("endpoint", "status", "-w", "fields"),
        "endpoint status --cluster -w table": ("endpoint", "status", "--cluster", "-w", "table"),
        "endpoint health": ("endpoint", "health"),
        "endpoint health --cluster": ("endpoint", "health", "--cluster"),
        "endpoint health -w table": ("endpoint", "health", "-w", "table"),
        "endpoint health -w json": ("endpoint", "health", "-w", "json"),
        "alarm list (none: prints nothing)": ("alarm", "list"),
    }.items():
        _same_as_recorded(member, title, *args)
    status = json.loads(ctl(member, "endpoint", "status", "-w", "json").stdout)
    assert [entry["Endpoint"] for entry in status] == [member.url]
    assert list(status[0]["Status"])[:2] == ["header", "version"] and status[0]["Status"]["dbSize"] > 0
    members = ctl(member, "member", "list")
    member_id, state, name, peers, clients, learner = members.stdout.rstrip("\n").split(", ")
    assert (state, name, clients, learner) == ("started", member.name, member.url, "false")
    listed = json.loads(ctl(member, "member", "list", "-w", "json").stdout)
    assert [(m["ID"], m["name"], m["clientURLs"]) for m in listed["members"]] == \
        [(int(member_id, 16), member.name, [member.url])]
    table = ctl(member, "member", "list", "-w", "table").stdout.splitlines()
    header = [cell.strip() for cell in table[1].split("|")[1:-1]]
    assert header == ["ID", "STATUS", "NAME", "PEER ADDRS", "CLIENT ADDRS", "IS LEARNER"] and len(table) == 5
    assert table[3].split("|")[1] == f" {member_id} ".center(len(table[1].split("|")[1]))  # as wide as the ID
    fields = ctl(member, "member", "list", "-w", "fields").stdout
    assert f'"ClientURL" : "{member.url}"\n"IsLearner" : false\n\n' in fields
    defrag = ctl(member, "defrag")
    assert (defrag.stdout, defrag.status) == (f"Finished defragmenting etcd member[{member.url}]\n", 0)
    assert ctl(member, "alarm", "disarm", "-w", "json").stdout == "{}\n"


def test_hashkv(member: Member) -> None:
    ran = ctl(member, "endpoint", "hashkv")
    if member.kind == "real":  # etcd 3.4's gateway does not route /v3/maintenance/hashkv
        why = ("this endpoint's JSON gateway does not serve HashKV: etcd 3.4 does not route "
               "/v3/maintenance/hashkv")
        assert (ran.stdout, ran.stderr, ran.status) == (
            "", f"Failed to get the hash of endpoint {member.url} ({why})\nError: {why}\n", 1)
    else:
        assert re.fullmatch(re.escape(member.url) + r", \d+\n", ran.stdout) and ran.status == 0
        assert json.loads(ctl(member, "endpoint", "hashkv", "-w", "json").stdout)[0]["Endpoint"] == member.url


def test_an_endpoint_that_refuses_fails_at_once() -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    runs = {}
    took = elapsed(lambda: runs.update(get=ctl(None, f"--endpoints={dead}", "get", "foo")))
    ran = runs["get"]
    warning, error = ran.stderr.splitlines()
    assert json.loads(warning)["error"] == (
        "rpc error: code = DeadlineExceeded desc = latest balancer error: connection error: desc = "
        f'"transport: Error while dialing dial tcp {dead[7:]}: connect: connection refused"')
    assert (error, ran.status, took < 3) == ("Error: context deadline exceeded", 1, True)
    status = ctl(None, f"--endpoints={dead}", "endpoint", "status")
    assert status.stderr.endswith(
        f"Failed to get the status of endpoint {dead} (context deadline exceeded)\n")
    assert (status.stdout, status.status) == ("", 1)


def test_one_dead_endpoint_among_several(member: Member) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    both = f"--endpoints={member.url},{dead}"
    health = ctl(None, both, "endpoint", "health")
    lines = health.stderr.splitlines()
    assert json.loads(lines[0])["level"] == "warn" and lines[-1] == "Error: unhealthy cluster"
    assert sorted(normalise(line, member.url) for line in lines[1:-1]) == sorted([
        f"{dead} is unhealthy: failed to commit proposal: context deadline exceeded",
        "http://127.0.0.1:23790 is healthy: successfully committed proposal: took"])
    assert health.status == 1
    status = ctl(None, both, "endpoint", "status")
    assert status.stdout.startswith(f"{member.url}, ") and status.status == 1
    assert ctl(None, both, "get", "missing").status == 0  # a unary request goes to an endpoint that answers
    recorded = block(REFERENCE, "--command-timeout too small")
    ran = ctl(member, "--command-timeout=1ns", "get", "foo")
    assert (normalise(ran.stderr), ran.status) == (normalise(recorded.stderr), 1)
