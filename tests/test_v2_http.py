"""The v2 HTTP API (minikube_py/etcd/server/v2_api.py) on a real aiohttp server over a real Store, on a free
loopback port: the v2 section of the reference transcript (shared/reference/etcd-3.4/http-api.md) replayed
request by request and compared with etcd 3.4's recorded answers (status, headers, field order, bodies;
only times, raft indexes and unsorted listing orders may differ); the same requests sent to a live real
etcd and to ours for what the transcript does not show (form errors, refresh, hidden keys, 401, ...); long
polls (headers at once, an event when it happens, waits woken by another process's write, a client that
goes away); TTLs expiring with no client connected.

The member object is built here as the server builds it: the store, its membership and identity, a writer
thread committing submitted requests in batches, and a commit notification."""

from __future__ import annotations

import asyncio
import http.client
import io
import json
import queue
import re
import select
import shlex
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlencode, urlsplit

import pytest
from aiohttp import web
from etcd_members import LOOPBACK, free_port, start_member, wait_until

from minikube_py.etcd.membership import Membership
from minikube_py.etcd.server.http_common import go_headers
from minikube_py.etcd.server.v2_api import add_routes
from minikube_py.store import Store, StoreError, V2Set

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "etcd-3.4" / "http-api.md"
REFERENCE_URL = "http://127.0.0.1:23790"
REFERENCE_PEER = "http://127.0.0.1:23800"
PUBLISHED_INDEX = 3  # a fresh member's etcd index: its attributes and the cluster version, as in etcd


# -- a member and its server -----------------------------------------------------------------------------


class V2Member:
    """What v2_api.add_routes needs of the member."""

    def __init__(self, store: Store, loop: asyncio.AbstractEventLoop, *, name: str, client_url: str,
                 peer_url: str) -> None:
        self.store = store
        self.membership = Membership.bootstrap(name, f"{name}={peer_url}", [peer_url])
        self.id = self.membership.members[0].id
        self.cluster_id = self.membership.cluster_id
        self.name, self.client_urls, self.peer_urls = name, [client_url], [peer_url]
        self.started_at = datetime.now(UTC)
        self._loop = loop
        self._commit = loop.create_future()
        self._requests: queue.Queue = queue.Queue()
        store.subscribe(lambda revision: loop.call_soon_threadsafe(self._committed))
        threading.Thread(target=self._write, daemon=True).start()

    async def submit(self, request: object) -> object:
        done = self._loop.create_future()
        self._requests.put((request, done))
        return await done

    async def next_commit(self) -> None:
        await asyncio.shield(self._commit)

    async def watch_other_processes(self) -> None:
        while True:
            self.store.poll()  # notifies the subscribers when another process committed
            await asyncio.sleep(0.02)

    def _committed(self) -> None:
        done, self._commit = self._commit, self._loop.create_future()
        done.set_result(None)

    def _write(self) -> None:
        """Group commit: every request waiting when the writer is free goes into one batch."""
        while True:
            batch = [self._requests.get()]
            while not self._requests.empty():
                batch.append(self._requests.get())
            if None in batch:
                return
            results = self.store.apply([request for request, _ in batch])
            for (_, done), result in zip(batch, results):
                self._loop.call_soon_threadsafe(_settle, done, result)

    def stop(self) -> None:
        self._requests.put(None)


def _settle(done: asyncio.Future, result: object) -> None:
    if isinstance(result, StoreError):
        done.set_exception(result)
    else:
        done.set_result(result)


class Server:
    """add_routes on an aiohttp app serving on 127.0.0.1:<free port>, in a thread with its own loop."""

    def __init__(self, data_dir: str, *, name: str = "ref", client_url: str = REFERENCE_URL,
                 peer_url: str = REFERENCE_PEER) -> None:
        self.store = Store(data_dir)
        self.port = free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        self._identity = {"name": name, "client_url": client_url, "peer_url": peer_url}
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        wait_until(lambda: self.store.v2.index >= PUBLISHED_INDEX, message="the member's attributes")
        return self

    async def _start(self) -> None:
        self.member = V2Member(self.store, self._loop, **self._identity)
        self._poller = asyncio.create_task(self.member.watch_other_processes())
        app = web.Application()
        app.on_response_prepare.append(go_headers(cors=True))
        add_routes(app, self.member)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, LOOPBACK, self.port).start()

    async def _stop(self) -> None:
        self._poller.cancel()
        await self._runner.cleanup()
        self.member.stop()

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self.store.close()


@pytest.fixture
def server(tmp_path: Path) -> Server:
    with Server(str(tmp_path / "data")) as running:
        yield running


# -- an HTTP client as curl uses it -----------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def call(base: str, method: str, path: str, form: dict[str, str] | list | str | None = None,
         timeout: float = 10) -> Answer:
    """One request; a form goes in the body as `curl -d` sends it."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        body = form if isinstance(form, str) or form is None else urlencode(form)
        headers = {} if body is None else {"Content-Type": "application/x-www-form-urlencoded"}
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


class LongPoll:
    """A wait=true request read off the socket: its headers as soon as they arrive, then its chunks one by
    one, each with a deadline (TimeoutError when nothing came)."""

    def __init__(self, base: str, path: str) -> None:
        parts = urlsplit(base)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
        self.sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode())
        self._buffer = b""
        head = self._until(b"\r\n\r\n", 10)
        status_line, _, rest = head.partition(b"\r\n")
        self.status = int(status_line.split()[1])
        self.headers = http.client.parse_headers(io.BytesIO(rest))

    def _until(self, marker: bytes, timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        while marker not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.sock], [], [], left)[0]:
                raise TimeoutError(f"nothing more within {timeout}s")
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("the server closed the connection")
            self._buffer += data
        found, _, self._buffer = self._buffer.partition(marker)
        return found + marker

    def chunk(self, timeout: float = 10) -> bytes:
        """The next chunk's data; b"" for the last chunk (the answer is complete)."""
        size = int(self._until(b"\r\n", timeout)[:-2], 16)
        return self._until(b"\r\n", timeout)[:-2] if size else self._until(b"\r\n", timeout)[:0]

    def line(self, timeout: float = 10) -> bytes:
        data = b""
        while not data.endswith(b"\n"):
            data += self.chunk(timeout)
        return data

    def close(self) -> None:
        self.sock.close()


# -- the reference transcript -----------------------------------------------------------------------------


@dataclass
class Curl:
    method: str
    target: str
    form: str | None
    headers: bool  # -i
    max_time: float | None


def parse_curl(command: str) -> Curl:
    words = shlex.split(command)
    method, form, headers, max_time, target = "GET", None, False, None, ""
    position = 1
    while position < len(words):
        word = words[position]
        if word in ("-X", "-d", "--max-time"):
            value = words[position + 1]
            position += 1
            if word == "-X":
                method = value
            elif word == "-d":
                form = value if form is None else f"{form}&{value}"
                method = "POST" if method == "GET" else method
            else:
                max_time = float(value)
        elif word.startswith("-") and "i" in word and not word.startswith("--"):
            headers = True
        elif word.startswith("http"):
            target = word[len(REFERENCE_URL):]
        position += 1
    return Curl(method, target, form, headers, max_time)


@dataclass
class Block:
    title: str
    foreground: list[Curl]
    background: Curl | None  # written while the foreground long poll waits
    stdout: str


def reference_blocks() -> list[Block]:
    if not REFERENCE.exists():
        pytest.skip(f"the reference transcripts are not at {REFERENCE.parent}")
    section = REFERENCE.read_text().split("\n## v2 keys API\n", 1)[1]
    blocks = []
    for chunk in section.split("\n#### ")[1:]:
        title = chunk.split("\n", 1)[0]
        command = re.search(r"```sh\n\$ (.*?)\n```", chunk, re.DOTALL).group(1)
        stdout = re.search(r"stdout:\n```text\n(.*?)```", chunk, re.DOTALL).group(1)
        if "/v3/" in command:
            continue  # the v3 gateway is not this module's
        background = re.match(r"\(sleep 1; (curl [^)]*?) >/dev/null\) & ", command)
        rest = command[background.end():] if background else command
        curls = [parse_curl(part) for part in re.findall(r"curl -[^;]*", rest)]
        blocks.append(Block(title, curls, parse_curl(background.group(1)) if background else None, stdout))
    return blocks


def recorded_answers(block: Block) -> list[tuple[int | None, dict[str, str], str]]:
    """(status, headers, body) of each foreground curl in the transcript (status None without -i)."""
    text = re.sub(r"\n?\(curl rc=\d+\)\n$", "\n", block.stdout)
    if not block.foreground[0].headers:
        return [(None, {}, body) for body in text.split("\n\n") if body.strip()]
    head, _, body = text.partition("\n\n")
    status_line, *lines = head.split("\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return [(int(status_line.split()[1]), headers, body.rstrip("\n"))]


def _pairs(text: str) -> Any:
    """JSON with each object as its list of (key, value) pairs: field order is part of the comparison."""
    return json.loads(text, object_pairs_hook=list)


def normalised(data: Any) -> Any:
    """Times and raft counters vary from run to run; an unsorted listing's order is Go's map order."""
    if isinstance(data, list) and all(isinstance(item, tuple) for item in data):
        fields = dict(data)
        masked = []
        for key, value in data:
            if key in ("expiration", "startTime", "uptime"):
                value = "<time>"
            elif key == "ttl" and "expiration" in fields:
                value = "<ttl>"
            elif key == "nodes":
                value = sorted((normalised(node) for node in value), key=repr)
            else:
                value = normalised(value)
            masked.append((key, value))
        return masked
    if isinstance(data, list):
        return [normalised(item) for item in data]
    return data


COMPARED_HEADERS = ("Content-Type", "X-Etcd-Index", "X-Etcd-Cluster-Id", "Allow", "Transfer-Encoding")
PRESENT_HEADERS = ("X-Raft-Index", "X-Raft-Term")


def check_answer(title: str, ours: Answer, recorded: tuple[int | None, dict[str, str], str]) -> None:
    status, headers, body = recorded
    if status is not None:
        assert ours.status == status, title
        for name in COMPARED_HEADERS:
            assert ours.headers.get(name) == headers.get(name), f"{title}: {name}"
        # the same headers in Go's order (Date, Content-Length and the raft/etcd numbers aside)
        assert [name for name in ours.headers if name != "Content-Length"] == \
            [name for name in headers if name != "Content-Length"], title
        for name in PRESENT_HEADERS:
            assert (name in ours.headers) == (name in headers), f"{title}: {name}"
        if "Content-Length" in headers:
            assert int(ours.headers["Content-Length"]) == len(ours.body), title
    text = ours.body.decode()
    if not body.strip():
        assert text == "", title
    elif title.startswith("GET /v2/stats/store"):  # counters depend on the whole session
        assert [key for key, _ in _pairs(text)] == [key for key, _ in _pairs(body)], title
    elif body.lstrip().startswith("{"):
        assert normalised(_pairs(text)) == normalised(_pairs(body)), title
        assert text.endswith("\n") == (not title.startswith("GET /v2/stats")), title
    else:
        assert text == body.rstrip("\n"), title


def run_block(server: Server, block: Block, recorded: list[tuple[int | None, dict[str, str], str]]
              ) -> list[Answer]:
    answers = []
    for curl, (_, _, expected_body) in zip(block.foreground, recorded):
        if "wait=true" not in curl.target:
            answers.append(call(server.url, curl.method, curl.target, curl.form))
            continue
        poll = LongPoll(server.url, curl.target)
        try:
            if block.background is not None:
                writer = block.background
                assert call(server.url, writer.method, writer.target, writer.form).status in (200, 201)
            if expected_body.strip():
                body = poll.line()
            else:  # nothing happens: the headers, and no body
                with pytest.raises(TimeoutError):
                    poll.line(timeout=0.3)
                body = b""
            answers.append(Answer(poll.status, poll.headers, body))
        finally:
            poll.close()
    return answers


def test_the_v2_section_of_the_reference_transcript_gets_the_same_answers(server: Server) -> None:
    blocks = reference_blocks()
    assert len(blocks) >= 25
    for block in blocks:
        recorded = recorded_answers(block)
        ours = run_block(server, block, recorded)
        assert len(ours) == len(recorded), block.title
        for answer, expected in zip(ours, recorded):
            check_answer(block.title, answer, expected)


# -- side by side with a live real etcd ---------------------------------------------------------------------

# (method, path, form) sent in this order to both; each answer compared after `normalised`
SIDE_BY_SIDE: list[tuple[str, str, str | None]] = [
    ("GET", "/v2/keys", None),
    ("GET", "/v2/keys/foo?recursive=x", None),
    ("GET", "/v2/keys/foo?wait=true&waitIndex=abc", None),
    ("PUT", "/v2/keys/foo", "value=1&ttl=abc"),
    ("PUT", "/v2/keys/foo", "value=1&ttl=-5"),
    ("PUT", "/v2/keys/foo?wait=true", "value=1"),
    ("PUT", "/v2/keys/foo?prevValue=", "value=1"),
    ("PUT", "/v2/keys/foo?prevExist=maybe", "value=1"),
    ("PUT", "/v2/keys/", "value=1"),
    ("DELETE", "/v2/keys/?recursive=true", None),
    ("POST", "/v2/keys/", "value=top"),
    ("PUT", "/v2/keys/a", "value=1"),
    ("PUT", "/v2/keys/a/b", "value=1"),
    ("GET", "/v2/keys/a/b", None),
    ("POST", "/v2/keys/a", "value=1"),
    ("PUT", "/v2/keys/a?dir=true&prevExist=true", None),
    ("PUT", "/v2/keys/a?prevExist=true&noValueOnSuccess=true", "value=5"),
    ("PUT", "/v2/keys/a?prevIndex=0", "value=7"),
    ("PUT", "/v2/keys/a?prevIndex=6", "value=8"),
    ("PUT", "/v2/keys/a?prevIndex=2&prevValue=x", "value=8"),
    ("PUT", "/v2/keys/a", "ttl=50&refresh=true&value=x"),
    ("PUT", "/v2/keys/a", "refresh=true"),
    ("PUT", "/v2/keys/t", "value=v&ttl=100"),
    ("PUT", "/v2/keys/t", "ttl=50&refresh=true"),
    ("PUT", "/v2/keys/t?prevExist=true", "ttl=40&refresh=true"),
    ("PUT", "/v2/keys/t?prevValue=v", "ttl=30&refresh=true"),
    ("PUT", "/v2/keys/t?prevExist=true", "ttl="),
    ("PUT", "/v2/keys/nope", "ttl=5&refresh=true"),
    ("PUT", "/v2/keys/g?dir=true", "value=ignored"),
    ("PUT", "/v2/keys/g?dir=true&prevExist=false", None),
    ("PUT", "/v2/keys/g?prevValue=x", "value=y"),
    ("DELETE", "/v2/keys/g?prevValue=x", None),
    ("POST", "/v2/keys/q?dir=true", None),
    ("PUT", "/v2/keys/f", "value=1"),
    ("DELETE", "/v2/keys/f?prevIndex=2&prevValue=3", None),
    ("DELETE", "/v2/keys/f?prevValue=1", None),
    ("PUT", "/v2/keys/h/_hid", "value=1"),
    ("PUT", "/v2/keys/h/vis", "value=2"),
    ("PUT", "/v2/keys/h/_hd/x", "value=3"),
    ("GET", "/v2/keys/h?recursive=true", None),
    ("GET", "/v2/keys/h/_hd?recursive=true&sorted=true", None),
    ("DELETE", "/v2/keys/h/_hd?dir=true", None),
    ("GET", "/v2/keys/h?wait=true&waitIndex=1&recursive=true", None),
    ("GET", "/v2/keys/?recursive=true&sorted=true", None),
    ("PUT", "/v2/keys/sp%20ace", "value=%3Cb%3E%26%E2%82%AC%08"),  # Go escapes <, >, & and \b its own way
    ("GET", "/v2/keys/sp%20ace", None),
    ("PUT", "/v2/keys/enc%2Fslash", "value=1"),
    ("GET", "/v2/keys/enc/slash", None),
    ("PUT", "/v2/keys/both?value=query", "value=body"),  # the body's field wins
    ("GET", "/v2/keys/both/", None),
    ("GET", "/v2/keys/missing", None),
    ("HEAD", "/v2/keys/missing", None),
    ("HEAD", "/v2/keys/h/vis", None),
    ("PATCH", "/v2/keys/h/vis", None),
    ("POST", "/v2/stats/store", None),
    ("POST", "/v2/machines", None),
    ("HEAD", "/v2/machines", None),
    ("GET", "/v2/members/leader", None),
]


def send_all(base: str) -> list[Answer]:
    answers = []
    for method, path, form in SIDE_BY_SIDE:
        answers.append(call(base, method, path, form, timeout=5))
    return answers


def test_the_same_requests_get_the_same_answers_from_the_real_etcd_and_ours(tmp_path: Path) -> None:
    real = start_member("real", tmp_path)
    try:
        theirs = send_all(real.url)
        args = real.process.args
        real_peer = args[args.index("--initial-advertise-peer-urls") + 1]
        ours_dir = str(tmp_path / "ours")
        with Server(ours_dir, name=real.name, client_url=real.url, peer_url=real_peer) as server:
            ours = send_all(server.url)
    finally:
        real.stop()
    for (method, path, form), mine, reference in zip(SIDE_BY_SIDE, ours, theirs):
        title = f"{method} {path} {form}"
        assert mine.status == reference.status, title
        for name in ("Content-Type", "X-Etcd-Index", "X-Etcd-Cluster-Id", "Allow", "Content-Length"):
            if name == "Content-Length" and b"expiration" in reference.body:
                continue
            assert mine.headers.get(name) == reference.headers.get(name), f"{title}: {name}"
        for name in PRESENT_HEADERS:
            assert (name in mine.headers) == (name in reference.headers), f"{title}: {name}"
        if reference.body.startswith(b"{"):
            assert normalised(_pairs(mine.body)) == normalised(_pairs(reference.body)), title
        else:
            assert mine.body == reference.body, title


# -- long polls -------------------------------------------------------------------------------------------


def test_a_long_poll_sends_its_headers_at_once_and_the_event_when_it_happens(server: Server) -> None:
    poll = LongPoll(server.url, "/v2/keys/wk?wait=true")
    try:
        assert poll.status == 200
        assert poll.headers["X-Etcd-Index"] == str(PUBLISHED_INDEX)
        assert poll.headers["Transfer-Encoding"] == "chunked"
        with pytest.raises(TimeoutError):
            poll.line(timeout=0.2)
        assert call(server.url, "PUT", "/v2/keys/other", {"value": "x"}).status == 201
        with pytest.raises(TimeoutError):
            poll.line(timeout=0.2)
        assert call(server.url, "PUT", "/v2/keys/wk", {"value": "changed"}).status == 201
        event = json.loads(poll.line())
        assert event == {"action": "set", "node": {"key": "/wk", "value": "changed", "modifiedIndex": 5,
                                                   "createdIndex": 5}}
        assert poll.chunk() == b""  # one event, then the answer ends
    finally:
        poll.close()


def test_stream_watch_deletes_under_a_directory_and_the_watcher_gauge(server: Server) -> None:
    call(server.url, "PUT", "/v2/keys/d/k", {"value": "1"})
    stream = LongPoll(server.url, "/v2/keys/d?wait=true&recursive=true&stream=true")
    under = LongPoll(server.url, "/v2/keys/d/k?wait=true")
    try:
        wait_until(lambda: call(server.url, "GET", "/v2/stats/store").json()["watchers"] == 2,
                   message="two waiting watchers")
        call(server.url, "PUT", "/v2/keys/d/k", {"value": "2"})
        call(server.url, "DELETE", "/v2/keys/d?recursive=true")
        assert json.loads(stream.line())["node"]["value"] == "2"
        assert json.loads(stream.line())["action"] == "delete"
        assert json.loads(under.line())["node"]["value"] == "2"
    finally:
        stream.close()
        under.close()
    wait_until(lambda: call(server.url, "GET", "/v2/stats/store").json()["watchers"] == 0, timeout=5,
               message="the watchers of closed connections to go")


def test_a_long_poll_wakes_on_another_processes_write(server: Server, tmp_path: Path) -> None:
    poll = LongPoll(server.url, "/v2/keys/from-child?wait=true")
    try:
        child = subprocess.run([sys.executable, "-c", (
            "import sys; from minikube_py.store import Store, V2Set\n"
            "with Store(sys.argv[1]) as store: store.apply_one(V2Set('/1/from-child', 'hello'))"),
            server.store.data_dir], capture_output=True, text=True, timeout=30, check=False)
        assert child.returncode == 0, child.stderr
        assert json.loads(poll.line(timeout=5))["node"]["value"] == "hello"
    finally:
        poll.close()


def test_an_outdated_wait_index_is_refused_with_401(server: Server) -> None:
    server.store.apply([V2Set("/1/bulk", str(i)) for i in range(1005)])
    refused = call(server.url, "GET", "/v2/keys/bulk?wait=true&waitIndex=5")
    assert refused.status == 400
    assert refused.headers["X-Etcd-Index"] == "1008"
    assert refused.body == (b'{"errorCode":401,"message":'
                            b'"The event in requested index is outdated and cleared",'
                            b'"cause":"the requested history has been cleared [9/5]","index":1008}\n')


# -- TTLs -------------------------------------------------------------------------------------------------


def test_ttls_expire_while_the_member_runs_with_no_client_connected(server: Server) -> None:
    made = call(server.url, "PUT", "/v2/keys/short", {"value": "v", "ttl": "1"})
    assert (made.status, made.json()["node"]["ttl"]) == (201, 1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z", made.json()["node"]["expiration"])
    call(server.url, "PUT", "/v2/keys/dir?dir=true", {"ttl": "1"})
    call(server.url, "PUT", "/v2/keys/dir/in", {"value": "x"})
    wait_until(lambda: not server.store.v2.exists("/1/short") and not server.store.v2.exists("/1/dir"),
               timeout=4, message="the TTLs to expire")
    assert call(server.url, "GET", "/v2/keys/short").status == 404
    expired = call(server.url, "GET", "/v2/keys/?wait=true&recursive=true&waitIndex=7").json()
    assert expired["action"] == "expire"
    assert expired["node"] == {"key": "/short", "modifiedIndex": 7, "createdIndex": 4}
    assert call(server.url, "GET", "/v2/stats/store").json()["expireCount"] == 2


def test_members_machines_and_stats_describe_the_member(server: Server) -> None:
    members = call(server.url, "GET", "/v2/members")
    assert members.body == (b'{"members":[{"id":"2e1259d415f2a040","name":"ref","peerURLs":["http://127.0.0.1:23800"],'
                            b'"clientURLs":["http://127.0.0.1:23790"]}]}\n')
    machines = call(server.url, "GET", "/v2/machines")
    assert (machines.headers["Content-Type"], machines.body) == ("text/plain; charset=utf-8", b"http://127.0.0.1:23790")
    stats = call(server.url, "GET", "/v2/stats/self").json()
    assert (stats["name"], stats["id"], stats["state"]) == ("ref", "2e1259d415f2a040", "StateLeader")
    assert stats["leaderInfo"]["leader"] == "2e1259d415f2a040"
    assert call(server.url, "GET", "/v2/stats/leader").body == b'{"leader":"2e1259d415f2a040","followers":{}}'
    assert call(server.url, "PUT", "/v2/stats/self").status == 405
