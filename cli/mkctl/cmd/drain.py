"""`mkctl drain NODE... [--ignore-daemonsets] [--delete-emptydir-data] [--force] [--grace-period] [--timeout]
[--disable-eviction] [--pod-selector] [--dry-run]`: cordon, then kubectl's pod filters (mirror, DaemonSet,
local storage, unreplicated; errors and warnings), eviction through pods/eviction (a PodDisruptionBudget's 429
retried every 5s, as kubectl) or deletion, waiting for each pod to go; kubectl's lines and errors; apply's rich
progress bar on a terminal when many pods go."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minikube_py.client.errors import APIError, ClientError

from ..session import Session
from . import _targets
from .cordon import cordon, nodes

if TYPE_CHECKING:
    from minikube_py.api.registry import Resource
    from minikube_py.client import Client

MIRROR = "kubernetes.io/config.mirror"
EVICTION_RETRY = 5.0
POLL = 1.0
NO_CONTROLLER = "cannot delete Pods that declare no controller (use --force to override)"
LOCAL_STORAGE = "Pods with local storage (use --delete-emptydir-data to override)"
DAEMON_SET = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"


@dataclass
class Verdict:
    """kubectl's PodDeleteStatus: delete it or not, and an error or warning message."""

    delete: bool
    error: str = ""
    warning: str = ""


def run(session: Session) -> int:
    mode = _targets.dry_run(session)
    found = nodes(session, "drain")
    for node in found:
        session.out(cordon(session, node, True, mode))
    failures: list[str] = []
    remaining: list[str] = []
    for node in found:
        name = node["metadata"]["name"]
        errors = _drain_node(session, name, mode)
        if not errors:
            session.out(f"node/{name} drained{_targets.dry_run_suffix(mode)}\n")
            continue
        session.err(f"error: unable to drain node \"{name}\" due to error: {_aggregate(errors)}, continuing "
                    "command...\n")
        failures += errors
        remaining.append(name)
    if remaining:
        session.err("There are pending nodes to be drained:\n" + "".join(f" {name}\n" for name in remaining))
        raise ClientError("\n".join(failures))   # kubectl prints an aggregate's errors without "error: "
    return 0


def _aggregate(errors: list[str]) -> str:
    """Go's utilerrors aggregate text."""
    return errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"


def _pods_for_deletion(session: Session, node: str) -> tuple[list[dict], list[str], str]:
    """The pods to evict, kubectl's errors (`cannot delete ...: ns/a, ns/b`) and its warning line."""
    pods = _targets.list_all(session, session.resolve("pods"), selector=session.flag("pod-selector"),
                             field_selector=f"spec.nodeName={node}", all_namespaces=True,
                             chunk_size=session.flag("chunk-size"))
    chosen: list[dict] = []
    errors: dict[str, list[str]] = {}
    warnings: dict[str, list[str]] = {}
    for pod in pods:
        verdict = Verdict(True)
        for check in (_deleted, _daemon_set, _mirror, _local_storage, _unreplicated):
            verdict = check(session, pod)
            if not verdict.delete:
                break
        where = f"{pod['metadata'].get('namespace', '')}/{pod['metadata']['name']}"
        if verdict.error:
            errors.setdefault(verdict.error, []).append(where)
        elif verdict.warning:
            warnings.setdefault(verdict.warning, []).append(where)
        if verdict.delete:
            chosen.append(pod)
    error_texts = [f"cannot delete {message}: {', '.join(names)}" for message, names in errors.items()]
    warning = "; ".join(f"{message}: {', '.join(names)}" for message, names in warnings.items())
    return chosen, error_texts, warning


def _controller(pod: dict) -> dict | None:
    return next((ref for ref in pod["metadata"].get("ownerReferences") or () if ref.get("controller")), None)


def _terminal(pod: dict) -> bool:
    return (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed")


def _deleted(session: Session, pod: dict) -> Verdict:
    """Pods being deleted for longer than --skip-wait-for-delete-timeout are skipped."""
    skip = session.flag("skip-wait-for-delete-timeout")
    since = pod["metadata"].get("deletionTimestamp")
    if skip > 0 and since:
        from datetime import datetime

        started = datetime.fromisoformat(since.replace("Z", "+00:00")).timestamp()
        if time.time() - started > skip:
            return Verdict(False)
    return Verdict(True)


def _daemon_set(session: Session, pod: dict) -> Verdict:
    owner = _controller(pod)
    if owner is None or owner.get("kind") != "DaemonSet":
        return Verdict(True)
    try:
        session.client.get(session.resolve("daemonsets.apps"), owner["name"], pod["metadata"]["namespace"])
    except APIError as err:
        if err.reason == "NotFound" and session.flag("force"):
            return Verdict(True, warning="deleting Pods that declare no controller")
        return Verdict(False, error=err.status_message)
    if not session.flag("ignore-daemonsets"):
        return Verdict(False, error=DAEMON_SET)
    return Verdict(False, warning="ignoring DaemonSet-managed Pods")


def _mirror(session: Session, pod: dict) -> Verdict:
    return Verdict(MIRROR not in (pod["metadata"].get("annotations") or {}))


def _local_storage(session: Session, pod: dict) -> Verdict:
    if not any("emptyDir" in volume for volume in (pod.get("spec") or {}).get("volumes") or ()) or _terminal(pod):
        return Verdict(True)
    if not session.flag("delete-emptydir-data"):
        return Verdict(False, error=LOCAL_STORAGE)
    return Verdict(True, warning="deleting Pods with local storage")


def _unreplicated(session: Session, pod: dict) -> Verdict:
    if _controller(pod) is not None or _terminal(pod):
        return Verdict(True)
    if not session.flag("force"):
        return Verdict(False, error=NO_CONTROLLER)
    return Verdict(True, warning="deleting Pods that declare no controller")


def _drain_node(session: Session, node: str, mode: str) -> list[str]:
    pods, errors, warning = _pods_for_deletion(session, node)
    if errors:
        return sorted(errors)
    if warning:
        session.err(f"Warning: {warning}\n")
    if mode == "client":
        for pod in pods:
            session.out(f"evicting pod {pod['metadata']['namespace']}/{pod['metadata']['name']} (dry run)\n")
        return []
    timeout = session.flag("timeout")
    deadline = time.monotonic() + timeout if timeout > 0 else None
    lock = threading.Lock()
    failures: list[str] = []

    pods_resource = session.resolve("pods")

    def remove(pod: dict, advance: Callable[[], None]) -> None:
        from minikube_py.client import Client

        client = Client.connect(session.connection)   # one connection per pod: a transport is not shared
        try:
            _evict_and_wait(session, client, pods_resource, pod, deadline, lock, mode)
        except ClientError as err:
            with lock:
                failures.append(err.message)
        finally:
            client.close()
            with lock:
                advance()

    from .apply import progress_bar

    with progress_bar(session, len(pods), "draining") as advance:
        threads = [threading.Thread(target=remove, args=(pod, advance), daemon=True) for pod in pods]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if failures:
        pending, _, _ = _pods_for_deletion(session, node)
        if pending:
            session.err(f"There are pending pods in node \"{node}\" when an error occurred: "
                        f"{_aggregate(failures)}\n" + "".join(f"pod/{p['metadata']['name']}\n" for p in pending))
    return failures


def _evict_and_wait(session: Session, client: Client, pods: Resource, pod: dict, deadline: float | None,
                    lock: threading.Lock, mode: str) -> None:
    """Evict (or delete) one pod, retrying a disruption budget's refusal, then wait until it is gone."""
    name, namespace = pod["metadata"]["name"], pod["metadata"]["namespace"]
    grace = session.flag("grace-period")
    options = {"gracePeriodSeconds": grace} if grace >= 0 else {}
    evict = not session.flag("disable-eviction")
    while True:
        if evict:
            with lock:
                session.out(f"evicting pod {namespace}/{name}\n")
                session.stdout.flush()
        if deadline is not None and time.monotonic() >= deadline:
            raise ClientError(f'error when evicting pods/"{name}" -n "{namespace}": global timeout reached: '
                              f"{_targets.go_duration(session.flag('timeout'))}")
        try:
            if evict:
                body = {"apiVersion": "policy/v1", "kind": "Eviction",
                        "metadata": {"name": name, "namespace": namespace}}
                if options or mode == "server":
                    body["deleteOptions"] = {**options, **({"dryRun": ["All"]} if mode == "server" else {})}
                client.create(pods, body, namespace, name=name, subresource="eviction")
            else:
                client.delete(pods, name, namespace, options=options or None, dry_run=mode == "server")
            break
        except APIError as err:
            if err.reason == "NotFound":
                return
            if not evict:
                raise
            if err.code != 429:
                raise ClientError(f'error when evicting pods/"{name}" -n "{namespace}": {err.status_message}') \
                    from None
            with lock:
                session.err(f'error when evicting pods/"{name}" -n "{namespace}" (will retry after 5s): '
                            f"{err.status_message}\n")
            time.sleep(EVICTION_RETRY)
    if mode == "server":
        return
    _wait_gone(client, pods, pod, deadline)
    with lock:
        session.out(f"pod/{name} {'evicted' if evict else 'deleted'}\n")
        session.stdout.flush()


def _wait_gone(client: Client, pods: Resource, pod: dict, deadline: float | None) -> None:
    name, namespace, uid = pod["metadata"]["name"], pod["metadata"]["namespace"], pod["metadata"].get("uid")
    while True:
        try:
            current = client.get(pods, name, namespace)
        except APIError as err:
            if err.reason == "NotFound":
                return
            raise
        if current["metadata"].get("uid") != uid:
            return
        if deadline is not None and time.monotonic() >= deadline:
            raise ClientError(f'error when waiting for pod "{name}" in namespace "{namespace}" to terminate: '
                              "context deadline exceeded")
        time.sleep(POLL if deadline is None else max(0.0, min(POLL, deadline - time.monotonic())))
