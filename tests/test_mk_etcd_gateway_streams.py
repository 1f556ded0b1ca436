"""mk-etcd's v3 JSON gateway, streaming calls, driven with `curl` side by side with the real etcd 3.4: the
watch stream (history from a past revision, prev_kv, filters, several requests in one body with watch ids,
cancel and progress requests, progress notifications, a compacted start revision), requests the gateway
cannot decode, the lease keepalive stream; then, mk-etcd alone, a write by another process reaching an open
watch and the snapshot stream read back by `mketcdctl snapshot status`. Each frame of a watch must be the
same as the real etcd's once ids and raft numbers are masked."""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from etcd_members import Member, b64, curl_args, curl_json, json_diff, masked, run_ctl, same_answers

COMPACTED = "etcdserver: mvcc: required revision has been compacted"


class Watch:
    """`curl -N -X POST URL/v3/watch -d BODY`, BODY the `requests` one after another (a str as it is): the
    streamed messages (each line's "result", or the line itself when it is something else), read as they
    come."""

    def __init__(self, member: Member, *requests: dict | str) -> None:
        body = "".join(request if isinstance(request, str) else json.dumps(request) for request in requests)
        self.kind = member.kind
        self.process = subprocess.Popen([*curl_args(member), "--max-time", "60", "-N", "-X", "POST",
                                         member.url + "/v3/watch", "-d", body],  # the last --max-time wins
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            message = json.loads(line)
            self.messages.put(message.get("result", message))

    def take(self, count: int, timeout: float = 10.0) -> list[dict]:
        """The next `count` messages, each within `timeout` seconds."""
        taken = []
        for _ in range(count):
            try:
                taken.append(self.messages.get(timeout=timeout))
            except queue.Empty:
                raise AssertionError(f"{self.kind}: no watch message within {timeout}s after {taken}"
                                     ) from None
        return taken

    def close(self) -> None:
        self.process.kill()
        self.process.wait()

    def __enter__(self) -> Watch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def create(key: str, range_end: str | None = None, **fields: Any) -> dict:
    request = {"key": b64(key), **({"range_end": b64(range_end)} if range_end else {}), **fields}
    return {"create_request": request}


def put(member: Member, key: str, value: str) -> None:
    assert curl_json(member, "/v3/kv/put", {"key": b64(key), "value": b64(value)})[0] == 200


def assert_same_streams(streams: dict[str, list[dict]]) -> list[dict]:
    """The masked messages each member sent must be the same; returns the real etcd's."""
    real, ours = masked(streams["real"]), masked(streams["mk"])
    assert ours == real, json_diff(real, ours)
    return streams["real"]


# Watches on w/ (w/1, w/2, w/3 written at revisions 2..10, below) and the number of messages each is sent:
# before the live writes (created, and the history of one from the past), then in all.
WATCHES = [(create("w/", "w0", start_revision=2, prev_kv=True), 2, 7),
           (create("w/", "w0", start_revision=2, filters=["NOPUT"]), 2, 3),
           (create("w/", "w0", start_revision=3, filters=["NODELETE"]), 2, 6),
           (create("w/1", start_revision=1), 2, 4),
           (create("w/1"), 1, 3),
           (create("w/", "w0", start_revision=10), 1, 2)]


def test_the_watch_stream_sends_what_etcd_sends(pair: list[Member]) -> None:
    streams = {}
    for member in pair:
        for key, value in (("w/1", "a"), ("w/2", "b"), ("w/1", "c")):  # revisions 2, 3, 4
            put(member, key, value)
        assert curl_json(member, "/v3/kv/deleterange", {"key": b64("w/2")})[0] == 200  # 5
        watches = [Watch(member, request) for request, _, _ in WATCHES]
        try:
            messages = [watch.take(before) for watch, (_, before, _) in zip(watches, WATCHES)]
            put(member, "w/1", "live")  # 6
            assert curl_json(member, "/v3/kv/deleterange", {"key": b64("w/1")})[0] == 200  # 7
            for value in ("8", "9", "10"):
                put(member, "w/3", value)
            for watch, seen, (_, before, total) in zip(watches, messages, WATCHES):
                seen.extend(watch.take(total - before))
        finally:
            for watch in watches:
                watch.close()
        streams[member.kind] = messages
    real = assert_same_streams(streams)
    history = real[0][1]["events"]
    assert [(event.get("type", "PUT"), event["kv"]["key"]) for event in history] == [
        ("PUT", b64("w/1")), ("PUT", b64("w/2")), ("PUT", b64("w/1")), ("DELETE", b64("w/2"))]
    assert history[3]["prev_kv"]["value"] == b64("b")
    assert real[0][3]["events"][0]["prev_kv"]["value"] == b64("live")
    assert "prev_kv" not in real[1][1]["events"][0]
    assert [event["type"] for event in real[1][1]["events"] + real[1][2]["events"]] == ["DELETE", "DELETE"]
    revisions = [message["events"][0]["kv"]["mod_revision"] for message in real[2][1:]]
    assert revisions == ["3", "6", "8", "9", "10"]  # NODELETE: not 5, not 7
    assert [event["kv"]["value"] for event in real[3][1]["events"]] == [b64("a"), b64("c")]
    assert [message["header"]["revision"] for message in real[5]] == ["5", "10"]


def test_several_requests_in_one_watch_body(pair: list[Member]) -> None:
    """Watch ids (chosen by the client, or the next free one), a duplicate id, a cancel and a progress
    request, in one request body: etcd answers them in order, then sends what the remaining watchers see."""
    streams = {}
    for member in pair:
        put(member, "k", "1")  # 2
        put(member, "k", "2")  # 3
        body = [create("k", start_revision=2), create("k", start_revision=3, watch_id=5), create("k"),
                create("k", watch_id=5), {"cancel_request": {"watch_id": 0}},
                {"cancel_request": {"watch_id": 9}}, {"progress_request": {}}, {}]
        with Watch(member, *body) as watch:
            messages = watch.take(6)  # created 0, 5, 1; the duplicate; canceled 0; progress
            messages += watch.take(1)  # watch 5's history
            put(member, "k", "3")
            messages += sorted(watch.take(2), key=lambda message: message.get("watch_id", "0"))
        streams[member.kind] = messages
    real = assert_same_streams(streams)
    assert [message.get("watch_id") for message in real] == [None, "5", "1", "-1", None, "-1", "5", "1", "5"]
    assert real[3]["cancel_reason"] == "mvcc: duplicate watch ID provided on the WatchStream"
    assert real[4]["canceled"] is True and set(real[5]) == {"header", "watch_id"}  # the progress answer
    assert [event["kv"]["value"] for event in real[6]["events"]] == [b64("2")]


def test_progress_notifications_come_at_the_interval(pair: list[Member]) -> None:
    """The members send progress notifications every second (--experimental-watch-progress-notify-interval),
    only to the watchers that asked for them."""
    streams = {}
    for member in pair:
        with Watch(member, create("quiet"), create("k", progress_notify=True, watch_id=3)) as watch:
            messages = watch.take(3)  # created 0, created 3, a progress notification of watch 3
            put(member, "k", "v")
            messages += watch.take(2)  # the event, then a progress notification at the new revision
        streams[member.kind] = messages
    real = assert_same_streams(streams)
    assert real[2] == {"header": real[2]["header"], "watch_id": "3"} and real[2]["header"]["revision"] == "1"
    assert "events" in real[3] and real[4]["header"]["revision"] == "2" and "events" not in real[4]


def test_a_compacted_start_revision_cancels_that_watcher_only(pair: list[Member]) -> None:
    streams = {}
    for member in pair:
        for value in "abc":
            put(member, "k", value)  # 2, 3, 4
        assert curl_json(member, "/v3/kv/compaction", {"revision": 3})[0] == 200
        with Watch(member, create("k", start_revision=2), create("k", start_revision=3)) as watch:
            messages = watch.take(4)  # created 0 and 1; 0 canceled; 1's history from 3
            put(member, "k", "d")
            messages += watch.take(1)  # the stream goes on for watch 1
        streams[member.kind] = messages
    real = assert_same_streams(streams)
    assert real[2] == {"header": real[2]["header"], "canceled": True, "compact_revision": "3"}
    assert "revision" not in real[2]["header"]
    assert real[3]["watch_id"] == real[4]["watch_id"] == "1"
    assert [event["kv"]["value"] for event in real[3]["events"]] == [b64("b"), b64("c")]
    assert curl_json(pair[1], "/v3/kv/range", {"key": b64("k"), "revision": 2})[1]["message"] == COMPACTED


def test_requests_the_gateway_cannot_decode(pair: list[Member]) -> None:
    """The first request of a stream the gateway cannot decode fails the call (500, gRPC's Unknown code); a
    later one ends the requests, and the stream goes on with those before it."""
    answers = same_answers(pair, [
        ("/v3/watch", "{bad"),
        ("/v3/watch", "[1]"),
        ("/v3/watch", '{"create_request": {"key": "YQ"}}'),
        ("/v3/watch", '{"create_request": {"key": "YQ==", "filters": ["NOPE"]}}'),
        ("/v3/lease/keepalive", '{"ID": "x"}'),
        ("/v3/maintenance/snapshot", "{bad"),  # not a stream of requests: refused as a unary call is
    ])
    assert [(status, answer["code"]) for status, answer in answers] == [(500, 2)] * 5 + [(400, 3)]
    assert answers[2][1]["message"] == "illegal base64 data at input byte 0"
    streams = {}
    for member in pair:
        with Watch(member, create("k"), '{"create_request": {"key": "YQ"}}', create("other")) as watch:
            messages = watch.take(1)
            put(member, "other", "v")
            put(member, "k", "v")
            messages += watch.take(1)  # only "k" is watched: the bad request ended the requests
        streams[member.kind] = messages
    real = assert_same_streams(streams)
    assert real[1]["events"][0]["kv"]["key"] == b64("k")


def test_the_keepalive_stream_answers_each_request(pair: list[Member]) -> None:
    answers = same_answers(pair, [
        ("/v3/lease/grant", {"TTL": 60, "ID": "77"}),
        ("/v3/lease/keepalive", {"ID": "77"}),
        ("/v3/lease/keepalive", '{"ID": "77"} {"ID": 78}'),  # 78 is no lease: no TTL
        ("/v3/lease/keepalive", '{"ID": "77"}{"ID": "x"}{"ID": "77"}'),  # the bad one ends the requests
        ("/v3/lease/keepalive", ""),
    ])
    assert answers[1][1]["result"]["TTL"] == "60"
    assert [message["result"].get("TTL") for message in answers[2][1]] == ["60", None]
    assert answers[3][1]["result"]["TTL"] == "60" and answers[4] == (200, "")


def test_a_write_by_another_process_reaches_an_open_watch(mk_member: Member) -> None:
    with Watch(mk_member, create("from-outside")) as watch:
        assert watch.take(1)[0]["created"] is True
        writer = ("import sys\nfrom minikube_py.store import PutRequest, Store\n"
                  "store = Store(sys.argv[1])\nstore.apply_one(PutRequest(b'from-outside', b'hello'))\n"
                  "store.close()\n")
        subprocess.run([sys.executable, "-c", writer, mk_member.data_dir], check=True, timeout=30)
        event = watch.take(1, timeout=1.5)[0]["events"][0]  # the writer has ended: seen within a second
        assert (event["kv"]["key"], event["kv"]["value"]) == (b64("from-outside"), b64("hello"))
    found = curl_json(mk_member, "/v3/kv/range", {"key": b64("from-outside")})[1]
    assert found["kvs"][0]["value"] == b64("hello") and found["header"]["revision"] == "2"


def test_the_snapshot_stream_is_a_snapshot_mketcdctl_reads(mk_member: Member, tmp_path: Path) -> None:
    for number in range(50):
        put(mk_member, f"s/{number}", "x" * 2000)
    done = subprocess.run([*curl_args(mk_member), "-X", "POST", mk_member.url + "/v3/maintenance/snapshot",
                           "-d", "{}"], capture_output=True, timeout=30, check=True)
    messages = [json.loads(line)["result"] for line in done.stdout.splitlines()]
    assert len(messages) > 1 and "remaining_bytes" not in messages[-1]  # 0: omitted, as protobuf JSON does
    remaining = [int(message["remaining_bytes"]) for message in messages[:-1]]
    assert remaining == sorted(remaining, reverse=True)
    snapshot = tmp_path / "streamed.db"
    snapshot.write_bytes(b"".join(base64.b64decode(message["blob"]) for message in messages))
    assert remaining[0] == snapshot.stat().st_size - len(base64.b64decode(messages[0]["blob"]))
    status = run_ctl(["snapshot", "status", str(snapshot), "-w", "json"])
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    # as etcd's, the count is of every key in the file: each revision, and the member's own records
    assert report["revision"] == 51 and report["totalKey"] >= 50
    assert report["totalSize"] == snapshot.stat().st_size
