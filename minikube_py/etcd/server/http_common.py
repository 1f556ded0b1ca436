"""What every answer of the member shares: etcd's CORS headers, JSON and text bodies, the gateway's error
shape (gRPC code -> HTTP status as grpc-gateway maps it), and the plain endpoints /health, /version and
/metrics."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from minikube_py.store import NOSPACE, StoreError

from .gojson import go_json

if TYPE_CHECKING:
    from .member import EtcdMember

ETCD_VERSION = "3.4.23"
CLUSTER_VERSION = "3.4.0"
CORS = {
    "Access-Control-Allow-Headers": "accept, content-type, authorization",
    "Access-Control-Allow-Methods": "POST, GET, OPTIONS, PUT, DELETE",
    "Access-Control-Allow-Origin": "*",
}
GATEWAY_HEADERS = {"Content-Type": "application/json", "Grpc-Metadata-Content-Type": "application/grpc"}
_ERROR_HEADERS = {"Content-Type": "application/json"}  # the gateway sends no gRPC metadata with an error
_TEXT_HEADERS = {"Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff"}
# grpc-gateway's runtime.HTTPStatusFromCode
_HTTP_STATUS = {1: 408, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403, 8: 429, 9: 412, 10: 409, 11: 400,
                12: 501, 13: 500, 14: 503, 15: 500, 16: 401}


# Go's net/http writes these after the handler's own (sorted) headers, in this order; Content-Type among
# them when Go sniffed it (the handler set none: aiohttp's default octet-stream stands for that here).
_GO_LAST_HEADERS = ("Date", "Content-Length", "Content-Type", "Connection", "Transfer-Encoding")
_UNSET_TYPE = "application/octet-stream"
_SNIFFED_TEXT = "text/plain; charset=utf-8"  # what Go's DetectContentType says of the texts we send


def go_headers(*, cors: bool) -> Callable[[web.Request, web.StreamResponse], Awaitable[None]]:
    """An aiohttp on_response_prepare hook writing headers as etcd's Go server does: with `cors`, etcd's
    CORS headers on every answer (as its client URLs' access controller adds them); the handler's headers
    sorted, then Date, Content-Length, Connection, Transfer-Encoding; no Server header."""

    async def hook(request: web.Request, response: web.StreamResponse) -> None:
        headers = response.headers
        kind = headers.get("Content-Type")  # aiohttp sets none on a HEAD answer, where Go still sniffs
        sniffed = kind == _UNSET_TYPE or (kind is None and request.method == "HEAD")
        if sniffed:
            headers["Content-Type"] = _SNIFFED_TEXT
        late = _GO_LAST_HEADERS if sniffed else tuple(n for n in _GO_LAST_HEADERS if n != "Content-Type")
        last = [(name, headers[name]) for name in late if name in headers]
        own = {**(CORS if cors else {}), **{name: value for name, value in headers.items()
                                              if name not in late and name != "Server"}}
        headers.clear()
        headers.extend(sorted(own.items()) + last)

    return hook


def gateway_json(data: dict) -> web.Response:
    return web.Response(body=go_json(data).encode(), headers=GATEWAY_HEADERS)


def gateway_error(message: str, code: int) -> web.Response:
    body = go_json({"error": message, "message": message, "code": code}).encode()
    return web.Response(status=_HTTP_STATUS.get(code, 500), body=body, headers=_ERROR_HEADERS)


def store_error(err: StoreError) -> web.Response:
    return gateway_error(str(err), err.code)


def text(status: int, body: str) -> web.Response:
    return web.Response(status=status, body=body.encode(), headers=_TEXT_HEADERS)


def not_found(request: web.Request) -> web.Response:
    """Go's mux answers an unknown path with "404 page not found"; the gateway's own prefixes with
    "Not Found"."""
    if request.path.startswith(("/v3/", "/v3beta/")):
        return text(404, "Not Found\n")
    return page_not_found(request)


def page_not_found(request: web.Request) -> web.Response:
    """Go's mux's answer to a path it does not serve."""
    return text(404, "404 page not found\n")


def method_not_allowed(allow: str | None = None) -> web.Response:
    """405, as the gateway answers it, or with `allow` as Go's handlers that name the one method they serve."""
    response = text(405, "Method Not Allowed\n")
    if allow is not None:
        response.headers["Allow"] = allow
    return response


def options() -> web.Response:
    return web.Response()


@web.middleware
async def cors_preflight(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                         ) -> web.StreamResponse:
    """etcd's client URLs answer OPTIONS on every path with the CORS headers and nothing else."""
    if request.method == "OPTIONS":
        return options()
    return await handler(request)


def _get_only(handler: Callable[[web.Request], Awaitable[web.Response]]
              ) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A Go handler serving GET only: any other method (HEAD too) is refused with "Allow: GET"."""

    async def handle(request: web.Request) -> web.Response:
        if request.method != "GET":
            return method_not_allowed(allow="GET")
        return await handler(request)

    return handle


def add_plain_routes(app: web.Application, member: EtcdMember) -> None:
    """/health, /livez, /readyz, /version and /metrics (also what --listen-metrics-urls serves); /health and
    /version serve GET only, /metrics any method, as etcd's."""

    async def health(request: web.Request) -> web.Response:
        excluded = set(request.query.getall("exclude", []))
        alarms = [alarm for alarm in member.store.alarms() if alarm not in excluded]
        if alarms:  # written with Go's http.Error, as etcd does: a newline after the body
            return web.Response(status=503, body=go_json({"health": "false"}).encode() + b"\n",
                                headers=_TEXT_HEADERS)
        return web.Response(status=200, body=go_json({"health": "true"}).encode())  # type sniffed, as Go

    async def alive(request: web.Request) -> web.Response:
        """etcd 3.5's /livez and /readyz (kubeadm's probes): "ok", or 503 while an alarm is raised."""
        failing = request.path == "/readyz" and bool(member.store.alarms())
        return web.Response(status=503 if failing else 200, text="failed\n" if failing else "ok\n",
                            headers={"X-Content-Type-Options": "nosniff"})

    async def version(request: web.Request) -> web.Response:
        body = go_json({"etcdserver": ETCD_VERSION, "etcdcluster": CLUSTER_VERSION})
        return web.Response(body=body.encode(), headers={"Content-Type": "application/json"})

    async def metrics(request: web.Request) -> web.Response:
        status = member.store.status()
        lines = [
            "# HELP etcd_server_has_leader Whether or not a leader exists. 1 is existence, 0 is not.",
            "# TYPE etcd_server_has_leader gauge", "etcd_server_has_leader 1",
            "# TYPE etcd_server_is_leader gauge", "etcd_server_is_leader 1",
            "# TYPE etcd_server_id gauge", f'etcd_server_id{{server_id="{member.id:x}"}} 1',
            "# TYPE etcd_server_quota_backend_bytes gauge",
            f"etcd_server_quota_backend_bytes {member.store.quota_bytes}",
            "# TYPE etcd_mvcc_db_total_size_in_bytes gauge", f"etcd_mvcc_db_total_size_in_bytes {status.db_size}",
            "# TYPE etcd_mvcc_db_total_size_in_use_in_bytes gauge",
            f"etcd_mvcc_db_total_size_in_use_in_bytes {status.db_size_in_use}",
            "# TYPE etcd_debugging_mvcc_current_revision gauge",
            f"etcd_debugging_mvcc_current_revision {status.revision}",
            "# TYPE etcd_debugging_mvcc_compact_revision gauge",
            f"etcd_debugging_mvcc_compact_revision {status.compact_revision}",
            "# HELP mk_etcd_group_commits_total Write batches committed (one fsync each).",
            "# TYPE mk_etcd_group_commits_total counter", f"mk_etcd_group_commits_total {member.commits}",
            "# HELP mk_etcd_group_commit_requests_total Write requests those batches held.",
            "# TYPE mk_etcd_group_commit_requests_total counter",
            f"mk_etcd_group_commit_requests_total {member.committed_requests}",
            "# TYPE etcd_server_alarms gauge",
            f'etcd_server_alarms{{alarm_type="{NOSPACE}"}} {int(NOSPACE in status.alarms)}',
        ]
        return web.Response(body=("\n".join(lines) + "\n").encode(),
                            headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})

    app.router.add_route("*", "/health", _get_only(health))
    app.router.add_get("/livez", alive)
    app.router.add_get("/readyz", alive)
    app.router.add_route("*", "/version", _get_only(version))
    app.router.add_route("*", "/metrics", metrics)
