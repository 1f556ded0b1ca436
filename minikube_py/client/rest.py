"""The Kubernetes REST verbs over `Resource`s (minikube_py.api.registry): get, list (selectors, paging,
resourceVersion), watch (a generator of events), create, update, patch (json, merge, strategic, apply), delete and
deletecollection (DeleteOptions bodies), subresources, Table requests, and raw requests (`get --raw`).

Objects go in and come out as JSON-shaped dicts. A failed request raises `APIError` with the Status the server
answered (`Error from server (NotFound): pods "x" not found`); raw requests raise client-go's generic errors, as
`kubectl get --raw` does."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .errors import APIError
from .kubeconfig import Connection
from .transport import Query, Response, Transport

if TYPE_CHECKING:
    from minikube_py.api.registry import Resource

JSON = "application/json"
TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io," \
        "application/json"
REST_HELPER = "application/json, */*"
PATCH_TYPES = {
    "json": "application/json-patch+json",
    "merge": "application/merge-patch+json",
    "strategic": "application/strategic-merge-patch+json",
    "apply": "application/apply-patch+yaml",
}
Body = dict[str, Any] | list[Any] | bytes | str


def resource_path(resource: Resource, namespace: str = "", name: str = "", subresource: str = "") -> str:
    """`/api/v1/namespaces/ns/pods/x/status`; a namespaced resource without namespace is listed across all."""
    path = resource.url_prefix
    if resource.namespaced and namespace:
        path += f"/namespaces/{quote(namespace, safe='')}"
    path += f"/{resource.plural}"
    if name:
        path += f"/{quote(name, safe='')}"
    if subresource:
        path += f"/{subresource}"
    return path


def write_query(dry_run: bool = False, field_manager: str = "", field_validation: str = "",
                force: bool | None = None) -> list[tuple[str, Any]]:
    """The query parameters of a write as kubectl orders them: dryRun=All, fieldManager, fieldValidation, force."""
    query: list[tuple[str, Any]] = []
    if dry_run:
        query.append(("dryRun", "All"))
    if field_manager:
        query.append(("fieldManager", field_manager))
    if field_validation:
        query.append(("fieldValidation", field_validation))
    if force is not None:
        query.append(("force", force))
    return query


class Client:
    """A Kubernetes API client over one `Transport` (one kept-alive connection)."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    @classmethod
    def connect(cls, conn: Connection, *, timeout: float | None = None,
                on_warning: Callable[[str], None] | None = None) -> Client:
        """A client of `conn`; `on_warning` hears each `Warning` header text the server sends."""
        return cls(Transport(conn, timeout=timeout, on_warning=on_warning))

    @property
    def connection(self) -> Connection:
        return self.transport.conn

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- reading

    def get(self, resource: Resource, name: str, namespace: str = "", *, subresource: str = "",
            accept: str = JSON, query: Query = None) -> dict[str, Any]:
        """One object (or a Table of it with `accept=TABLE`, or a subresource such as `scale`)."""
        return self.request_json("GET", resource_path(resource, namespace, name, subresource), query=query,
                                 accept=accept)

    def list(self, resource: Resource, namespace: str = "", *, label_selector: str = "", field_selector: str = "",
             limit: int | None = None, continue_token: str = "", resource_version: str | None = None,
             accept: str = JSON) -> dict[str, Any]:
        """One page of a list (`metadata.continue` names the next when `limit` cut it short)."""
        query = _list_query(label_selector, field_selector, limit, continue_token, resource_version)
        return self.request_json("GET", resource_path(resource, namespace), query=query, accept=accept)

    def list_pages(self, resource: Resource, namespace: str = "", *, label_selector: str = "",
                   field_selector: str = "", limit: int | None = 500, accept: str = JSON) -> Iterator[dict[str, Any]]:
        """Every page of a list, following `continue` (kubectl's `--chunk-size`, 500 by default; 0: one page)."""
        token = ""
        while True:
            page = self.list(resource, namespace, label_selector=label_selector, field_selector=field_selector,
                             limit=limit or None, continue_token=token, accept=accept)
            yield page
            token = (page.get("metadata") or {}).get("continue") or ""
            if not token:
                return

    def watch(self, resource: Resource, namespace: str = "", *, name: str = "", label_selector: str = "",
              field_selector: str = "", resource_version: str | None = None, timeout_seconds: int | None = None,
              allow_bookmarks: bool = False, accept: str = JSON) -> Iterator[dict[str, Any]]:
        """The events (`{"type": ..., "object": ...}`) of a watch as they arrive, until the server ends it.
        `name` watches one object (`fieldSelector=metadata.name=<name>`, as kubectl does). An ERROR event
        raises `APIError` with its Status (410 Expired: list again)."""
        if name:
            field_selector = ",".join(filter(None, [f"metadata.name={name}", field_selector]))
        query: list[tuple[str, Any]] = []
        if allow_bookmarks:
            query.append(("allowWatchBookmarks", True))
        query += _list_query(label_selector, field_selector, None, "", resource_version)
        if timeout_seconds is not None:
            query.append(("timeoutSeconds", timeout_seconds))
        query.append(("watch", True))
        stream = self.transport.stream("GET", resource_path(resource, namespace), query=query,
                                       headers={"Accept": accept})
        try:
            head = next(stream)
            assert isinstance(head, Response)
            if head.status != 200:
                raise APIError.from_response(head.status, head.body, head.content_type)
            for line in stream:
                if isinstance(line, bytes) and line.strip():
                    event = json.loads(line)
                    if event.get("type") == "ERROR":
                        raise APIError(event.get("object") or {})
                    yield event
        finally:
            stream.close()

    # -- writing

    def create(self, resource: Resource, body: Body, namespace: str = "", *, name: str = "", subresource: str = "",
               dry_run: bool = False, field_manager: str = "", field_validation: str = "",
               accept: str = JSON) -> dict[str, Any]:
        """POST an object (or a subresource of `name`: eviction, binding, token)."""
        query = write_query(dry_run, field_manager, field_validation)
        return self.request_json("POST", resource_path(resource, namespace, name, subresource), query=query,
                                 body=body, accept=accept)

    def update(self, resource: Resource, body: dict[str, Any], namespace: str = "", *, name: str = "",
               subresource: str = "", dry_run: bool = False, field_manager: str = "", field_validation: str = "",
               accept: str = JSON) -> dict[str, Any]:
        """PUT an object (its name from `metadata.name` unless given)."""
        name = name or (body.get("metadata") or {}).get("name", "")
        query = write_query(dry_run, field_manager, field_validation)
        return self.request_json("PUT", resource_path(resource, namespace, name, subresource), query=query,
                                 body=body, accept=accept)

    def patch(self, resource: Resource, name: str, patch: Body, namespace: str = "", *, patch_type: str = "strategic",
              subresource: str = "", dry_run: bool = False, field_manager: str = "", field_validation: str = "",
              force: bool | None = None, accept: str = JSON) -> dict[str, Any]:
        """PATCH with `patch_type` json, merge, strategic or apply (server-side apply: a YAML/JSON body)."""
        query = write_query(dry_run, field_manager, field_validation, force)
        return self.request_json("PATCH", resource_path(resource, namespace, name, subresource), query=query,
                                 body=patch, accept=accept, content_type=PATCH_TYPES[patch_type])

    def delete(self, resource: Resource, name: str, namespace: str = "", *, options: dict[str, Any] | None = None,
               dry_run: bool = False, accept: str = JSON) -> dict[str, Any]:
        """DELETE one object; `options` are DeleteOptions fields (propagationPolicy, gracePeriodSeconds,
        preconditions). The answer is the object (being deleted) or a Success Status. Dry run is asked for in
        the body (as kubectl) and in the query (which every apiserver reads)."""
        return self.request_json("DELETE", resource_path(resource, namespace, name), accept=accept,
                                 query=write_query(dry_run), body=_delete_options(options, dry_run))

    def delete_collection(self, resource: Resource, namespace: str = "", *, label_selector: str = "",
                          field_selector: str = "", options: dict[str, Any] | None = None,
                          dry_run: bool = False) -> dict[str, Any]:
        query = write_query(dry_run) + _list_query(label_selector, field_selector, None, "", None)
        return self.request_json("DELETE", resource_path(resource, namespace), query=query,
                                 body=_delete_options(options, dry_run))

    # -- plumbing

    def request_json(self, method: str, path: str, *, query: Query = None, body: Body | None = None,
                     accept: str = JSON, content_type: str = JSON) -> dict[str, Any]:
        """One request whose answer is a JSON object; a failed one raises `APIError` with its Status."""
        response = self.request(method, path, query=query, body=body, accept=accept, content_type=content_type)
        if not 200 <= response.status <= 206:
            raise APIError.from_response(response.status, response.body, response.content_type, method)
        return json.loads(response.body) if response.body else {}

    def raw(self, method: str, path: str, *, body: Body | None = None, accept: str = REST_HELPER,
            content_type: str = JSON) -> bytes:
        """`get --raw PATH` (path with its query): the body as it came."""
        response = self.request(method, path, body=body, accept=accept, content_type=content_type)
        if not 200 <= response.status <= 206:
            raise APIError.from_response(response.status, response.body, response.content_type, method)
        return response.body

    def request(self, method: str, path: str, *, query: Query = None, body: Body | None = None,
                accept: str = JSON, content_type: str = JSON) -> Response:
        headers = {"Accept": accept}
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else body.encode() if isinstance(body, str) else \
                json.dumps(body, separators=(",", ":")).encode()
            headers["Content-Type"] = content_type
        return self.transport.request(method, path, query=query, body=data, headers=headers)


def _list_query(label_selector: str, field_selector: str, limit: int | None, continue_token: str,
                resource_version: str | None) -> list[tuple[str, Any]]:
    query: list[tuple[str, Any]] = []
    if continue_token:
        query.append(("continue", continue_token))
    if field_selector:
        query.append(("fieldSelector", field_selector))
    if label_selector:
        query.append(("labelSelector", label_selector))
    if limit:
        query.append(("limit", limit))
    if resource_version is not None:
        query.append(("resourceVersion", resource_version))
    return query


def _delete_options(options: dict[str, Any] | None, dry_run: bool) -> dict[str, Any] | None:
    if not options and not dry_run:
        return None
    body: dict[str, Any] = {"kind": "DeleteOptions", "apiVersion": "v1", **(options or {})}
    if dry_run:
        body["dryRun"] = ["All"]
    return body
