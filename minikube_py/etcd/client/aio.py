"""An asyncio client of etcd's v3 JSON gateway, for long-running servers (the apiserver): a pool of keep-alive
HTTP/1.1 connections for concurrent unary calls, and watch streams as async iterators.

Requests and answers are the blocking client's (`v3.range_request`, `v3.txn_response`, ...): this module only
moves them. HTTP/1.1 is spoken directly on asyncio streams (Content-Length and chunked bodies, as Go's
net/http sends them): a general-purpose client costs several times more CPU per call, and every apiserver
write is one of these calls. Endpoints are tried in order; a refused or timed-out endpoint moves on to the
next one, so a list of the members of a real etcd cluster survives one of them going away."""

from __future__ import annotations

import asyncio
import json
import ssl
from typing import Any, AsyncIterator
from urllib.parse import urlsplit

from . import v3
from .transport import Endpoint, TLSConfig

_NETWORK_ERRORS = (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ssl.SSLError, ValueError)


class _Connection:
    """One keep-alive HTTP/1.1 connection to an endpoint."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str) -> None:
        self.reader, self.writer, self.host = reader, writer, host
        self.reusable = True

    @classmethod
    async def open(cls, url: str, context: ssl.SSLContext | None, timeout: float) -> _Connection:
        parts = urlsplit(url)
        secure = parts.scheme == "https"
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(parts.hostname, parts.port or (443 if secure else 80),
                                    ssl=context if secure else None,
                                    server_hostname=parts.hostname if secure else None, limit=2 ** 22), timeout)
        return cls(reader, writer, parts.netloc)

    def send(self, path: str, body: bytes) -> None:
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)

    async def head(self) -> tuple[int, dict[str, str]]:
        """The status and headers (names lower-cased) of the answer."""
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        headers: dict[str, str] = {}
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("connection", "").lower() == "close":
            self.reusable = False
        return status, headers

    async def body(self, headers: dict[str, str]) -> bytes:
        if headers.get("transfer-encoding", "").lower() == "chunked":
            return b"".join([chunk async for chunk in self.chunks()])
        length = headers.get("content-length")
        if length is None:
            self.reusable = False
            return await self.reader.read()
        return await self.reader.readexactly(int(length))

    async def chunks(self) -> AsyncIterator[bytes]:
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
            if size == 0:
                while await self.reader.readuntil(b"\r\n") != b"\r\n":   # trailers
                    pass
                return
            chunk = await self.reader.readexactly(size + 2)
            yield chunk[:-2]

    def close(self) -> None:
        self.reusable = False
        self.writer.close()


class AsyncClient:
    """Unary calls and watch streams against `endpoints` ("https://127.0.0.1:2379", ...)."""

    def __init__(self, endpoints: list[str], tls: TLSConfig | None = None, *, timeout: float = 10.0,
                 connections: int = 64) -> None:
        tls = tls or TLSConfig()
        self._ssl = tls.context() if tls.configured else None
        self.endpoints = [Endpoint.parse(endpoint, secure_default=tls.configured).url for endpoint in endpoints]
        self._timeout = timeout
        self._idle: dict[str, list[_Connection]] = {endpoint: [] for endpoint in self.endpoints}
        self._slots = asyncio.Semaphore(connections)
        self._streams: set[_Connection] = set()
        self._unavailable: set[str] = set()

    async def close(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
            connections.clear()
        for connection in list(self._streams):
            connection.close()

    def _ordered(self) -> list[str]:
        """Endpoints that answered last time first."""
        return sorted(self.endpoints, key=lambda endpoint: endpoint in self._unavailable)

    async def _exchange(self, endpoint: str, path: str, body: bytes) -> tuple[int, bytes]:
        idle = self._idle[endpoint]
        fresh = not idle
        connection = idle.pop() if idle else await _Connection.open(endpoint, self._ssl, self._timeout)
        try:
            connection.send(path, body)
            status, headers = await asyncio.wait_for(connection.head(), self._timeout)
            answer = await asyncio.wait_for(connection.body(headers), self._timeout)
        except _NETWORK_ERRORS:
            connection.close()
            if fresh:
                raise
            return await self._exchange(endpoint, path, body)   # a kept-alive connection the server had closed
        if connection.reusable:
            idle.append(connection)
        else:
            connection.close()
        return status, answer

    async def call(self, path: str, request: dict[str, Any]) -> dict[str, Any]:
        """POST one request to the first endpoint that answers; its JSON. Raises v3.EtcdError when etcd
        refuses, v3.Unavailable when none answers."""
        body = json.dumps(request, separators=(",", ":")).encode()
        failure = ""
        async with self._slots:
            for endpoint in self._ordered():
                try:
                    status, answer = await self._exchange(endpoint, path, body)
                except _NETWORK_ERRORS as err:
                    self._unavailable.add(endpoint)
                    failure = str(err) or type(err).__name__
                    continue
                self._unavailable.discard(endpoint)
                if status != 200:
                    raise v3._refusal(endpoint, path, status, answer)
                return json.loads(answer or b"{}")
        raise v3.Unavailable(",".join(self.endpoints), failure)

    async def range(self, request: dict[str, Any]) -> dict[str, Any]:
        return v3.range_response(await self.call("/v3/kv/range", request))

    async def txn(self, compares: list[dict[str, Any]], success: list[dict[str, Any]],
                  failure: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        request = {"compare": compares, "success": success, "failure": failure or []}
        return v3.txn_response(await self.call("/v3/kv/txn", request))

    async def watch(self, key: bytes, range_end: bytes, start_revision: int) -> AsyncIterator[dict[str, Any]]:
        """The watch's responses (`v3.watch_response`) from `start_revision` on, until the stream ends;
        raises v3.EtcdError (e.g. compacted) or v3.Unavailable."""
        request = json.dumps(v3.watch_request(key, range_end, start_revision=start_revision)).encode()
        failure = ""
        for endpoint in self._ordered():
            try:
                connection = await _Connection.open(endpoint, self._ssl, self._timeout)
                connection.send("/v3/watch", request)
                status, headers = await asyncio.wait_for(connection.head(), self._timeout)
            except _NETWORK_ERRORS as err:
                self._unavailable.add(endpoint)
                failure = str(err) or type(err).__name__
                continue
            self._streams.add(connection)
            try:
                if status != 200:
                    raise v3._refusal(endpoint, "/v3/watch", status, await connection.body(headers))
                async for line in _lines(connection, headers):
                    message = json.loads(line)
                    if "error" in message:
                        raise v3._refusal(endpoint, "/v3/watch", 200, line)
                    result = v3.watch_response(message.get("result", {}))
                    if result["canceled"]:
                        raise v3.EtcdError(result["cancel_reason"] or "watch canceled", 1)
                    yield result
            except _NETWORK_ERRORS as err:
                raise v3.Unavailable(endpoint, str(err)) from None
            finally:
                self._streams.discard(connection)
                connection.close()
            return
        raise v3.Unavailable(",".join(self.endpoints), failure)


async def _lines(connection: _Connection, headers: dict[str, str]) -> AsyncIterator[bytes]:
    """The newline-delimited JSON messages of a streaming answer, whatever its framing."""
    pending = b""
    if headers.get("transfer-encoding", "").lower() == "chunked":
        source = connection.chunks()
    else:
        source = _until_closed(connection.reader)
    async for data in source:
        pending += data
        *complete, pending = pending.split(b"\n")
        for line in complete:
            if line.strip():
                yield line
    if pending.strip():
        yield pending


async def _until_closed(reader: asyncio.StreamReader) -> AsyncIterator[bytes]:
    while data := await reader.read(65536):
        yield data
