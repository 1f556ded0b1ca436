"""The v3 gateway's streaming calls, answered as newline-separated {"result": ...} messages on one
chunked response: /v3/watch (created, events as they commit, progress notifications, cancellation on
compaction), /v3/lease/keepalive (one answer per request in the body) and /v3/maintenance/snapshot (the
snapshot file in 32 KiB blobs with the bytes remaining)."""

from __future__ import annotations

import asyncio
import itertools
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from minikube_py.store import Event, KeyValue, StoreError
from minikube_py.store.errors import CompactedError
from minikube_py.store.records import main_of
from minikube_py.store.snapshot import write_snapshot

from . import gateway_codec as codec
from .gateway import PREFIXES
from .gojson import DecodeError, b64, decode_object, decode_objects, go_json
from .http_common import GATEWAY_HEADERS, gateway_error, method_not_allowed, options, store_error

if TYPE_CHECKING:
    from .member import EtcdMember

Message = dict[str, Any]
SNAPSHOT_CHUNK = 32 * 1024
CLIENT_CHECK = 1.0  # seconds: an idle stream looks at least this often whether its client is gone
NOPUT, NODELETE = codec.FILTERS["NOPUT"], codec.FILTERS["NODELETE"]
# What etcd's gateway writes on an open stream when the member stops (grpc-gateway's stream error: no
# newline after it), before it ends the response.
STOPPING = {"grpc_code": 14, "http_code": 503, "message": "transport is closing",
            "http_status": "Service Unavailable"}


@dataclass
class WatchSpec:
    key: bytes
    range_end: bytes
    start_revision: int
    prev_kv: bool
    progress_notify: bool
    filters: set[int]
    watch_id: int  # 0: the stream picks one

    @classmethod
    def decode(cls, m: Message) -> WatchSpec:
        return cls(codec.bytes_field(m, "key"), codec.bytes_field(m, "range_end"),
                   codec.int_field(m, "start_revision"), codec.bool_field(m, "prev_kv"),
                   codec.bool_field(m, "progress_notify"), codec.watch_filters(m), codec.int_field(m, "watch_id"))

    def matches(self, event: Event) -> bool:
        key = event.kv.key
        if (NODELETE if event.is_delete else NOPUT) in self.filters:
            return False
        if not self.range_end:
            return key == self.key
        return key >= self.key and (self.range_end == b"\0" or key < self.range_end)


@dataclass
class WatchRequest:
    """One request of a watch stream: create (with `spec`), cancel (`watch_id`), progress, or none of them
    (ignored, as etcd ignores it)."""

    kind: str
    spec: WatchSpec | None = None
    watch_id: int = 0

    @classmethod
    def decode(cls, m: Message) -> WatchRequest:
        create = codec.message_field(m, "create_request")
        if create is not None:
            return cls("create", spec=WatchSpec.decode(create))
        cancel = codec.message_field(m, "cancel_request")
        if cancel is not None:
            return cls("cancel", watch_id=codec.int_field(cancel, "watch_id"))
        if codec.message_field(m, "progress_request") is not None:
            return cls("progress")
        return cls("none")


@dataclass
class Watcher:
    id: int
    spec: WatchSpec
    next_revision: int
    replaying: bool  # the first events sent are its history, in one message
    last_sent: float


def event_json(event: Event, previous: KeyValue | None) -> Message:
    shown: Message = {"type": "DELETE"} if event.is_delete else {}
    shown["kv"] = codec.kv_json(event.kv)
    if previous is not None:
        shown["prev_kv"] = codec.kv_json(previous)
    return shown


def watch_response(header: Message, watch_id: int, **fields: object) -> Message:
    """A WatchResponse: the header, the watch ID unless 0, then `fields` (in proto order)."""
    shown: Message = {"header": header}
    if watch_id:
        shown["watch_id"] = str(watch_id)
    shown.update(fields)
    return shown


class Stream:
    """A chunked answer of {"result": message} lines that knows when its client has gone. Its headers are
    sent with the first message, as the gateway sends them only once the server has answered."""

    def __init__(self, request: web.Request) -> None:
        self.request = request
        self.response = web.StreamResponse(headers=GATEWAY_HEADERS)

    async def send(self, message: Message) -> None:
        if not self.response.prepared:
            await self.response.prepare(self.request)
        await self.response.write((go_json({"result": message}) + "\n").encode())

    async def fail(self, error: Message) -> None:
        if not self.response.prepared:
            await self.response.prepare(self.request)
        await self.response.write(go_json({"error": error}).encode())

    @property
    def client_gone(self) -> bool:
        transport = self.request.transport
        return transport is None or transport.is_closing()


class WatchStream:
    """One /v3/watch call: the watchers its requests created, each sending what changes as etcd frames it
    (its history, when it starts in the past, in one message; then one message per revision)."""

    def __init__(self, streams: Streams, stream: Stream) -> None:
        self.member = streams.member
        self.store = streams.store
        self.progress_interval = streams.progress_interval
        self.stream = stream
        self.watchers: dict[int, Watcher] = {}
        self.next_id = 0

    async def handle(self, request: WatchRequest) -> None:
        if request.kind == "create":
            await self.create(request.spec)  # type: ignore[arg-type]
        elif request.kind == "cancel" and request.watch_id in self.watchers:
            del self.watchers[request.watch_id]
            await self.stream.send(watch_response(self.member.header(), request.watch_id, canceled=True))
        elif request.kind == "progress":
            await self.stream.send(watch_response(self.member.header(), -1))

    async def create(self, spec: WatchSpec) -> None:
        if spec.watch_id and spec.watch_id in self.watchers:
            await self.stream.send(watch_response(
                self.member.header(), -1, created=True, canceled=True,
                cancel_reason="mvcc: duplicate watch ID provided on the WatchStream"))
            return
        watch_id = spec.watch_id
        if not watch_id:
            while self.next_id in self.watchers:
                self.next_id += 1
            watch_id, self.next_id = self.next_id, self.next_id + 1
        current, start = self.store.revision, spec.start_revision
        # etcd starts a watch from now unless it asks for a past revision (a negative one is compacted history
        # once the store has been compacted)
        now = start == 0 or start > current or (start < 0 and not self.store.compact_revision)
        self.watchers[watch_id] = Watcher(watch_id, spec, max(current + 1, start) if now else start,
                                          not now, time.monotonic())
        await self.stream.send(watch_response(self.member.header(current), watch_id, created=True))

    async def follow(self) -> None:
        """Send what changes until the client goes or the member stops."""
        while not self.stream.client_gone:
            if self.member.stopping:
                await self.stream.fail(STOPPING)
                return
            current = self.store.revision
            for watcher in list(self.watchers.values()):
                if watcher.next_revision <= current:
                    await self._send_events(watcher, current)
            if self.store.revision > current:
                continue
            try:
                await asyncio.wait_for(self.member.next_commit(), timeout=self._wait())
            except asyncio.TimeoutError:
                await self._notify_progress()

    async def _send_events(self, watcher: Watcher, current: int) -> None:
        spec = watcher.spec
        try:
            events, previous = self.store.events(watcher.next_revision, current, with_prev_kv=spec.prev_kv)
        except CompactedError:
            del self.watchers[watcher.id]
            await self.stream.send(watch_response(self.member.header(0), watcher.id, canceled=True,
                                                  compact_revision=str(self.store.compact_revision)))
            return
        watcher.next_revision = current + 1
        matching = [(event, previous[i] if spec.prev_kv else None)
                    for i, event in enumerate(events) if spec.matches(event)]
        batches = [(current, matching)] if watcher.replaying else [
            (revision, list(group)) for revision, group in
            itertools.groupby(matching, key=lambda pair: main_of(pair[0].revision_id))]
        watcher.replaying = False
        for revision, batch in batches:
            if batch:
                await self.stream.send(watch_response(self.member.header(revision), watcher.id,
                                                      events=[event_json(event, prev) for event, prev in batch]))
                watcher.last_sent = time.monotonic()

    def _wait(self) -> float:
        """Seconds until the next look: a progress notification due, or a check that the client is there."""
        due = [watcher.last_sent + self.progress_interval for watcher in self.watchers.values()
               if watcher.spec.progress_notify]
        return max(0.0, min([CLIENT_CHECK + time.monotonic(), *due]) - time.monotonic())

    async def _notify_progress(self) -> None:
        now = time.monotonic()
        for watcher in list(self.watchers.values()):
            if watcher.spec.progress_notify and now - watcher.last_sent >= self.progress_interval:
                await self.stream.send(watch_response(self.member.header(), watcher.id))
                watcher.last_sent = now


class Streams:
    def __init__(self, member: EtcdMember, progress_interval: float) -> None:
        self.member = member
        self.store = member.store
        self.progress_interval = progress_interval

    async def watch(self, request: web.Request, requests: list[WatchRequest]) -> web.StreamResponse:
        stream = Stream(request)
        watches = WatchStream(self, stream)
        try:
            for each in requests:
                await watches.handle(each)
            await watches.follow()
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        return stream.response

    async def keepalive(self, request: web.Request, lease_ids: list[int]) -> web.StreamResponse:
        stream = Stream(request)
        await stream.response.prepare(request)
        for lease_id in lease_ids:
            try:
                ttl = self.store.lease_keepalive(lease_id)
            except StoreError:  # etcd answers an unknown lease with TTL 0
                ttl = 0
            shown: Message = {"header": self.member.header(), "ID": str(lease_id)}
            if ttl:
                shown["TTL"] = str(ttl)
            await stream.send(shown)
        return stream.response

    async def snapshot(self, request: web.Request, messages: list[Message]) -> web.StreamResponse:
        directory = os.path.join(self.store.data_dir, "member")
        with tempfile.TemporaryFile(dir=directory, prefix="snapshot-") as file:
            async with self.member.data_file_lock:
                size = await asyncio.to_thread(write_snapshot, self.store.backend, file)
            file.seek(0)
            stream = Stream(request)
            remaining = size
            while remaining:
                chunk = file.read(SNAPSHOT_CHUNK)
                remaining -= len(chunk)
                shown: Message = {"remaining_bytes": str(remaining)} if remaining else {}
                shown["blob"] = b64(chunk)
                await stream.send(shown)
        return stream.response


def streaming(call: Any, decode: Callable[[Message], Any]) -> Any:
    """A handler for a call streaming requests: the body's messages, each decoded with `decode`, up to the
    first that cannot be; that one ends the requests, or, the first, fails the call (with gRPC's Unknown
    code, as the gateway fails a request it cannot decode before the call has begun)."""

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.method != "POST":
            return options() if request.method == "OPTIONS" else method_not_allowed()
        messages, error = decode_objects(await request.read())
        requests = []
        try:
            for message in messages:
                requests.append(decode(message))
        except DecodeError as err:
            error = err
        if error is not None and not requests:
            return gateway_error(str(error), 2)
        try:
            return await call(request, requests)
        except StoreError as err:
            return store_error(err)

    return handle


def snapshot_handler(call: Any) -> Any:
    """The snapshot call's handler: one request, read as a unary call's."""

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.method != "POST":
            return options() if request.method == "OPTIONS" else method_not_allowed()
        try:
            return await call(request, [decode_object(await request.read())])
        except DecodeError as err:
            return gateway_error(str(err), 3)
        except StoreError as err:
            return store_error(err)

    return handle


def add_routes(app: web.Application, member: EtcdMember, progress_interval: float) -> None:
    streams = Streams(member, progress_interval)
    for path, handler in (("watch", streaming(streams.watch, WatchRequest.decode)),
                          ("lease/keepalive", streaming(streams.keepalive, codec.lease_id)),
                          ("maintenance/snapshot", snapshot_handler(streams.snapshot))):
        for prefix in PREFIXES:
            app.router.add_route("*", prefix + path, handler)
