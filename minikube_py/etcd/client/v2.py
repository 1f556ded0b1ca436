"""A blocking client of etcd's v2 API (`/v2/keys/...`, `/v2/members`), the API of etcdctl's ETCDCTL_API=2
commands, served by the real etcd 3.4 (with --enable-v2) and by `mk-etcd`.

It behaves as etcd's Go client (go.etcd.io/etcd/client) does, since etcdctl's output and exit codes come
from it: a request goes to the endpoints in turn until one answers; `sync()` replaces the endpoints by the
client URLs the cluster publishes; keys are joined to /v2/keys and cleaned like URL paths; answers become
`Response`/`Node`/`Member`. Failures: `KeysError` (the server refused: errorCode, message, cause, index),
`ClusterError` (no endpoint answered, one cause per endpoint), `DeadlineExceeded` (the total timeout ran
out), `NoEndpoints` and `ClientError` (anything else, e.g. an answer that is not etcd's). `trace`, when
given, receives each request as the curl command that reproduces it (etcdctl --debug)."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterator

from .transport import Connection, Endpoint, TimeoutError_, TLSConfig, TransportError

TYPE_CHECKING = False  # ssl is imported only when an https endpoint needs it
if TYPE_CHECKING:
    import ssl

KEYS_PREFIX = "/v2/keys"
MEMBERS_PATH = "/v2/members"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
_PATH_SAFE = _UNRESERVED | frozenset(b"/$&+,:;=@")


class ClientError(Exception):
    """A failed call; `str(err)` is the Go client's message. `connection` is true when no connection could
    be made or kept (refused, timed out, dropped): etcdctl exits 2 on those when syncing."""

    connection = False

    def __init__(self, message: str, *, connection: bool = False) -> None:
        super().__init__(message)
        self.connection = connection


class NoEndpoints(ClientError):
    """No endpoint to send to: none given, or the cluster publishes no client URLs."""

    def __init__(self) -> None:
        super().__init__("client: no endpoints available")


class DeadlineExceeded(ClientError):
    """The call's total time ran out (Go's context.DeadlineExceeded)."""

    def __init__(self) -> None:
        super().__init__("context deadline exceeded", connection=True)


class ClusterError(ClientError):
    """Every endpoint failed; one cause per endpoint, in the order they were tried."""

    def __init__(self, causes: list[ClientError]) -> None:
        text = "client: etcd cluster is unavailable or misconfigured"
        text += "".join(f"; error #{number}: {cause}\n" for number, cause in enumerate(causes))
        super().__init__(text, connection=all(cause.connection for cause in causes))
        self.causes = causes

    def detail(self) -> str:
        return "".join(f"error #{number}: {cause}\n" for number, cause in enumerate(self.causes))


class KeysError(Exception):
    """The keys API refused the request (etcd's v2 error body)."""

    def __init__(self, code: int, message: str, cause: str, index: int) -> None:
        super().__init__(f"{code}: {message} ({cause}) [{index}]")
        self.code, self.message, self.cause, self.index = code, message, cause, index


INVALID_JSON = "client: response is invalid json. The endpoint is probably not valid etcd cluster endpoint"


class Node:
    """A key or a directory, with its children when the answer holds them."""

    __slots__ = ("key", "dir", "value", "nodes", "created_index", "modified_index", "expiration", "ttl")

    def __init__(self, key: str = "", dir: bool = False, value: str = "", nodes: list[Node] | None = None,
                 created_index: int = 0, modified_index: int = 0, expiration: str | None = None,
                 ttl: int = 0) -> None:
        self.key, self.dir, self.value, self.nodes = key, dir, value, nodes
        self.created_index, self.modified_index = created_index, modified_index
        self.expiration = expiration  # RFC 3339, as the server wrote it
        self.ttl = ttl

    @classmethod
    def decode(cls, data: dict | None) -> Node | None:
        if data is None:
            return None
        children = data.get("nodes")
        return cls(data.get("key", ""), bool(data.get("dir", False)), data.get("value", ""),
                   None if children is None else [cls.decode(child) for child in children],
                   data.get("createdIndex", 0), data.get("modifiedIndex", 0), data.get("expiration"),
                   data.get("ttl", 0))


class Response:
    """An answer of the keys API; `index` is the store's index when it answered (X-Etcd-Index)."""

    __slots__ = ("action", "node", "prev_node", "index")

    def __init__(self, action: str, node: Node, prev_node: Node | None, index: int) -> None:
        self.action, self.node, self.prev_node, self.index = action, node, prev_node, index


class Member:
    __slots__ = ("id", "name", "peer_urls", "client_urls")

    def __init__(self, data: dict) -> None:
        self.id, self.name = data.get("id", ""), data.get("name", "")
        self.peer_urls: list[str] = data.get("peerURLs") or []
        self.client_urls: list[str] = data.get("clientURLs") or []


class Client:
    """The keys and members APIs over a list of endpoint URLs ("http://127.0.0.1:2379")."""

    def __init__(self, endpoints: list[str], tls: TLSConfig | None = None, *, header_timeout: float = 2.0,
                 total_timeout: float | None = 5.0, username: str = "", password: str = "",
                 trace: Callable[[str], None] | None = None) -> None:
        """`header_timeout` bounds each request but waits (0: none); `total_timeout` each call (None: none).
        Configured TLS files are loaded here (TLSFileError), before anything is sent, even to http URLs."""
        self._tls = tls or TLSConfig()
        self._context = self._tls.context() if self._tls.configured else None
        self._header_timeout = header_timeout or None
        self._total_timeout = total_timeout
        self._headers = {}
        if username:
            token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
            self._headers["Authorization"] = f"Basic {token}"
        self._trace = trace
        self._connections: dict[tuple[str, bool], Connection] = {}
        self._pinned = 0
        self.endpoints = list(endpoints)

    # --- cluster ----------------------------------------------------------------------------------------

    def sync(self) -> None:
        """Use the client URLs the members publish from now on (etcd's Client.Sync)."""
        urls = [url for member in self.members() for url in member.client_urls]
        if not urls:
            raise NoEndpoints()
        if sorted(urls) != sorted(self.endpoints):
            self.endpoints, self._pinned = urls, 0

    def members(self) -> list[Member]:
        status, _, body = self._call("GET", MEMBERS_PATH)
        _expect(status, 200)
        return [Member(item) for item in (_json(body).get("members") or [])]

    def leader(self) -> Member:
        status, _, body = self._call("GET", MEMBERS_PATH + "/leader")
        _expect(status, 200)
        return Member(_json(body))

    def health(self, url: str) -> bool:
        """Whether the member serving client URL `url` says it is healthy (GET /health); a ClientError worded
        as Go's http.Client words it when it cannot be asked."""
        endpoint = Endpoint.parse(_base(url))
        try:
            with Connection(endpoint, self._tls, dial_timeout=min(30.0, self._total_timeout or 30.0),
                            timeout=self._total_timeout, context=self._ssl(endpoint)) as connection:
                body = connection.request("GET", "/health", headers=self._headers).body
        except TransportError as err:
            raise ClientError(f'Get "{url}/health": {err}') from None
        try:
            data = json.loads(body)
        except ValueError:
            text = body.decode("utf-8", "replace").lstrip()
            raise ClientError(f"invalid character '{text[:1]}' looking for beginning of value") from None
        if not isinstance(data, dict):
            raise ClientError(f"json: cannot unmarshal {type(data).__name__} into Go value of type "
                              "struct { Health bool }")
        return data.get("health") in ("true", True)

    # --- keys -------------------------------------------------------------------------------------------

    def get(self, key: str, *, recursive: bool = False, sort: bool = False, quorum: bool = False) -> Response:
        query = {"recursive": _bool(recursive), "sorted": _bool(sort), "quorum": _bool(quorum)}
        return self._keys("GET", key, query)

    def set(self, key: str, value: str = "", *, ttl: int = 0, prev_value: str = "", prev_index: int = 0,
            prev_exist: bool | None = None, dir: bool = False) -> Response:
        """PUT a value (or a directory with `dir`); `prev_*` make it conditional, `prev_exist` False
        means create and True update."""
        query: dict[str, str] = {}
        form: dict[str, str] = {}
        if dir:
            query["dir"] = "true"
        else:
            if prev_value:
                query["prevValue"] = prev_value
            form["value"] = value
        if prev_index:
            query["prevIndex"] = str(prev_index)
        if prev_exist is not None:
            query["prevExist"] = _bool(prev_exist)
        if ttl > 0:
            form["ttl"] = str(ttl)
        return self._keys("PUT", key, query, form, one_shot=prev_exist is False)

    def create_in_order(self, directory: str, value: str, *, ttl: int = 0) -> Response:
        """POST: a new key under `directory` named after the store's index."""
        form = {"value": value}
        if ttl > 0:
            form["ttl"] = str(ttl)
        return self._keys("POST", directory, {}, form)

    def delete(self, key: str, *, prev_value: str = "", prev_index: int = 0, dir: bool = False,
               recursive: bool = False) -> Response:
        query: dict[str, str] = {}
        if prev_value:
            query["prevValue"] = prev_value
        if prev_index:
            query["prevIndex"] = str(prev_index)
        if dir:
            query["dir"] = "true"
        if recursive:
            query["recursive"] = "true"
        return self._keys("DELETE", key, query, None, one_shot=True)

    def watch(self, key: str, *, after_index: int = 0, recursive: bool = False) -> Iterator[Response]:
        """The changes of `key` (and below it with `recursive`) after `after_index`, as they happen."""
        wait_index = after_index + 1 if after_index > 0 else 0
        while True:
            query = {"wait": "true", "waitIndex": str(wait_index), "recursive": _bool(recursive)}
            status, headers, body = self._call("GET", _keys_path(key), query, wait=True)
            if status in (200, 201) and not body:
                continue  # the server ended an idle wait: wait again
            response = _keys_response(status, headers, body)
            wait_index = response.node.modified_index + 1
            yield response

    # --- requests ---------------------------------------------------------------------------------------

    def _keys(self, method: str, key: str, query: dict[str, str], form: dict[str, str] | None = None,
              *, one_shot: bool = False) -> Response:
        return _keys_response(*self._call(method, _keys_path(key), query, form, one_shot=one_shot))

    def _call(self, method: str, path: str, query: dict[str, str] | None = None,
              form: dict[str, str] | None = None, *, one_shot: bool = False, wait: bool = False
              ) -> tuple[int, dict[str, str], bytes]:
        """Try the endpoints from the pinned one on; `one_shot` gives up after the first failure."""
        if not self.endpoints:
            raise NoEndpoints()
        deadline = None if wait or self._total_timeout is None else time.monotonic() + self._total_timeout
        target = path + (f"?{_encode(query)}" if query else "")
        body = None if form is None else _encode(form)
        headers = dict(self._headers, **(FORM if method != "GET" else {}))
        causes: list[ClientError] = []
        count = len(self.endpoints)
        for attempt in range(count):
            number = (self._pinned + attempt) % count
            endpoint = self.endpoints[number]
            if self._trace is not None:
                self._trace(f"curl -X {method} {_base(endpoint)}{target}" +
                            ("" if body is None else f' -d "{body}"'))
            try:
                status, response_headers, data = self._request(endpoint, deadline, method, target, body,
                                                                headers, wait)
            except DeadlineExceeded:
                raise
            except ClientError as cause:
                causes.append(cause)
            else:
                if status // 100 != 5:
                    self._pinned = number
                    return status, response_headers, data
                causes.append(ClientError(_server_error(endpoint, status)))
            if one_shot:
                self._pinned = (number + 1) % count
                raise causes[-1]
        raise ClusterError(causes)

    def _request(self, endpoint: str, deadline: float | None, method: str, target: str, body: str | None,
                 headers: dict[str, str], wait: bool) -> tuple[int, dict[str, str], bytes]:
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            raise DeadlineExceeded()
        connection = self._connection(endpoint, wait, remaining)
        try:
            response = connection.request(method, target, (body or "").encode("utf-8", "surrogateescape"),
                                          headers)
        except TimeoutError_ as err:
            if deadline is not None and time.monotonic() >= deadline:
                raise DeadlineExceeded() from None
            if str(err).startswith("dial "):
                raise ClientError(str(err), connection=True) from None
            raise ClientError(f"client: endpoint {endpoint} exceeded header timeout") from None
        except TransportError as err:
            raise ClientError(str(err), connection=_lost(str(err))) from None
        return response.status, response.headers, response.body

    def _connection(self, endpoint: str, wait: bool, remaining: float | None) -> Connection:
        """One keep-alive connection per endpoint for ordinary requests and one for waits (no timeout)."""
        connection = self._connections.get((endpoint, wait))
        if connection is None:
            scheme = endpoint.split(":", 1)[0]
            if scheme not in ("http", "https"):
                raise ClientError(f'unsupported protocol scheme "{scheme}"')
            limits = [limit for limit in (self._header_timeout, remaining) if limit is not None]
            timeout = None if wait else min(limits, default=None)
            parsed = Endpoint.parse(_base(endpoint))
            connection = Connection(parsed, self._tls, dial_timeout=min([30.0, *limits]), timeout=timeout,
                                    context=self._ssl(parsed))
            self._connections[(endpoint, wait)] = connection
        return connection


    def _ssl(self, endpoint: Endpoint) -> ssl.SSLContext | None:
        """The one SSL context all https connections share (made on first use when no files are given)."""
        if endpoint.scheme != "https":
            return None
        if self._context is None:
            self._context = self._tls.context()
        return self._context


def _base(url: str) -> str:
    """scheme://host:port of an endpoint URL (a path in it is not used)."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _lost(message: str) -> bool:
    """Whether the transport's error means the endpoint was not reachable (Go: a dial or read error)."""
    return message.startswith(("dial ", "connection lost"))


def _server_error(endpoint: str, status: int) -> str:
    if status in (500, 503):
        return f"client: etcd member {endpoint} has no leader"
    from http import HTTPStatus

    try:
        text = HTTPStatus(status).phrase
    except ValueError:
        text = ""
    return f"client: etcd member {endpoint} returns server error [{text}]"


def _keys_response(status: int, headers: dict[str, str], body: bytes) -> Response:
    if status not in (200, 201):
        data = _json(body)
        raise KeysError(data.get("errorCode", 0), data.get("message", ""), data.get("cause", ""),
                        data.get("index", 0))
    if not body:
        raise ClientError("client: response body is empty")
    data = _json(body)
    node = Node.decode(data.get("node")) or Node()
    return Response(data.get("action", ""), node, Node.decode(data.get("prevNode")),
                    int(headers.get("x-etcd-index") or 0))


def _json(body: bytes) -> dict:
    try:
        data = json.loads(body)
    except ValueError:
        raise ClientError(INVALID_JSON) from None
    if not isinstance(data, dict):
        raise ClientError(INVALID_JSON)
    return data


def _expect(status: int, wanted: int) -> None:
    if status != wanted:
        raise ClientError(f"unexpected status code {status}")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _keys_path(key: str) -> str:
    """/v2/keys + key, cleaned as Go's path.Clean (keeping a trailing slash) and escaped for a URL path."""
    raw = KEYS_PREFIX + (key if key.startswith("/") or not key else "/" + key)
    parts: list[str] = []
    for part in raw.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    path = "/" + "/".join(parts)
    if raw.endswith("/") and path != "/":
        path += "/"
    return _escape(path, _PATH_SAFE)


def _encode(values: dict[str, str]) -> str:
    """Go's url.Values.Encode: keys sorted, query-escaped."""
    return "&".join(f"{_escape(name, _UNRESERVED, plus=True)}={_escape(value, _UNRESERVED, plus=True)}"
                    for name, value in sorted(values.items()))


def _escape(text: str, safe: frozenset[int], *, plus: bool = False) -> str:
    out = []
    for byte in text.encode("utf-8", "surrogateescape"):
        if byte in safe:
            out.append(chr(byte))
        elif plus and byte == 0x20:
            out.append("+")
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)
