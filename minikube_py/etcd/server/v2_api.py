"""etcd 3.4's v2 HTTP API on the member: /v2/keys (reads of the store's v2 keyspace, writes through the
member's group commit, long-poll watches with wait=true), /v2/members, /v2/machines and /v2/stats/*, with
etcd's answers: JSON shaped like Go's encoder writes it, v2 error bodies and statuses, and the
X-Etcd-Index, X-Raft-Index, X-Raft-Term and X-Etcd-Cluster-Id headers.

It also runs what the v2 store needs while the member runs: expiring TTLs (etcd's leader does it with a
SYNC request every 500 ms; here a task sleeps until the next deadline, at most 500 ms), and publishing
the member's attributes under /0 as etcd does on every start, which is why a fresh member's etcd index
is 3 and grows by one per restart, as a real member's does.

    add_routes(app, member)   # member: store, membership, id, cluster_id, name, client_urls, peer_urls,
                              # started_at, submit(request), next_commit()
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from minikube_py.flags.values import format_duration, parse_bool
from minikube_py.store import (
    CLUSTER_PREFIX,
    KEYS_PREFIX,
    StoreError,
    V2CompareAndDelete,
    V2CompareAndSwap,
    V2Create,
    V2Delete,
    V2Error,
    V2Event,
    V2Expire,
    V2Node,
    V2Set,
    V2Update,
    V2Watcher,
)
from minikube_py.store.v2_types import (
    INDEX_NAN,
    INVALID_FIELD,
    PREV_VALUE_REQUIRED,
    RAFT_INTERNAL,
    REFRESH_TTL_REQUIRED,
    REFRESH_VALUE,
    TTL_NAN,
)

from .gojson import SECOND, go_json, rfc3339nano

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

SYNC_INTERVAL = 0.5  # seconds: the longest a due TTL waits, as etcd's SYNC period
WATCH_RECHECK = 1.0  # seconds: a waiting watch looks again (and notices a gone client) at least this often
CLUSTER_VERSION = "3.4.0"
MAX_TTL = (2**63 - 1) // SECOND  # Go's time.Duration limit
KEYS_METHODS = ("HEAD", "GET", "PUT", "POST", "DELETE")
_UINT = re.compile(r"[0-9]+")


def _user_key(key: str) -> str:
    """A store path as /v2/keys shows it: without the keys namespace (its root shows no key)."""
    return key.removeprefix(KEYS_PREFIX)


def node_json(node: V2Node) -> dict[str, Any]:
    """etcd's NodeExtern in its field order, empty fields left out."""
    shown: dict[str, Any] = {}
    key = _user_key(node.key)
    if key:
        shown["key"] = key
    if node.value is not None:
        shown["value"] = node.value
    if node.dir:
        shown["dir"] = True
    if node.expiration is not None:
        shown["expiration"] = rfc3339nano(node.expiration)
    if node.ttl:
        shown["ttl"] = node.ttl
    if node.nodes:
        shown["nodes"] = [node_json(child) for child in node.nodes]
    if node.modified:
        shown["modifiedIndex"] = node.modified
    if node.created:
        shown["createdIndex"] = node.created
    return shown


def event_json(event: V2Event, *, with_nodes: bool = True) -> dict[str, Any]:
    shown: dict[str, Any] = {"action": event.action}
    if with_nodes:
        shown["node"] = node_json(event.node)
        if event.prev_node is not None:
            shown["prevNode"] = node_json(event.prev_node)
    return shown


def error_json(err: V2Error) -> dict[str, Any]:
    shown: dict[str, Any] = {"errorCode": err.error_code, "message": err.text}
    cause = _user_key(err.cause)
    if cause:
        shown["cause"] = cause
    shown["index"] = err.index
    return shown


# -- the /v2/keys request -----------------------------------------------------------------------------------


@dataclass(slots=True)
class KeyRequest:
    """A /v2/keys request as etcd's parseKeyRequest reads it (path already in the store's keys namespace)."""

    method: str
    path: str
    value: str = ""
    dir: bool = False
    recursive: bool = False
    sorted: bool = False
    wait: bool = False
    stream: bool = False
    prev_value: str = ""
    prev_index: int = 0
    wait_index: int = 0
    ttl: int | None = None
    prev_exist: bool | None = None
    refresh: bool = False
    no_value_on_success: bool = False


def _uint(form: dict[str, str], name: str, code: int, cause: str) -> int:
    if name not in form:
        return 0
    text = form[name]
    if not _UINT.fullmatch(text) or int(text) >= 2**64:
        raise V2Error(code, cause)
    return int(text)


def _bool(form: dict[str, str], name: str, cause: str | None = None) -> bool:
    if name not in form:
        return False
    try:
        return parse_bool(form[name])
    except ValueError:
        raise V2Error(INVALID_FIELD, cause or f'invalid value for "{name}"') from None


def parse_key_request(method: str, user_path: str, form: dict[str, str]) -> KeyRequest:
    """Check and read the form fields in etcd's order, raising its V2Errors (index 0)."""
    req = KeyRequest(method, KEYS_PREFIX + _clean_user_path(user_path))
    req.prev_index = _uint(form, "prevIndex", INDEX_NAN, 'invalid value for "prevIndex"')
    req.wait_index = _uint(form, "waitIndex", INDEX_NAN, 'invalid value for "waitIndex"')
    req.recursive = _bool(form, "recursive")
    req.sorted = _bool(form, "sorted")
    req.wait = _bool(form, "wait")
    req.dir = _bool(form, "dir")
    _bool(form, "quorum")  # a quorum read is an ordinary read on a single member
    req.stream = _bool(form, "stream")
    if req.wait and method != "GET":
        raise V2Error(INVALID_FIELD, '"wait" can only be used with GET requests')
    req.prev_value = form.get("prevValue", "")
    if "prevValue" in form and not req.prev_value:
        raise V2Error(PREV_VALUE_REQUIRED, '"prevValue" cannot be empty')
    req.no_value_on_success = _bool(form, "noValueOnSuccess")
    if form.get("ttl"):
        req.ttl = _uint(form, "ttl", TTL_NAN, 'invalid value for "ttl"')
        if req.ttl > MAX_TTL:
            raise V2Error(TTL_NAN, 'invalid value for "ttl"')
    if "prevExist" in form:
        req.prev_exist = _bool(form, "prevExist", "invalid value for prevExist")
    if "refresh" in form:
        req.refresh = _bool(form, "refresh", "invalid value for refresh")
        if req.refresh and form.get("value"):
            raise V2Error(REFRESH_VALUE, "A value was provided on a refresh")
        if req.refresh and req.ttl is None:
            raise V2Error(REFRESH_TTL_REQUIRED, "No TTL value set")
    req.value = form.get("value", "")
    return req


def _clean_user_path(path: str) -> str:
    """The key below the namespace, never escaping it (`..` stops at the keys root)."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/" + "/".join(parts) if parts else ""


def write_request(req: KeyRequest) -> object:
    """The store request etcd's v2 applier makes of a PUT, POST or DELETE."""
    compares = req.prev_index > 0 or bool(req.prev_value)
    if req.method == "POST":
        return V2Create(req.path, req.value, dir=req.dir, unique=True, ttl=req.ttl)
    if req.method == "DELETE":
        if compares:
            return V2CompareAndDelete(req.path, req.prev_value, req.prev_index)
        return V2Delete(req.path, dir=req.dir, recursive=req.recursive)
    if req.prev_exist is False:
        return V2Create(req.path, req.value, dir=req.dir, ttl=req.ttl)
    if compares:
        return V2CompareAndSwap(req.path, req.value, req.prev_value, req.prev_index, ttl=req.ttl,
                                refresh=req.refresh)
    if req.prev_exist:
        return V2Update(req.path, req.value, ttl=req.ttl, refresh=req.refresh)
    return V2Set(req.path, req.value, dir=req.dir, ttl=req.ttl, refresh=req.refresh)


async def _form(request: web.Request) -> dict[str, str]:
    """Go's Request.Form: a urlencoded body's fields (PUT/POST/PATCH) before the query's; first value wins."""
    pairs = []
    urlencoded = request.content_type == "application/x-www-form-urlencoded"
    if request.method in ("PUT", "POST", "PATCH") and urlencoded:
        pairs += parse_qsl((await request.read()).decode("utf-8", "replace"), keep_blank_values=True)
    pairs += parse_qsl(request.query_string, keep_blank_values=True)
    form: dict[str, str] = {}
    for name, value in pairs:
        form.setdefault(name, value)
    return form


# -- the API -----------------------------------------------------------------------------------------------


def _json_response(data: object, *, status: int = 200, headers: dict[str, str] | None = None,
                   newline: bool = True) -> web.Response:
    body = go_json(data) + ("\n" if newline else "")
    return web.Response(status=status, body=body.encode(), content_type="application/json", headers=headers)


def _method_not_allowed(allowed: tuple[str, ...]) -> web.Response:
    return web.Response(status=405, text="Method Not Allowed\n",
                        headers={"Allow": ",".join(allowed), "X-Content-Type-Options": "nosniff"})


class V2API:
    def __init__(self, member: Any) -> None:
        self.member = member
        self._tasks: list[asyncio.Task] = []
        self._published: asyncio.Task | None = None

    # -- headers and answers ----------------------------------------------------------------------------

    @property
    def _cluster_header(self) -> dict[str, str]:
        return {"X-Etcd-Cluster-Id": f"{self.member.cluster_id:x}"}

    def _event_headers(self, etcd_index: int) -> dict[str, str]:
        store = self.member.store
        return {**self._cluster_header, "X-Etcd-Index": str(etcd_index),
                "X-Raft-Index": str(store.status().raft_index), "X-Raft-Term": str(store.raft_term)}

    def _error(self, err: StoreError) -> web.Response:
        if not isinstance(err, V2Error):
            err = V2Error(RAFT_INTERNAL, str(err), 0)
        headers = {**self._cluster_header, "X-Etcd-Index": str(err.index)}
        return _json_response(error_json(err), status=err.http_status, headers=headers)

    def _answer(self, event: V2Event, etcd_index: int, *, no_value: bool = False) -> web.Response:
        created = event.action == "create" or (event.action == "set" and event.prev_node is None)
        hide = no_value and event.action in ("set", "compareAndSwap", "create", "update")
        return _json_response(event_json(event, with_nodes=not hide), status=201 if created else 200,
                              headers=self._event_headers(etcd_index))

    # -- /v2/keys -------------------------------------------------------------------------------------------

    async def keys(self, request: web.Request) -> web.StreamResponse:
        if request.method not in KEYS_METHODS:
            return _method_not_allowed(KEYS_METHODS)
        if self._published is not None and not self._published.done():
            await asyncio.wait([self._published])  # clients see etcd's indexes: the member's attributes first
        try:
            req = parse_key_request(request.method, request.match_info.get("path", ""), await _form(request))
            if req.wait:
                watcher = V2Watcher(self.member.store.v2, req.path, recursive=req.recursive,
                                    since=req.wait_index)
            elif request.method in ("GET", "HEAD"):
                answer = self.member.store.v2.get(req.path, recursive=req.recursive, sort=req.sorted)
            else:
                answer = await self.member.submit(write_request(req))
        except StoreError as err:
            return self._error(err)
        if req.wait:
            return await self._watch(request, watcher, req.stream)
        return self._answer(answer.event, answer.etcd_index, no_value=req.no_value_on_success)

    async def _watch(self, request: web.Request, watcher: V2Watcher, stream: bool) -> web.StreamResponse:
        """Long poll: headers at once, then the first matching event (every one with stream=true)."""
        response = web.StreamResponse(headers={**self._event_headers(watcher.start_index),
                                               "Content-Type": "application/json"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        stats = self.member.store.v2.stats
        stats["watchers"] += 1
        try:
            await self._deliver(request, response, watcher, stream)
        except ConnectionResetError:  # the client went away
            pass
        finally:
            stats["watchers"] -= 1
        return response

    async def _deliver(self, request: web.Request, response: web.StreamResponse, watcher: V2Watcher,
                       stream: bool) -> None:
        commit: asyncio.Future | None = None
        try:
            while True:
                if commit is None or commit.done():
                    commit = asyncio.ensure_future(self.member.next_commit())
                    await asyncio.sleep(0)  # let it start waiting before looking, so no commit slips between
                try:
                    event = watcher.next_event()
                except V2Error:  # fell out of the history: etcd drops such a watcher and ends the answer
                    return
                if event is None:
                    if request.transport is None or request.transport.is_closing():
                        return
                    await asyncio.wait([commit], timeout=WATCH_RECHECK)
                    continue
                await response.write((go_json(event_json(event)) + "\n").encode())
                if not stream:
                    return
        finally:
            if commit is not None:
                commit.cancel()

    # -- members, machines, stats -------------------------------------------------------------------------

    def _members(self) -> list[dict[str, Any]]:
        member = self.member
        shown = []
        for known in member.membership.members:
            client_urls = known.client_urls or (list(member.client_urls) if known.id == member.id else [])
            shown.append({"id": f"{known.id:x}", "name": known.name, "peerURLs": list(known.peer_urls),
                          "clientURLs": client_urls})
        return shown

    async def members(self, request: web.Request) -> web.Response:
        return _json_response({"members": self._members()}, headers=self._cluster_header)

    async def leader(self, request: web.Request) -> web.Response:
        ours = next(shown for shown in self._members() if shown["id"] == f"{self.member.id:x}")
        return _json_response(ours, headers=self._cluster_header)

    async def machines(self, request: web.Request) -> web.Response:
        urls = [url for shown in self._members() for url in shown["clientURLs"]]
        return web.Response(body=", ".join(urls).encode())  # no type: etcd lets Go sniff it

    async def stats_self(self, request: web.Request) -> web.Response:
        member = self.member
        started = _unix_ns(member.started_at)
        uptime = format_duration((time.time_ns() - started) / SECOND)
        member_id = f"{member.id:x}"
        return _json_response({
            "name": member.name, "id": member_id, "state": "StateLeader", "startTime": rfc3339nano(started),
            "leaderInfo": {"leader": member_id, "uptime": uptime, "startTime": rfc3339nano(started)},
            "recvAppendRequestCnt": 0, "sendAppendRequestCnt": 0,
        }, newline=False)

    async def stats_store(self, request: web.Request) -> web.Response:
        return _json_response(self.member.store.v2.stats, newline=False)

    async def stats_leader(self, request: web.Request) -> web.Response:
        return _json_response({"leader": f"{self.member.id:x}", "followers": {}}, newline=False)

    # -- background work ------------------------------------------------------------------------------------

    async def start(self, app: web.Application) -> None:
        self._published = asyncio.create_task(self._publish())
        self._tasks = [self._published, asyncio.create_task(self._expire())]

    async def stop(self, app: web.Application) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _publish(self) -> None:
        """What etcd writes to its v2 store when a member starts: the member's peer URLs (once), its name
        and client URLs (every start) and the cluster version (once)."""
        member, v2 = self.member, self.member.store.v2
        base = f"{CLUSTER_PREFIX}/members/{member.id:x}"
        requests = []
        if not v2.exists(base + "/raftAttributes"):
            requests.append(V2Set(base + "/raftAttributes", go_json({"peerURLs": list(member.peer_urls)})))
        requests.append(V2Set(base + "/attributes",
                              go_json({"name": member.name, "clientURLs": list(member.client_urls)})))
        if not v2.exists(CLUSTER_PREFIX + "/version"):
            requests.append(V2Set(CLUSTER_PREFIX + "/version", CLUSTER_VERSION))
        try:
            for publish in requests:
                await member.submit(publish)
        except StoreError:
            log.exception("v2 store: publishing the member's attributes failed")

    async def _expire(self) -> None:
        """Remove nodes whose TTL ran out, while the member runs, whether or not anyone is connected."""
        while True:
            try:
                deadline = self.member.store.v2.next_expiry()
                now = time.time_ns()
                if deadline is not None and deadline <= now:
                    await self.member.submit(V2Expire())
                    continue
                delay = SYNC_INTERVAL if deadline is None else min((deadline - now) / SECOND, SYNC_INTERVAL)
            except Exception:  # a failing store must not end expiry for good: say so and try again
                log.exception("v2 store: expiring TTLs failed")
                delay = SYNC_INTERVAL
            await asyncio.sleep(delay)


def _unix_ns(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.astimezone()
    moment = moment.astimezone(UTC)
    return int(moment.replace(microsecond=0).timestamp()) * SECOND + moment.microsecond * 1000


def _only(methods: tuple[str, ...], handler: Handler) -> Handler:
    """`handler` for `methods`; any other method gets etcd's 405 (a single member adds or removes none)."""

    async def checked(request: web.Request) -> web.StreamResponse:
        if request.method not in methods:
            return _method_not_allowed(methods)
        return await handler(request)

    return checked


def add_routes(app: web.Application, member: Any) -> None:
    """Serve the v2 API of `member` on `app`, and run its TTL expiry and start-up publishing with the app."""
    api = V2API(member)
    app.router.add_route("*", "/v2/keys", api.keys)
    app.router.add_route("*", "/v2/keys/{path:.*}", api.keys)
    for path, handler, methods in (
        ("/v2/members", api.members, ("GET",)),
        ("/v2/members/leader", api.leader, ("GET",)),
        ("/v2/machines", api.machines, ("GET", "HEAD")),
        ("/v2/stats/self", api.stats_self, ("GET",)),
        ("/v2/stats/store", api.stats_store, ("GET",)),
        ("/v2/stats/leader", api.stats_leader, ("GET",)),
    ):
        app.router.add_route("*", path, _only(methods, handler))
    app.on_startup.append(api.start)
    app.on_cleanup.append(api.stop)
