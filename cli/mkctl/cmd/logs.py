"""`mkctl logs POD|TYPE/NAME [-c C] [--all-containers] [-l SEL] [-f] [--previous] [--tail N] [--since D]
[--since-time T] [--timestamps] [--limit-bytes N] [--prefix]`: the pods/log subresource as kubectl asks for it
(`Defaulted container ...` when a pod has several), the server's errors as kubectl prints them."""

from __future__ import annotations

import threading
from typing import Any

from minikube_py.client.errors import APIError, ClientError

from ..session import Session
from . import _targets
from ._targets import Obj

USAGE = ("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
         "POD or TYPE/NAME is a required argument for the logs command\n"
         "See 'kubectl logs -h' for help and examples")
DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container"


def run(session: Session) -> int:
    args, selector = session.args, session.flag("selector")
    if selector and args:
        raise ClientError("error: only a selector (-l) or a POD name is allowed")
    if not selector and len(args) not in (1, 2):
        raise ClientError(USAGE)
    _validate(session)
    if session.flag("all-containers") and session.flag("container"):
        raise ClientError("error: --container cannot be specified with --all-containers")
    container = session.flag("container") or (args[1] if len(args) == 2 else "")
    if selector:
        pods = _targets.list_all(session, session.resolve("pods"), selector=selector)
        if not pods:
            session.err(_targets.no_resources(session, False))
            return 0
    else:
        try:
            pods = [_targets.pod_of(session, args[0])]
        except APIError as err:
            if err.reason != "NotFound":
                raise
            raise ClientError(f"error: error from server (NotFound): {err.status_message} in namespace "
                              f'"{session.namespace}"') from None
    sources = [(pod, name) for pod in pods for name in _containers(session, pod, container)]
    prefix = session.flag("prefix") or session.flag("all-pods")
    query = _query(session)
    if session.flag("follow") and len(sources) > 1:
        _follow_all(session, sources, query, prefix)
    else:
        for pod, name in sources:
            _print(session, pod, name, query, prefix)
    return 0


def _validate(session: Session) -> None:
    """kubectl's checks of the log options, in its order."""
    since_time = session.flag("since-time")
    if since_time:
        from datetime import datetime

        try:
            datetime.fromisoformat(since_time.replace("Z", "+00:00"))
        except ValueError:
            raise ClientError(f'error: parsing time "{since_time}" as "2006-01-02T15:04:05Z07:00": cannot parse '
                              f'"{since_time}" as "2006"') from None
    if session.given("since") and since_time:
        raise ClientError("error: at most one of `sinceTime` or `sinceSeconds` may be specified")
    if session.flag("limit-bytes") < 0:   # 0 is "no limit"
        raise ClientError("error: --limit-bytes must be greater than 0")
    if session.given("since") and session.flag("since") < 0:
        raise ClientError("error: --since must be greater than 0")
    if session.flag("tail") < -1:
        raise ClientError("error: --tail must be greater than or equal to -1")


def _containers(session: Session, pod: Obj, container: str) -> list[str]:
    spec = pod.get("spec") or {}
    if session.flag("all-containers"):
        return [c["name"] for key in ("initContainers", "containers", "ephemeralContainers")
                for c in spec.get(key) or ()]
    if container:
        every = [c["name"] for key in ("initContainers", "containers", "ephemeralContainers")
                 for c in spec.get(key) or ()]
        if container not in every:
            name = (pod.get("metadata") or {}).get("name", "")
            raise ClientError(f"error: container {container} is not valid for pod {name}")
        return [container]
    names = [c["name"] for c in spec.get("containers") or ()]
    chosen = ((pod.get("metadata") or {}).get("annotations") or {}).get(DEFAULT_CONTAINER, "")
    if chosen not in names:
        chosen = names[0] if names else ""
    if len(names) > 1:
        session.err(f'Defaulted container "{chosen}" out of: {", ".join(names)}\n')
    return [chosen] if chosen else []


def _query(session: Session) -> list[tuple[str, Any]]:
    """The log options in client-go's order."""
    tail = session.flag("tail")
    if tail == -1 and session.flag("selector"):
        tail = 10
    query: list[tuple[str, Any]] = []
    if session.flag("follow"):
        query.append(("follow", "true"))
    if session.flag("insecure-skip-tls-verify-backend"):
        query.append(("insecureSkipTLSVerifyBackend", "true"))
    if session.flag("limit-bytes"):
        query.append(("limitBytes", session.flag("limit-bytes")))
    if session.flag("previous"):
        query.append(("previous", "true"))
    if session.given("since"):
        query.append(("sinceSeconds", max(1, int(session.flag("since") + 0.999999))))
    if session.flag("since-time"):
        query.append(("sinceTime", session.flag("since-time")))
    if tail >= 0:
        query.append(("tailLines", tail))
    if session.flag("timestamps"):
        query.append(("timestamps", "true"))
    return query


def _path(pod: Obj) -> str:
    from urllib.parse import quote

    metadata = pod.get("metadata") or {}
    return f"/api/v1/namespaces/{quote(metadata.get('namespace', ''))}/pods/{quote(metadata.get('name', ''))}/log"


def _print(session: Session, pod: Obj, container: str, query: list[tuple[str, Any]], prefix: bool,
           lock: threading.Lock | None = None) -> None:
    """Stream one container's log to stdout (line by line, each with its source when `prefix`)."""
    label = f"[pod/{(pod.get('metadata') or {}).get('name', '')}/{container}] " if prefix else ""
    stream = session.client.transport.stream("GET", _path(pod), query=[("container", container), *query],
                                             headers={"Accept": "application/json, */*"})
    try:
        head = next(stream)
        if getattr(head, "status", 200) != 200:
            raise APIError.from_response(head.status, head.body, head.content_type)
        for line in stream:
            if isinstance(line, bytes):
                text = label + line.decode("utf-8", "replace")
                if lock is None:
                    session.out(text)
                    session.stdout.flush()
                else:
                    with lock:
                        session.out(text)
                        session.stdout.flush()
    finally:
        stream.close()


def _follow_all(session: Session, sources: list[tuple[Obj, str]], query: list[tuple[str, Any]],
                prefix: bool) -> None:
    """`-f` over several containers: one stream each, at most --max-log-requests of them."""
    limit = session.flag("max-log-requests")
    if len(sources) > limit:
        raise ClientError(f"error: you are attempting to follow {len(sources)} log streams, but maximum allowed "
                          f"concurrency is {limit}, use --max-log-requests to increase the limit")
    lock = threading.Lock()
    failures: list[ClientError] = []

    def follow(pod: Obj, container: str) -> None:
        try:
            _print(session, pod, container, query, prefix, lock)
        except ClientError as err:
            failures.append(err)

    threads = [threading.Thread(target=follow, args=source, daemon=True) for source in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures and not session.flag("ignore-errors"):
        raise failures[0]
