"""mk-etcd's v3 JSON gateway driven with `curl` as a user drives it, side by side with the real etcd 3.4:
each call goes to a fresh real member and a fresh mk-etcd, and the answers (HTTP status and JSON body) must
be the same once member/cluster ids and raft numbers are masked (revisions are not masked: both members
start at revision 1, so they must agree). Covers the KV calls and their errors, leases (and expiry with no
client connected), the watch stream, maintenance calls and the snapshot stream, and TLS."""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import etcd_client_tls, etcd_server_tls
from etcd_members import Member, TLSFiles, b64, run_ctl, start_member, wait_until

# Fields that differ between two members by nature: identities, raft bookkeeping, sizes on disk.
MASKED = {"cluster_id", "member_id", "raft_term", "memberID", "leader", "raftIndex", "raftTerm",
          "raftAppliedIndex", "dbSize", "dbSizeInUse", "hash", "ID", "id", "peerURLs", "clientURLs", "name"}


def masked(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: "*" if key in MASKED else masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [masked(item) for item in value]
    if isinstance(value, str) and value.startswith("memberID:"):  # status errors name the member
        return "memberID:* " + value.split(" ", 1)[1]
    return value


def curl_args(member: Member, tls: TLSFiles | None = None) -> list[str]:
    tls = tls if tls is not None else member.client_tls
    files = ["--cacert", tls.ca, "--cert", tls.cert, "--key", tls.key] if tls else []
    return ["curl", "-sS", "--max-time", "10", *files]


def curl(member: Member, path: str, body: object = None, *, method: str = "POST", raw: str | None = None
         ) -> tuple[int, Any]:
    """`curl -X METHOD URL -d JSON`: (HTTP status, the decoded JSON answer or its text)."""
    data = raw if raw is not None else json.dumps(body if body is not None else {})
    done = subprocess.run([*curl_args(member), "-X", method, "-w", "\n%{http_code}", member.url + path,
                           *(["-d", data] if method != "GET" else [])],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    text, status = done.stdout.rsplit("\n", 1)
    try:
        return int(status), json.loads(text)
    except json.JSONDecodeError:
        return int(status), text


@pytest.fixture
def pair(tmp_path: Path) -> list[Member]:
    """A fresh real etcd and a fresh mk-etcd, plain HTTP."""
    members = [start_member(kind, tmp_path) for kind in ("real", "mk")]
    yield members
    for member in members:
        member.stop()


def same_answers(pair: list[Member], calls: list[tuple[str, object]]) -> list[tuple[int, Any]]:
    """Make `calls` (path, body; a str body is sent as it is) on both members; assert they answer alike,
    call by call, and return the real etcd's answers."""
    answers = []
    for kind, member in zip(("real", "mk"), pair):
        made = []
        for path, body in calls:
            raw = body if isinstance(body, str) else None
            status, answer = curl(member, path, body, raw=raw)
            made.append((path, status, masked(answer)))
        answers.append(made)
    for real, ours in zip(*answers):
        assert ours == real
    return [(status, answer) for _, status, answer in answers[0]]


def test_kv_calls_and_their_errors_answer_as_etcd(pair: list[Member]) -> None:
    foo, a_prefix, a_end = b64("foo"), b64("a/"), b64("a0")
    answers = same_answers(pair, [
        ("/v3/kv/put", {"key": foo, "value": b64("bar")}),
        ("/v3/kv/put", {"key": foo, "value": b64("baz"), "prev_kv": True}),
        ("/v3/kv/put", {"key": b64("missing"), "ignore_value": True}),
        ("/v3/kv/put", {"key": foo, "ignore_value": True, "lease": "0"}),
        *[("/v3/kv/put", {"key": b64(f"a/{n}"), "value": b64(str(n) * n)}) for n in (1, 2, 3)],
        ("/v3/kv/range", {"key": foo}),
        ("/v3/kv/range", {"key": a_prefix, "range_end": a_end}),
        ("/v3/kv/range", {"key": a_prefix, "range_end": a_end, "count_only": True}),
        ("/v3/kv/range", {"key": a_prefix, "range_end": a_end, "keys_only": True, "limit": 2}),
        ("/v3/kv/range", {"key": a_prefix, "range_end": a_end, "sort_order": "DESCEND",
                          "sort_target": "VALUE"}),
        ("/v3/kv/range", {"key": b64("\0"), "range_end": b64("\0"), "serializable": True}),
        ("/v3/kv/range", {"key": foo, "revision": 2}),
        ("/v3/kv/txn", {"compare": [{"key": foo, "target": "VALUE", "result": "EQUAL", "value": b64("baz")}],
                        "success": [{"request_put": {"key": b64("t"), "value": b64("yes")}},
                                    {"request_range": {"key": b64("t")}}],
                        "failure": [{"request_put": {"key": b64("t"), "value": b64("no")}}]}),
        ("/v3/kv/txn", {"compare": [{"key": foo, "target": "VERSION", "result": "GREATER", "version": 5}],
                        "success": [{"request_delete_range": {"key": foo}}],
                        "failure": [{"request_txn": {"success": [{"request_range": {"key": foo}}]}}]}),
        ("/v3/kv/txn", {"compare": [{"key": foo, "target": "MOD", "result": "LESS", "mod_revision": 100},
                                    {"key": foo, "target": "CREATE", "result": "NOT_EQUAL",
                                     "create_revision": 1},
                                    {"key": foo, "target": "LEASE", "result": "EQUAL", "lease": 0}],
                        "success": [{"request_put": {"key": foo, "value": b64("txn")}}]}),
        ("/v3/kv/deleterange", {"key": a_prefix, "range_end": a_end, "prev_kv": True}),
        ("/v3/kv/compaction", {"revision": 3, "physical": True}),
        ("/v3/kv/range", {"key": foo, "revision": 2}),
        ("/v3/kv/range", {"key": foo, "revision": 1000}),
        ("/v3/kv/compaction", {"revision": 2}),
        ("/v3/kv/range", "{not json"),
        ("/v3/kv/range", {"key": "not base64!"}),
        ("/v3/kv/range", {"key": foo, "sort_target": "SIZE"}),
        ("/v3/kv/range", {}),
        ("/v3/kv/nothing", {}),
    ])
    assert answers[0][0] == 200 and answers[2][1]["message"] == "etcdserver: key not found"
    assert [kv["value"] for kv in answers[7][1]["kvs"]] == [b64("baz")]
    assert answers[-8][1]["message"] == "etcdserver: mvcc: required revision has been compacted"


def test_leases_answer_as_etcd_and_expire_with_no_client(pair: list[Member]) -> None:
    lease = "4242"  # an ID chosen by the client, so that both members' answers name the same lease
    same_answers(pair, [
        ("/v3/lease/grant", {"TTL": 60, "ID": lease}),
        ("/v3/lease/grant", {"TTL": 60, "ID": lease}),
        ("/v3/kv/put", {"key": b64("leased"), "value": b64("v"), "lease": lease}),
        ("/v3/kv/put", {"key": b64("leased"), "value": b64("w"), "lease": "999"}),
        ("/v3/lease/leases", {}),
        ("/v3/lease/revoke", {"ID": lease}),
        ("/v3/kv/range", {"key": b64("leased")}),
        ("/v3/lease/revoke", {"ID": lease}),
        ("/v3/lease/timetolive", {"ID": lease}),
    ])
    for member in pair:
        ttl = curl(member, "/v3/lease/grant", {"TTL": 60, "ID": "77"})[1]
        curl(member, "/v3/kv/put", {"key": b64("k77"), "value": b64("v"), "lease": "77"})
        answer = curl(member, "/v3/lease/timetolive", {"ID": "77", "keys": True})[1]
        assert (answer["grantedTTL"], answer["keys"]) == ("60", [b64("k77")]) and ttl["TTL"] == "60"
        kept = curl(member, "/v3/lease/keepalive", {"ID": "77"})[1]
        assert (kept["result"]["ID"], kept["result"]["TTL"]) == ("77", "60")
        # a short lease, and no client at all until it is gone with its key
        curl(member, "/v3/lease/grant", {"TTL": 1, "ID": "78"})
        curl(member, "/v3/kv/put", {"key": b64("k78"), "value": b64("v"), "lease": "78"})
        wait_until(lambda: "kvs" not in curl(member, "/v3/kv/range", {"key": b64("k78")})[1], timeout=10,
                   interval=0.25, message=f"{member.kind}: the expired lease's key to be deleted")


class Watch:
    """`curl -N` on /v3/watch: the streamed JSON messages, one per line, read as they come."""

    def __init__(self, member: Member, request: dict) -> None:
        self.process = subprocess.Popen(
            [*curl_args(member), "-N", "-X", "POST", member.url + "/v3/watch", "-d",
             json.dumps({"create_request": request})], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.messages.put(json.loads(line)["result"])

    def next(self, timeout: float = 10.0) -> dict:
        return self.messages.get(timeout=timeout)

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def test_the_watch_stream_sends_what_etcd_sends(pair: list[Member]) -> None:
    streams = []
    for member in pair:
        for key, value in (("w/1", "a"), ("w/2", "b"), ("w/1", "c")):
            curl(member, "/v3/kv/put", {"key": b64(key), "value": b64(value)})
        curl(member, "/v3/kv/deleterange", {"key": b64("w/2")})
        watches = [Watch(member, {"key": b64("w/"), "range_end": b64("w0"), "start_revision": 2,
                                  "prev_kv": True}),
                   Watch(member, {"key": b64("w/"), "range_end": b64("w0"), "start_revision": 2,
                                  "filters": ["NOPUT"]}),
                   Watch(member, {"key": b64("w/1"), "start_revision": 1, "progress_notify": True})]
        try:
            messages = [[watch.next(), watch.next()] for watch in watches]  # created, then the history
            curl(member, "/v3/kv/put", {"key": b64("w/1"), "value": b64("live")})
            messages[0].append(watches[0].next())
            messages[2].append(watches[2].next())
        finally:
            for watch in watches:
                watch.close()
        streams.append(masked(messages))
    real, ours = streams
    assert ours == real
    history = real[0][1]["events"]
    assert [(event.get("type", "PUT"), event["kv"]["key"]) for event in history] == [
        ("PUT", b64("w/1")), ("PUT", b64("w/2")), ("PUT", b64("w/1")), ("DELETE", b64("w/2"))]
    assert history[3]["prev_kv"]["value"] == b64("b")
    assert [event["type"] for event in real[1][1]["events"]] == ["DELETE"]  # NOPUT


def test_a_write_by_another_process_reaches_an_open_watch(mk_member: Member) -> None:
    watch = Watch(mk_member, {"key": b64("from-outside")})
    try:
        assert watch.next()["created"] is True
        writer = ("import sys\nfrom minikube_py.store import PutRequest, Store\n"
                  "store = Store(sys.argv[1])\nstore.apply_one(PutRequest(b'from-outside', b'hello'))\n"
                  "store.close()\n")
        subprocess.run([sys.executable, "-c", writer, mk_member.data_dir], check=True, timeout=30)
        event = watch.next(timeout=5)["events"][0]
        assert (event["kv"]["key"], event["kv"]["value"]) == (b64("from-outside"), b64("hello"))
    finally:
        watch.close()
    assert curl(mk_member, "/v3/kv/range", {"key": b64("from-outside")})[1]["kvs"][0]["value"] == b64("hello")


def test_maintenance_and_cluster_calls_answer_as_etcd(pair: list[Member]) -> None:
    answers = same_answers(pair, [
        ("/v3/kv/put", {"key": b64("k"), "value": b64("v")}),
        ("/v3/maintenance/status", {}),
        ("/v3/maintenance/hash", {}),
        ("/v3/maintenance/alarm", {"action": "GET"}),
        ("/v3/maintenance/defragment", {}),
        ("/v3/cluster/member/list", {}),
    ])
    assert answers[1][1]["version"] == "3.4.23" and len(answers[5][1]["members"]) == 1
    versions = [curl(member, "/version", method="GET") for member in pair]
    assert versions[1] == versions[0] == (200, {"etcdserver": "3.4.23", "etcdcluster": "3.4.0"})


def test_the_snapshot_stream_is_a_snapshot_mketcdctl_reads(mk_member: Member, tmp_path: Path) -> None:
    for number in range(50):
        curl(mk_member, "/v3/kv/put", {"key": b64(f"s/{number}"), "value": b64("x" * 2000)})
    done = subprocess.run([*curl_args(mk_member), "-X", "POST", mk_member.url + "/v3/maintenance/snapshot",
                           "-d", "{}"], capture_output=True, timeout=30, check=True)
    messages = [json.loads(line)["result"] for line in done.stdout.splitlines()]
    assert len(messages) > 1 and "remaining_bytes" not in messages[-1]  # 0: omitted, as protobuf JSON does
    snapshot = tmp_path / "streamed.db"
    snapshot.write_bytes(b"".join(base64.b64decode(message["blob"]) for message in messages))
    status = run_ctl(["snapshot", "status", str(snapshot), "-w", "json"])
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    # as etcd's, the count is of every key in the file: each revision, and the member's own records
    assert report["revision"] == 51 and report["totalKey"] >= 50
    assert report["totalSize"] == snapshot.stat().st_size


@pytest.mark.parametrize("kind", ["real", "mk"])
def test_tls_accepts_the_cluster_client_certificate_only(kind: str, tmp_path: Path, cluster_pki: Path,
                                                         foreign_pki: Path) -> None:
    member = start_member(kind, tmp_path, server_tls=etcd_server_tls(cluster_pki),
                          client_tls=etcd_client_tls(cluster_pki))
    try:
        assert curl(member, "/v3/kv/put", {"key": b64("k"), "value": b64("v")})[0] == 200
        foreign = etcd_client_tls(foreign_pki)
        for tls in (TLSFiles(member.client_tls.ca, "", ""),
                    TLSFiles(member.client_tls.ca, foreign.cert, foreign.key)):
            files = ["--cacert", tls.ca] + (["--cert", tls.cert, "--key", tls.key] if tls.cert else [])
            done = subprocess.run(["curl", "-sS", "--max-time", "10", *files, "-X", "POST", "-d", "{}",
                                   member.url + "/v3/kv/range"], capture_output=True, text=True, timeout=30)
            assert done.returncode != 0 and done.stdout == "", (tls, done.stdout, done.stderr)
    finally:
        member.stop()


def _head_lines(member: Member, *args: str) -> list[str]:
    """`curl -i ARGS` against the member: its status line and headers, with the values that differ between
    two members (date, length, etcd and raft numbers) masked."""
    done = subprocess.run([*curl_args(member), "-i", "--max-time", "2", *args], capture_output=True,
                          text=True, timeout=30)
    head = done.stdout.replace("\r\n", "\n").split("\n\n", 1)[0].split("\n")
    varying = ("Date:", "Content-Length:", "X-Etcd-", "X-Raft-")
    return [line.split(":")[0] + ": *" if line.startswith(varying) else line for line in head]


def test_headers_come_as_etcds_go_server_writes_them(pair: list[Member]) -> None:
    requests = [
        ["-X", "POST", "/v3/kv/range", "-d", '{"key":"Zm9v"}'], ["/v3/kv/range"], ["/health"], ["/version"],
        ["-X", "POST", "/v3/nothing", "-d", "{}"], ["/nothing"], ["-X", "OPTIONS", "/v3/kv/put"],
        ["-X", "POST", "/v3/kv/range", "-d", "{"],
        ["-X", "PUT", "/v2/keys/foo", "-d", "value=bar"], ["/v2/keys/missing"], ["/v2/machines"],
        ["-I", "/v2/machines"], ["/v2/members"],
        ["-X", "POST", "/v3/watch", "-d", '{"create_request":{"key":"Zm9v"}}'],
    ]
    for args in requests:
        answers = [_head_lines(member, *[member.url + arg if arg.startswith("/") else arg for arg in args])
                   for member in pair]
        assert answers[1] == answers[0], args
    assert answers[0][-1] == "Transfer-Encoding: chunked" and "Server" not in str(answers)
