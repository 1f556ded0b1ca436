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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from minikube_py.store import Event, KeyValue, StoreError
from minikube_py.store.errors import CompactedError
from minikube_py.store.records import main_of
from minikube_py.store.snapshot import write_snapshot

from . import gateway_codec as codec
from .gateway import PREFIXES
from .gojson import DecodeError, b64, decode_objects, go_json
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

    @classmethod
    def decode(cls, m: Message) -> WatchSpec:
        return cls(codec.bytes_field(m, "key"), codec.bytes_field(m, "range_end"),
                   codec.int_field(m, "start_revision"), codec.bool_field(m, "prev_kv"),
                   codec.bool_field(m, "progress_notify"), codec.watch_filters(m))

    def matches(self, event: Event) -> bool:
        key = event.kv.key
        if (NODELETE if event.is_delete else NOPUT) in self.filters:
            return False
        if not self.range_end:
            return key == self.key
        return key >= self.key and (self.range_end == b"\0" or key < self.range_end)


def event_json(event: Event, previous: KeyValue | None) -> Message:
    shown: Message = {"type": "DELETE"} if event.is_delete else {}
    shown["kv"] = codec.kv_json(event.kv)
    if previous is not None:
        shown["prev_kv"] = codec.kv_json(previous)
    return shown


class Stream:
    """A chunked answer of {"result": message} lines that knows when its client has gone."""

    def __init__(self, request: web.Request) -> None:
        self.request = request
        self.response = web.StreamResponse(headers=GATEWAY_HEADERS)

    async def open(self) -> None:
        await self.response.prepare(self.request)

    async def send(self, message: Message) -> None:
        await self.response.write((go_json({"result": message}) + "\n").encode())

    async def fail(self, error: Message) -> None:
        await self.response.write(go_json({"error": error}).encode())

    @property
    def client_gone(self) -> bool:
        transport = self.request.transport
        return transport is None or transport.is_closing()


class Streams:
    def __init__(self, member: EtcdMember, progress_interval: float) -> None:
        self.member = member
        self.store = member.store
        self.progress_interval = progress_interval

    async def watch(self, request: web.Request, messages: list[Message]) -> web.StreamResponse:
        create = next((codec.field(m, "create_request") for m in messages if codec.field(m, "create_request")), None)
        spec = WatchSpec.decode(create) if create is not None else None
        stream = Stream(request)
        await stream.open()
        if spec is None:
            return stream.response
        try:
            await stream.send({"header": self.member.header(), "created": True})
            await self._follow(stream, spec)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        return stream.response

    async def _follow(self, stream: Stream, spec: WatchSpec) -> None:
        """Send what changes, as etcd frames it: the history a watch starts with (start_revision in the
        past) in one message, then one message per revision as writes commit."""
        next_revision = spec.start_revision or self.store.revision + 1
        replaying = next_revision <= self.store.revision
        last_sent = time.monotonic()
        while not stream.client_gone:
            if self.member.stopping:
                await stream.fail(STOPPING)
                return
            current = self.store.revision
            if next_revision <= current:
                try:
                    events, previous = self.store.events(next_revision, current, with_prev_kv=spec.prev_kv)
                except CompactedError:
                    await stream.send({"header": self.member.header(0), "canceled": True,
                                       "compact_revision": str(self.store.compact_revision)})
                    return
                next_revision = current + 1
                matching = [(event, previous[i] if spec.prev_kv else None)
                            for i, event in enumerate(events) if spec.matches(event)]
                batches = [(current, matching)] if replaying else [
                    (revision, list(group)) for revision, group in
                    itertools.groupby(matching, key=lambda pair: main_of(pair[0].revision_id))]
                replaying = False
                for revision, batch in batches:
                    if batch:
                        await stream.send({"header": self.member.header(revision),
                                           "events": [event_json(event, prev) for event, prev in batch]})
                        last_sent = time.monotonic()
                continue
            wait = CLIENT_CHECK
            if spec.progress_notify:
                wait = min(wait, max(0.0, last_sent + self.progress_interval - time.monotonic()))
            try:
                await asyncio.wait_for(self.member.next_commit(), timeout=wait)
            except asyncio.TimeoutError:
                if spec.progress_notify and time.monotonic() - last_sent >= self.progress_interval:
                    await stream.send({"header": self.member.header()})
                    last_sent = time.monotonic()

    async def keepalive(self, request: web.Request, messages: list[Message]) -> web.StreamResponse:
        stream = Stream(request)
        await stream.open()
        for message in messages:
            lease_id = codec.lease_id(message)
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
            await stream.open()
            remaining = size
            while remaining:
                chunk = file.read(SNAPSHOT_CHUNK)
                remaining -= len(chunk)
                shown: Message = {"remaining_bytes": str(remaining)} if remaining else {}
                shown["blob"] = b64(chunk)
                await stream.send(shown)
        return stream.response


def streaming(call: Any) -> Any:
    async def handle(request: web.Request) -> web.StreamResponse:
        if request.method != "POST":
            return options() if request.method == "OPTIONS" else method_not_allowed()
        try:
            messages, error = decode_objects(await request.read())
            if error is not None:
                raise error
            return await call(request, messages)
        except DecodeError as err:
            return gateway_error(str(err), 3)
        except StoreError as err:
            return store_error(err)

    return handle


def add_routes(app: web.Application, member: EtcdMember, progress_interval: float) -> None:
    streams = Streams(member, progress_interval)
    for path, call in (("watch", streams.watch), ("lease/keepalive", streams.keepalive),
                       ("maintenance/snapshot", streams.snapshot)):
        handler = streaming(call)
        for prefix in PREFIXES:
            app.router.add_route("*", prefix + path, handler)
