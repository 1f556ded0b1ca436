"""A blocking client of etcd's v3 JSON gateway (`POST /v3/kv/range`, `/v3/watch`, ...), the API the real
etcd 3.4+ and `mk-etcd` both serve.

Requests are built here (keys and values base64, ranges, compares, ops) and answers are decoded into plain
dicts shaped and ordered like etcd's protobuf messages, with Python types: the gateway's int64 strings
become ints, its base64 fields bytes, absent fields their zero values (an absent `header` stays None, as a
nil message). Unary calls carry a deadline (the command timeout) and go to the first endpoint that
answers; streams (watch, lease keep-alive, snapshot) yield their messages as they arrive.

Errors: `EtcdError` (the server refused: "etcdserver: ..." and its gRPC code), `Unavailable` (no answer:
refused, TLS failure, timeout; etcdctl reports "context deadline exceeded"), `NotServed` (the gateway does
not route that path, as the 3.4 gateway does with /v3/maintenance/hashkv)."""

from __future__ import annotations

import base64
import json
import time

from .transport import Connection, Endpoint, TimeoutError_, TLSConfig, TransportError

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any, Callable, Iterator

GRPC_CODES = ("OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists",
              "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange",
              "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated")
DEADLINE_EXCEEDED = "context deadline exceeded"
FROM_KEY = b"\x00"  # range_end meaning "every key from `key` on"
SORT_ORDERS = ("NONE", "ASCEND", "DESCEND")
SORT_TARGETS = ("KEY", "VERSION", "CREATE", "MOD", "VALUE")


class EtcdError(Exception):
    """The server refused the request; `str(err)` is its message ("etcdserver: key not found")."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code

    @property
    def rpc_error(self) -> str:
        """The error as etcd's gRPC client shows it in its logs."""
        name = GRPC_CODES[self.code] if 0 <= self.code < len(GRPC_CODES) else f"Code({self.code})"
        return f"rpc error: code = {name} desc = {self}"


class Unavailable(Exception):
    """No endpoint answered in time; `str(err)` is what etcdctl says, `cause` why (refused, TLS...)."""

    def __init__(self, endpoint: str, cause: str = "") -> None:
        super().__init__(DEADLINE_EXCEEDED)
        self.endpoint, self.cause = endpoint, cause

    @property
    def rpc_error(self) -> str:
        if not self.cause:
            return f"rpc error: code = DeadlineExceeded desc = {DEADLINE_EXCEEDED}"
        cause = self.cause.replace('"', '\\"')
        return ("rpc error: code = DeadlineExceeded desc = latest balancer error: "
                f'connection error: desc = "{cause}"')


class NotServed(Exception):
    """The endpoint's gateway does not route this path (HTTP 404 with a text body)."""

    def __init__(self, endpoint: str, path: str) -> None:
        super().__init__(f"{endpoint} does not serve {path}")
        self.endpoint, self.path = endpoint, path


# --- requests -------------------------------------------------------------------------------------------

def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def prefix_end(key: bytes) -> bytes:
    """The range end covering every key that starts with `key` (etcd's GetPrefixRangeEnd)."""
    end = bytearray(key)
    while end:
        if end[-1] < 0xFF:
            end[-1] += 1
            return bytes(end)
        end.pop()
    return FROM_KEY


def range_request(key: bytes, range_end: bytes = b"", *, limit: int = 0, revision: int = 0,
                  sort_order: str = "NONE", sort_target: str = "KEY", serializable: bool = False,
                  keys_only: bool = False, count_only: bool = False) -> dict[str, Any]:
    request: dict[str, Any] = {"key": b64(key)}
    if range_end:
        request["range_end"] = b64(range_end)
    if limit:
        request["limit"] = limit
    if revision:
        request["revision"] = revision
    if sort_order != "NONE":
        request["sort_order"] = sort_order
    if sort_target != "KEY":
        request["sort_target"] = sort_target
    for name, flag in (("serializable", serializable), ("keys_only", keys_only), ("count_only", count_only)):
        if flag:
            request[name] = True
    return request


def put_request(key: bytes, value: bytes, *, lease: int = 0, prev_kv: bool = False,
                ignore_value: bool = False, ignore_lease: bool = False) -> dict[str, Any]:
    request: dict[str, Any] = {"key": b64(key)}
    if value:
        request["value"] = b64(value)
    if lease:
        request["lease"] = str(lease)
    for name, flag in (("prev_kv", prev_kv), ("ignore_value", ignore_value), ("ignore_lease", ignore_lease)):
        if flag:
            request[name] = True
    return request


def delete_request(key: bytes, range_end: bytes = b"", *, prev_kv: bool = False) -> dict[str, Any]:
    request: dict[str, Any] = {"key": b64(key)}
    if range_end:
        request["range_end"] = b64(range_end)
    if prev_kv:
        request["prev_kv"] = True
    return request


_COMPARE_FIELDS = {"VERSION": "version", "CREATE": "create_revision", "MOD": "mod_revision", "VALUE": "value",
                   "LEASE": "lease"}


def compare(target: str, key: bytes, result: str, operand: int | bytes) -> dict[str, Any]:
    """A txn compare: target VERSION/CREATE/MOD/VALUE/LEASE, result EQUAL/NOT_EQUAL/GREATER/LESS."""
    value = b64(operand) if isinstance(operand, bytes) else str(operand)
    return {"target": target, "key": b64(key), "result": result, _COMPARE_FIELDS[target]: value}


def watch_request(key: bytes, range_end: bytes = b"", *, start_revision: int = 0, prev_kv: bool = False
                  ) -> dict[str, Any]:
    request: dict[str, Any] = {"key": b64(key)}
    if range_end:
        request["range_end"] = b64(range_end)
    if start_revision:
        request["start_revision"] = start_revision
    if prev_kv:
        request["prev_kv"] = True
    return {"create_request": request}


# --- answers --------------------------------------------------------------------------------------------

def _int(message: dict[str, Any], name: str) -> int:
    return int(message.get(name) or 0)


def _bytes(message: dict[str, Any], name: str) -> bytes:
    return base64.b64decode(message.get(name) or "")


def header(message: dict[str, Any] | None) -> dict[str, int] | None:
    if message is None:
        return None
    return {name: _int(message, name) for name in ("cluster_id", "member_id", "revision", "raft_term")}


def key_value(message: dict[str, Any] | None) -> dict[str, Any] | None:
    if message is None:
        return None
    return {"key": _bytes(message, "key"), "create_revision": _int(message, "create_revision"),
            "mod_revision": _int(message, "mod_revision"), "version": _int(message, "version"),
            "value": _bytes(message, "value"), "lease": _int(message, "lease")}


def range_response(message: dict[str, Any]) -> dict[str, Any]:
    return {"header": header(message.get("header")),
            "kvs": [key_value(kv) for kv in message.get("kvs") or ()],
            "more": bool(message.get("more")), "count": _int(message, "count")}


def put_response(message: dict[str, Any]) -> dict[str, Any]:
    return {"header": header(message.get("header")), "prev_kv": key_value(message.get("prev_kv"))}


def delete_response(message: dict[str, Any]) -> dict[str, Any]:
    return {"header": header(message.get("header")), "deleted": _int(message, "deleted"),
            "prev_kvs": [key_value(kv) for kv in message.get("prev_kvs") or ()]}


_OP_RESPONSES = {"response_range": range_response, "response_put": put_response,
                 "response_delete_range": delete_response}


def txn_response(message: dict[str, Any]) -> dict[str, Any]:
    responses = []
    for op in message.get("responses") or ():
        for name, value in op.items():
            decode = _OP_RESPONSES.get(name, txn_response)
            responses.append({name: decode(value)})
    return {"header": header(message.get("header")), "succeeded": bool(message.get("succeeded")),
            "responses": responses}


def watch_response(message: dict[str, Any]) -> dict[str, Any]:
    events = [{"type": event.get("type") or "PUT", "kv": key_value(event.get("kv")),
               "prev_kv": key_value(event.get("prev_kv"))} for event in message.get("events") or ()]
    return {"header": header(message.get("header")) or header({}), "watch_id": _int(message, "watch_id"),
            "created": bool(message.get("created")), "canceled": bool(message.get("canceled")),
            "compact_revision": _int(message, "compact_revision"),
            "cancel_reason": message.get("cancel_reason", ""), "events": events}


def status_response(message: dict[str, Any]) -> dict[str, Any]:
    return {"header": header(message.get("header")), "version": message.get("version", ""),
            "dbSize": _int(message, "dbSize"), "leader": _int(message, "leader"),
            "raftIndex": _int(message, "raftIndex"), "raftTerm": _int(message, "raftTerm"),
            "raftAppliedIndex": _int(message, "raftAppliedIndex"),
            "errors": list(message.get("errors") or ()), "dbSizeInUse": _int(message, "dbSizeInUse"),
            "isLearner": bool(message.get("isLearner"))}


def member_list_response(message: dict[str, Any]) -> dict[str, Any]:
    members = [{"ID": _int(member, "ID"), "name": member.get("name", ""),
                "peerURLs": list(member.get("peerURLs") or ()),
                "clientURLs": list(member.get("clientURLs") or ()),
                "isLearner": bool(member.get("isLearner"))}
               for member in message.get("members") or ()]
    return {"header": header(message.get("header")), "members": members}


def lease_response(message: dict[str, Any]) -> dict[str, Any]:
    """Grant, keep-alive and time-to-live answers: ID, TTL and (time-to-live) grantedTTL and keys."""
    return {"header": header(message.get("header")), "ID": _int(message, "ID"), "TTL": _int(message, "TTL"),
            "grantedTTL": _int(message, "grantedTTL"),
            "keys": [base64.b64decode(key) for key in message.get("keys") or ()],
            "error": message.get("error", "")}


# --- the client -----------------------------------------------------------------------------------------

class Client:
    """Unary calls and streams against a list of endpoints ("http://h:p", "https://h:p" or "h:p": https
    when TLS files are given or `secure`, as etcd's client decides for an endpoint without a scheme).
    `on_failure(endpoint, error)` hears of each failed unary call, as etcd's client logs it."""

    def __init__(self, endpoints: list[str], tls: TLSConfig | None = None, *, dial_timeout: float = 2.0,
                 command_timeout: float = 5.0, on_failure: Callable[[str, str], None] | None = None,
                 secure: bool = False) -> None:
        self.endpoints = list(endpoints)
        self._tls = tls or TLSConfig()
        self._context = self._tls.context() if self._tls.configured else None
        self._secure = secure or self._tls.configured
        self.dial_timeout, self.command_timeout = dial_timeout, command_timeout
        self._on_failure = on_failure
        self._connections: dict[str, Connection] = {}

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def _connection(self, endpoint: str, *, fresh: bool = False) -> Connection:
        if fresh or endpoint not in self._connections:
            parsed = Endpoint.parse(endpoint, secure_default=self._secure)
            dial = self.dial_timeout if self.dial_timeout > 0 else None  # none, as in etcd's client
            connection = Connection(parsed, self._tls, dial_timeout=dial, timeout=None, context=self._context)
            if fresh:
                return connection
            self._connections[endpoint] = connection
        return self._connections[endpoint]

    def _fail(self, target: str, error: Exception) -> Exception:
        if self._on_failure is not None:
            self._on_failure(target, error.rpc_error)  # type: ignore[attr-defined]
        return error

    def call(self, path: str, request: dict[str, Any], endpoint: str | None = None) -> dict[str, Any]:
        """POST one request; the answer's JSON. Tries the endpoints in order until one answers, all
        within the command timeout."""
        deadline = time.monotonic() + self.command_timeout
        body = json.dumps(request, separators=(",", ":")).encode()
        failure: Unavailable | None = None
        for target in [endpoint] if endpoint else self.endpoints:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._fail(target, Unavailable(target))
            connection = self._connection(target)
            dial = min(self.dial_timeout, remaining) if self.dial_timeout > 0 else remaining
            connection.timeout, connection.dial_timeout = remaining, dial
            try:
                response = connection.request("POST", path, body, {"Content-Type": "application/json"})
            except TransportError as err:
                if isinstance(err, TimeoutError_) and deadline <= time.monotonic():
                    raise self._fail(target, Unavailable(target)) from None
                failure = Unavailable(target, _transport_cause(str(err)))
                continue
            if response.status == 200:
                return json.loads(response.body or b"{}")
            error = _refusal(target, path, response.status, response.body)
            raise self._fail(target, error) if isinstance(error, EtcdError) else error
        assert failure is not None
        raise self._fail(failure.endpoint, failure)

    def stream(self, path: str, request: dict[str, Any], endpoint: str | None = None, *,
               timeout: float | None = None) -> Iterator[dict[str, Any]]:
        """POST to a streaming endpoint; yield each message's `result`. Raises like `call`; `timeout` bounds
        the whole stream (none by default: a watch lasts)."""
        body = json.dumps(request, separators=(",", ":")).encode()
        deadline = None if timeout is None else time.monotonic() + timeout
        failure: Unavailable | None = None
        for target in [endpoint] if endpoint else self.endpoints:
            if deadline is not None and deadline <= time.monotonic():
                raise Unavailable(target)
            connection = self._connection(target, fresh=True)
            connection.timeout = timeout
            try:
                status, _, lines = connection.stream("POST", path, body, {"Content-Type": "application/json"})
            except TransportError as err:
                failure = Unavailable(target, _transport_cause(str(err)))
                continue
            try:
                if status != 200:
                    raise _refusal(target, path, status, b"\n".join(lines))
                for line in lines:
                    message = json.loads(line)
                    if "error" in message:
                        raise _refusal(target, path, status, line)
                    yield message.get("result", {})
                    if deadline is not None and deadline <= time.monotonic():
                        raise Unavailable(target)
            except TimeoutError_:
                raise Unavailable(target) from None
            except TransportError as err:
                raise Unavailable(target, _transport_cause(str(err))) from None
            finally:
                connection.close()
            return
        assert failure is not None
        raise failure

    # kv: the requests are made by range_request, put_request and delete_request (txn takes them too)

    def range(self, request: dict[str, Any]) -> dict[str, Any]:
        return range_response(self.call("/v3/kv/range", request))

    def put(self, request: dict[str, Any]) -> dict[str, Any]:
        return put_response(self.call("/v3/kv/put", request))

    def delete_range(self, request: dict[str, Any]) -> dict[str, Any]:
        return delete_response(self.call("/v3/kv/deleterange", request))

    def txn(self, compares: list[dict[str, Any]], success: list[dict[str, Any]], failure: list[dict[str, Any]]
            ) -> dict[str, Any]:
        """Ops are {"request_range"|"request_put"|"request_delete_range": request}."""
        request = {"compare": compares, "success": success, "failure": failure}
        return txn_response(self.call("/v3/kv/txn", request))

    def compact(self, revision: int, physical: bool = False) -> dict[str, Any]:
        request: dict[str, Any] = {"revision": revision}
        if physical:
            request["physical"] = True
        return {"header": header(self.call("/v3/kv/compaction", request).get("header"))}

    def watch(self, request: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """The watch responses of one watch (the created notification included)."""
        for message in self.stream("/v3/watch", request):
            yield watch_response(message)

    # leases

    def lease_grant(self, ttl: int, lease_id: int = 0) -> dict[str, Any]:
        request: dict[str, Any] = {"TTL": ttl}
        if lease_id:
            request["ID"] = str(lease_id)
        return lease_response(self.call("/v3/lease/grant", request))

    def lease_revoke(self, lease_id: int) -> dict[str, Any]:
        return {"header": header(self.call("/v3/lease/revoke", {"ID": str(lease_id)}).get("header"))}

    def lease_time_to_live(self, lease_id: int, keys: bool = False) -> dict[str, Any]:
        request: dict[str, Any] = {"ID": str(lease_id)}
        if keys:
            request["keys"] = True
        return lease_response(self.call("/v3/lease/timetolive", request))

    def lease_leases(self) -> dict[str, Any]:
        message = self.call("/v3/lease/leases", {})
        return {"header": header(message.get("header")),
                "leases": [{"ID": _int(lease, "ID")} for lease in message.get("leases") or ()]}

    def lease_keep_alive(self, lease_id: int) -> dict[str, Any]:
        """One keep-alive (the gateway answers one request per stream); TTL 0 means the lease is gone."""
        for message in self.stream("/v3/lease/keepalive", {"ID": str(lease_id)}):
            return lease_response(message)
        return lease_response({"ID": str(lease_id)})

    # cluster and maintenance

    def member_list(self) -> dict[str, Any]:
        return member_list_response(self.call("/v3/cluster/member/list", {}))

    def status(self, endpoint: str) -> dict[str, Any]:
        return status_response(self.call("/v3/maintenance/status", {}, endpoint))

    def hash_kv(self, endpoint: str, revision: int = 0) -> dict[str, Any]:
        message = self.call("/v3/maintenance/hashkv", {"revision": revision}, endpoint)
        return {"header": header(message.get("header")), "hash": _int(message, "hash"),
                "compact_revision": _int(message, "compact_revision")}

    def defragment(self, endpoint: str) -> dict[str, Any]:
        return {"header": header(self.call("/v3/maintenance/defragment", {}, endpoint).get("header"))}

    def alarm(self, action: str = "GET", member_id: int = 0, alarm: str = "NONE") -> dict[str, Any]:
        """action GET lists the alarms; ACTIVATE/DEACTIVATE raise or clear `alarm` of member `member_id`."""
        request: dict[str, Any] = {"action": action}
        if member_id:
            request["memberID"] = str(member_id)
        if alarm != "NONE":
            request["alarm"] = alarm
        message = self.call("/v3/maintenance/alarm", request)
        return {"header": header(message.get("header")),
                "alarms": [{"memberID": _int(alarm, "memberID"), "alarm": alarm.get("alarm", "NONE")}
                           for alarm in message.get("alarms") or ()]}

    def snapshot(self, endpoint: str, timeout: float | None = None) -> Iterator[bytes]:
        """The member's backend, as the chunks of its snapshot stream."""
        for message in self.stream("/v3/maintenance/snapshot", {}, endpoint, timeout=timeout):
            yield base64.b64decode(message.get("blob") or "")


def _refusal(target: str, path: str, status: int, body: bytes) -> EtcdError | NotServed:
    """The error an HTTP answer other than 200 stands for."""
    try:
        error = json.loads(body)
    except ValueError:
        error = None
    if not isinstance(error, dict):
        if status == 404:
            return NotServed(target, path)
        return EtcdError(body.decode("utf-8", "replace").strip() or f"HTTP {status}", 2)
    if isinstance(error.get("error"), dict):  # a streaming endpoint's error message
        error = error["error"]
        return EtcdError(error.get("message", ""), int(error.get("grpc_code", 2)))
    return EtcdError(error.get("message") or error.get("error", ""), int(error.get("code", 2)))


def _transport_cause(message: str) -> str:
    """The transport's error as gRPC words it in "connection error: desc = ..."."""
    if message.startswith("dial "):
        return f"transport: Error while dialing {message}"
    if message.startswith(("x509:", "remote error: tls:", "tls:")):
        return f"transport: authentication handshake failed: {message}"
    return f"transport: {message}"
