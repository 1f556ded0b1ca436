"""What a request asks for, read from its method, path and query as Kubernetes' RequestInfoFactory reads them:
the verb (get/list/watch/create/update/patch/delete/deletecollection), group, version, namespace, resource,
name and subresource, or a non-resource path (`/healthz`, `/version`, discovery)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

_METHOD_VERBS = {"POST": "create", "GET": "get", "HEAD": "get", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}


@dataclass(frozen=True)
class RequestInfo:
    path: str
    verb: str
    resource_request: bool = False
    group: str = ""
    version: str = ""
    namespace: str = ""
    resource: str = ""
    name: str = ""
    subresource: str = ""

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version


def request_info(method: str, path: str, query: Mapping[str, str]) -> RequestInfo:
    verb = _METHOD_VERBS.get(method, method.lower())
    parts = [part for part in path.split("/") if part]
    if len(parts) >= 2 and parts[0] == "api":
        group, rest = "", parts[1:]
    elif len(parts) >= 3 and parts[0] == "apis":
        group, rest = parts[1], parts[2:]
    else:
        return RequestInfo(path, verb)
    version, rest = rest[0], rest[1:]
    if not rest:
        return RequestInfo(path, verb)
    watch_path = rest[0] == "watch"
    if watch_path:
        rest = rest[1:]
    namespace = ""
    if rest[0] == "namespaces" and len(rest) >= 2:
        namespace = rest[1]
        if len(rest) == 2:           # /api/v1/namespaces/<name>: the namespace object itself
            rest = ["namespaces", namespace]
        elif len(rest) == 3 and rest[2] in ("status", "finalize"):
            rest = ["namespaces", namespace, rest[2]]
        else:
            rest = rest[2:]
    resource = rest[0]
    name = rest[1] if len(rest) > 1 else ""
    subresource = "/".join(rest[2:]) if len(rest) > 2 else ""
    if not name:
        if verb == "get":
            verb = "list"
        elif verb == "delete":
            verb = "deletecollection"
    if verb in ("list", "get") and (watch_path or query.get("watch") in ("true", "1")):
        verb = "watch"
    return RequestInfo(path, verb, True, group, version, namespace, resource, name, subresource)
