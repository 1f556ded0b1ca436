"""An asyncio client of etcd's v3 JSON gateway, for long-running servers (the apiserver): pooled keep-alive
connections (aiohttp), concurrent unary calls, and watch streams as async iterators.

Requests and answers are the blocking client's (`v3.range_request`, `v3.txn_response`, ...): this module
only moves them. Endpoints are tried in order; a refused or timed-out endpoint moves on to the next one,
so a list of the members of a real etcd cluster survives one of them going away."""

from __future__ import annotations

import asyncio
import json
from typing import Any, AsyncIterator

import aiohttp

from . import v3
from .transport import Endpoint, TLSConfig


class AsyncClient:
    """Unary calls and watch streams against `endpoints` ("https://127.0.0.1:2379", ...)."""

    def __init__(self, endpoints: list[str], tls: TLSConfig | None = None, *, timeout: float = 10.0,
                 connections: int = 64) -> None:
        tls = tls or TLSConfig()
        self._ssl = tls.context() if tls.configured else None
        secure = tls.configured
        self.endpoints = [Endpoint.parse(endpoint, secure_default=secure).url for endpoint in endpoints]
        self._timeout = timeout
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None
        self._unavailable: set[str] = set()

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self._connections, ssl=self._ssl or False)
            self._session = aiohttp.ClientSession(connector=connector, json_serialize=json.dumps,
                                                  timeout=aiohttp.ClientTimeout(total=None))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _ordered(self) -> list[str]:
        """Endpoints that answered last time first."""
        return sorted(self.endpoints, key=lambda endpoint: endpoint in self._unavailable)

    async def call(self, path: str, request: dict[str, Any]) -> dict[str, Any]:
        """POST one request to the first endpoint that answers; its JSON. Raises v3.EtcdError when etcd
        refuses, v3.Unavailable when none answers."""
        body = json.dumps(request, separators=(",", ":")).encode()
        failure = ""
        for endpoint in self._ordered():
            try:
                async with self._client().post(endpoint + path, data=body, headers=_JSON,
                                               timeout=aiohttp.ClientTimeout(total=self._timeout)) as response:
                    answer = await response.read()
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as err:
                self._unavailable.add(endpoint)
                failure = str(err) or type(err).__name__
                continue
            self._unavailable.discard(endpoint)
            if response.status != 200:
                raise v3._refusal(endpoint, path, response.status, answer)
            return json.loads(answer or b"{}")
        raise v3.Unavailable(",".join(self.endpoints), failure)

    async def range(self, request: dict[str, Any]) -> dict[str, Any]:
        return v3.range_response(await self.call("/v3/kv/range", request))

    async def txn(self, compares: list[dict[str, Any]], success: list[dict[str, Any]],
                  failure: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        request = {"compare": compares, "success": success, "failure": failure or []}
        return v3.txn_response(await self.call("/v3/kv/txn", request))

    async def revision(self) -> int:
        """The store's current revision (a one-key count-only range: cheap)."""
        answer = await self.range(v3.range_request(b"\x00", count_only=True, limit=1))
        return answer["header"]["revision"]

    async def watch(self, key: bytes, range_end: bytes, start_revision: int) -> AsyncIterator[dict[str, Any]]:
        """The watch's responses (`v3.watch_response`) from `start_revision` on, until the stream ends;
        raises v3.EtcdError (e.g. compacted) or v3.Unavailable."""
        request = json.dumps(v3.watch_request(key, range_end, start_revision=start_revision)).encode()
        failure = ""
        for endpoint in self._ordered():
            try:
                response = await self._client().post(endpoint + "/v3/watch", data=request, headers=_JSON)
            except (aiohttp.ClientError, OSError) as err:
                self._unavailable.add(endpoint)
                failure = str(err)
                continue
            async with response:
                if response.status != 200:
                    raise v3._refusal(endpoint, "/v3/watch", response.status, await response.read())
                try:
                    async for line in response.content:
                        if not line.strip():
                            continue
                        message = json.loads(line)
                        if "error" in message:
                            raise v3._refusal(endpoint, "/v3/watch", 200, line)
                        result = v3.watch_response(message.get("result", {}))
                        if result["canceled"]:
                            raise v3.EtcdError(result["cancel_reason"] or "watch canceled", 1)
                        yield result
                except (aiohttp.ClientError, OSError) as err:
                    raise v3.Unavailable(endpoint, str(err)) from None
            return
        raise v3.Unavailable(",".join(self.endpoints), failure)


_JSON = {"Content-Type": "application/json"}
