"""The watch cache: every object under `/registry/`, kept current by one etcd watch, serving lists, watches
and the reads of admission and authorization without a round trip to etcd.

Cached objects are shared: nobody mutates them (writers build new dicts). A bounded history of recent
events lets a watch resume from a resourceVersion; older than the history is `410 Gone`, as Kubernetes
answers. Watchers get their events through bounded queues: one that falls too far behind is closed (its
client re-lists), so that a slow reader never holds the cache back."""

from __future__ import annotations

import asyncio
import collections
import json
import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from minikube_py.api import errors
from minikube_py.api.registry import Registry, Resource
from minikube_py.etcd.client import v3
from minikube_py.etcd.client.aio import AsyncClient

from . import keys
from .storage import decode

log = logging.getLogger("mk-apiserver.cache")
Object = dict[str, Any]
HISTORY = 50_000
WATCHER_BACKLOG = 10_000


@dataclass(frozen=True)
class Event:
    """One change: `type` ADDED/MODIFIED/DELETED, the object after it (for DELETED: the last state, with the
    deletion's revision) and before it."""

    revision: int
    type: str
    prefix: bytes
    key: bytes
    obj: Object
    old: Object | None


@dataclass(eq=False)
class Watcher:
    prefix: bytes                       # the resource's prefix
    key_prefix: bytes                   # the resource's, or one namespace's
    matches: Callable[[Object], bool]
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(WATCHER_BACKLOG))
    closed: bool = False

    def offer(self, event: Event) -> None:
        """Queue what this watcher sees of `event` (an object leaving its selection is DELETED for it)."""
        if self.closed or not event.key.startswith(self.key_prefix):
            return
        now = self.matches(event.obj)
        before = event.old is not None and self.matches(event.old)
        if event.type == "DELETED":
            kind = "DELETED" if now else None
        elif now:
            kind = "MODIFIED" if before else "ADDED"
        else:
            kind = "DELETED" if before else None
        if kind is None:
            return
        obj = event.obj
        if kind == "DELETED" and event.type != "DELETED":   # left the selection: its last state that matched
            obj = _at_revision(event.old, event.revision)
        try:
            self.queue.put_nowait((kind, obj))
        except asyncio.QueueFull:
            self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            while True:
                try:
                    self.queue.put_nowait(None)
                    return
                except asyncio.QueueFull:
                    self.queue.get_nowait()


def _at_revision(obj: Object, revision: int) -> Object:
    return {**obj, "metadata": {**obj.get("metadata", {}), "resourceVersion": str(revision)}}


class WatchCache:
    """Objects by resource prefix and key, the revision they are current at, and the recent history."""

    def __init__(self, etcd: AsyncClient, registry: Registry) -> None:
        self.etcd = etcd
        self.registry = registry
        self.revision = 0
        self.written = 0
        self._stores: dict[bytes, dict[bytes, Object]] = {}
        self._unplaced: dict[bytes, Object] = {}
        self._encoded: dict[bytes, tuple[Object, bytes]] = {}
        self._encoded_metadata: dict[bytes, tuple[Object, bytes]] = {}
        self._own_writes: dict[bytes, tuple[int, Object]] = {}
        self._history: collections.deque[Event] = collections.deque(maxlen=HISTORY)
        self._watchers: dict[bytes, set[Watcher]] = collections.defaultdict(set)
        self._progress = asyncio.Condition()
        self._task: asyncio.Task | None = None
        self.listeners: list[Callable[[Event], None]] = []   # in-process consumers (CRD registration, ...)
        for resource in registry.resources:
            self.register(resource)

    # -- the registry's resources -----------------------------------------------------------------------
    def register(self, resource: Resource) -> None:
        prefix = keys.resource_prefix(resource)
        if prefix in self._stores:
            return
        store = self._stores[prefix] = {}
        for key in [key for key in self._unplaced if key.startswith(prefix)]:
            store[key] = self._unplaced.pop(key)

    def _store_of(self, key: bytes) -> tuple[bytes, dict[bytes, Object]] | None:
        end = len(keys.ROOT)
        for _ in range(3):
            end = key.find(b"/", end) + 1
            if end == 0:
                return None
            store = self._stores.get(key[:end])
            if store is not None:
                return key[:end], store
        return None

    # -- reading ------------------------------------------------------------------------------------------
    def get(self, resource: Resource, namespace: str, name: str) -> Object | None:
        store = self._stores.get(keys.resource_prefix(resource), {})
        return store.get(keys.object_key(resource, namespace, name))

    def list(self, resource: Resource, namespace: str | None = None) -> list[Object]:
        return [obj for _, obj in self.items(resource, namespace)]

    def encoded(self, key: bytes, obj: Object) -> bytes:
        """`obj` (the object cached at `key`) as compact JSON, serialised once per version of the object: a
        LIST of ten thousand pods joins bytes instead of encoding them again."""
        return self._encode(self._encoded, key, obj)

    def encoded_metadata(self, key: bytes, metadata: Object) -> bytes:
        """The metadata of the object cached at `key` as compact JSON, once per version (Table rows)."""
        return self._encode(self._encoded_metadata, key, metadata)

    @staticmethod
    def _encode(kept: dict[bytes, tuple[Object, bytes]], key: bytes, value: Object) -> bytes:
        entry = kept.get(key)
        if entry is not None and entry[0] is value:
            return entry[1]
        data = json.dumps(value, separators=(",", ":")).encode()
        kept[key] = (value, data)
        return data

    def items(self, resource: Resource, namespace: str | None = None, start: bytes = b"") -> list[tuple[bytes, Object]]:
        """(key, object) in key order, from `start` on."""
        store = self._stores.get(keys.resource_prefix(resource), {})
        prefix = keys.namespace_prefix(resource, namespace)
        whole = prefix == keys.resource_prefix(resource)
        chosen = [(key, obj) for key, obj in store.items()
                  if (whole or key.startswith(prefix)) and key >= start]
        chosen.sort(key=lambda item: item[0])
        return chosen

    async def wait_for(self, revision: int, timeout: float = 3.0) -> None:
        """Until the cache is current at `revision`; 504 `Too large resource version` after `timeout`."""
        if self.revision >= revision:
            return
        async with self._progress:
            try:
                await asyncio.wait_for(self._progress.wait_for(lambda: self.revision >= revision), timeout)
            except asyncio.TimeoutError:
                raise errors.StatusError(504, "Timeout", f"Too large resource version: {revision}, current: "
                                         f"{self.revision}", {"causes": [{"reason": "ResourceVersionTooLarge",
                                                                          "message": "Too large resource version"}],
                                                              "retryAfterSeconds": 1}) from None

    def wrote(self, key: bytes, revision: int, obj: Object | None) -> None:
        """This apiserver's write of `obj` (None: a delete) at `key` and `revision` was acknowledged: consistent
        reads wait for the cache to see it, and its watch event reuses `obj` instead of decoding it again."""
        self.written = max(self.written, revision)
        if obj is not None and revision > self.revision:   # else its event came first and was decoded
            self._own_writes[key] = (revision, obj)

    async def sync(self) -> None:
        """Until the cache holds every write this apiserver acknowledged (a consistent read: the apiserver
        is the only writer of `/registry/`, as in Kubernetes with one apiserver)."""
        await self.wait_for(self.written, timeout=10.0)

    # -- watching -----------------------------------------------------------------------------------------
    def watch(self, resource: Resource, namespace: str | None, revision: int,
              matches: Callable[[Object], bool]) -> tuple[Watcher, list[tuple[str, Object]]]:
        """A watcher for events after `revision` (0: after now) and the events it missed since `revision`
        (410 Gone when the history no longer reaches back that far)."""
        prefix = keys.resource_prefix(resource)
        watcher = Watcher(prefix, keys.namespace_prefix(resource, namespace), matches)
        backlog: list[tuple[str, Object]] = []
        if revision and revision < self.revision:
            oldest = self._history[0].revision if self._history else self.revision + 1
            if revision < oldest - 1:
                raise errors.gone(f"too old resource version: {revision} ({oldest - 1})")
            probe = Watcher(prefix, watcher.key_prefix, matches, asyncio.Queue())
            for event in self._history:
                if event.revision > revision and event.prefix == prefix:
                    probe.offer(event)
            while not probe.queue.empty():
                backlog.append(probe.queue.get_nowait())
        self._watchers[prefix].add(watcher)
        return watcher, backlog

    def stop_watching(self, watcher: Watcher) -> None:
        watcher.closed = True
        self._watchers[watcher.prefix].discard(watcher)

    # -- feeding ------------------------------------------------------------------------------------------
    async def start(self) -> None:
        """Load everything, then follow etcd from the revision loaded (in the background)."""
        answer = await self.etcd.range(v3.range_request(keys.ROOT, v3.prefix_end(keys.ROOT)))
        for kv in answer["kvs"]:
            self._place(kv["key"], decode(kv["value"], kv["mod_revision"]))
        self.revision = answer["header"]["revision"]
        self._task = asyncio.create_task(self._follow())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        for watchers in self._watchers.values():
            for watcher in list(watchers):
                watcher.close()

    def _place(self, key: bytes, obj: Object) -> None:
        found = self._store_of(key)
        if found is None:
            self._unplaced[key] = obj
        else:
            found[1][key] = obj

    async def _follow(self) -> None:
        while True:
            try:
                async for response in self.etcd.watch(keys.ROOT, v3.prefix_end(keys.ROOT), self.revision + 1):
                    for event in response["events"]:
                        self._apply(event, response["header"]["revision"])
                    async with self._progress:
                        self._progress.notify_all()
            except asyncio.CancelledError:
                raise
            except v3.EtcdError as err:
                if "compacted" in str(err):
                    log.warning("watch cache fell behind a compaction; reloading")
                    await self._reload()
                    continue
                log.warning("etcd watch ended: %s; resuming", err)
            except Exception as err:  # noqa: BLE001 - the cache must outlive any one failure of its stream
                log.warning("etcd watch failed: %s; resuming", err)
            await asyncio.sleep(0.2)

    async def _reload(self) -> None:
        self._own_writes.clear()
        answer = await self.etcd.range(v3.range_request(keys.ROOT, v3.prefix_end(keys.ROOT)))
        fresh = {kv["key"]: decode(kv["value"], kv["mod_revision"]) for kv in answer["kvs"]}
        revision = answer["header"]["revision"]
        for prefix, store in self._stores.items():
            for key in list(store):
                if key not in fresh:
                    self._record(Event(revision, "DELETED", prefix, key, _at_revision(store.pop(key), revision), None))
        for key, obj in fresh.items():
            found = self._store_of(key)
            if found is None:
                self._unplaced[key] = obj
                continue
            prefix, store = found
            old = store.get(key)
            if old is None or old["metadata"]["resourceVersion"] != obj["metadata"]["resourceVersion"]:
                store[key] = obj
                self._record(Event(revision, "MODIFIED" if old else "ADDED", prefix, key, obj, old))
        self.revision = revision
        async with self._progress:
            self._progress.notify_all()

    def _apply(self, event: dict[str, Any], revision: int) -> None:
        kv = event["kv"]
        key = kv["key"]
        found = self._store_of(key)
        if found is None:
            self._own_writes.pop(key, None)
            if event["type"] == "DELETE":
                self._unplaced.pop(key, None)
            else:
                self._unplaced[key] = decode(kv["value"], kv["mod_revision"])
            self.revision = kv["mod_revision"]
            return
        prefix, store = found
        old = store.get(key)
        if event["type"] == "DELETE":
            self._own_writes.pop(key, None)
            if old is None:
                return
            del store[key]
            self._encoded.pop(key, None)
            self._encoded_metadata.pop(key, None)
            change = Event(kv["mod_revision"], "DELETED", prefix, key, _at_revision(old, kv["mod_revision"]), old)
        else:
            own = self._own_writes.pop(key, None)
            if own is not None and own[0] == kv["mod_revision"]:
                obj = own[1]
            else:
                try:
                    obj = decode(kv["value"], kv["mod_revision"])
                except ValueError:
                    log.warning("skipping a value that is not JSON at %r", key)
                    return
            store[key] = obj
            change = Event(kv["mod_revision"], "MODIFIED" if old is not None else "ADDED", prefix, key, obj, old)
        self.revision = kv["mod_revision"]
        self._record(change)

    def _record(self, event: Event) -> None:
        self._history.append(event)
        for watcher in list(self._watchers.get(event.prefix, ())):
            watcher.offer(event)
            if watcher.closed:
                self._watchers[event.prefix].discard(watcher)
        for listener in self.listeners:
            listener(event)
