"""`mkctl scale [--resource-version=V] [--current-replicas=N] --replicas=N (-f FILE | TYPE NAME... | TYPE -l SEL |
TYPE --all)`: kubectl's scaler over the `scale` subresource (a merge patch of `spec.replicas`, or with a
precondition a GET, the check — `Expected replicas to be 2, was 1` — and a PUT), `--timeout` waiting until the
status has the replicas, `--dry-run`, and the `<kind>/<name> scaled` lines."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from minikube_py.client.errors import APIError, ClientError

from ..session import Session
from .create import CLIENT, SERVER, dry_run_strategy, print_object, required_flags
from .patch import find_objects, report

if TYPE_CHECKING:
    from .patch import Found


def run(session: Session) -> int:
    required_flags(session, "replicas")
    strategy = dry_run_strategy(session)
    replicas, current = session.flag("replicas"), session.flag("current-replicas")
    if replicas < 0:
        raise ClientError("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
    if current < -1:
        raise ClientError("error: The --current-replicas must specify an integer of -1 or greater")
    found = find_objects(session, session.args)
    resource_version = session.flag("resource-version")
    if resource_version and len(found.items) > 1:
        raise ClientError("error: cannot use --resource-version with multiple resources")
    if not found.items:
        if found.errors:
            first = found.errors[0]
            text = first.status_message if isinstance(first, APIError) else first.message.removeprefix("error: ")
            raise ClientError(f"error: no objects passed to scale {text}")
        raise ClientError("error: no objects passed to scale")
    timeout = session.flag("timeout") if not strategy else 0
    for item in found.items:
        if strategy == CLIENT:
            print_object(session, item.obj, "scaled", strategy)
            continue
        try:
            _scale(session, item, replicas, current, resource_version, strategy == SERVER)
            if timeout:
                _wait(session, item, replicas, timeout)
        except ClientError as err:
            return report(session, [err])
        print_object(session, item.obj, "scaled", strategy)
    return report(session, found.errors)


def _scale(session: Session, item: Found, replicas: int, current: int, resource_version: str, dry_run: bool) -> None:
    """ScaleSimple: with a precondition GET, check and PUT the Scale (retried on conflicts), else merge-patch it."""
    if current == -1 and not resource_version:
        session.client.patch(item.resource, item.name, {"spec": {"replicas": replicas}}, item.namespace,
                             patch_type="merge", subresource="scale", dry_run=dry_run)
        return
    while True:
        scale = session.client.get(item.resource, item.name, item.namespace, subresource="scale")
        actual = (scale.get("spec") or {}).get("replicas") or 0
        if current != -1 and actual != current:
            raise ClientError(f"error: Expected replicas to be {current}, was {actual}")
        actual_version = (scale.get("metadata") or {}).get("resourceVersion", "")
        if resource_version and actual_version != resource_version:
            raise ClientError(f"error: Expected resource version to be {resource_version}, was {actual_version}")
        scale.setdefault("spec", {})["replicas"] = replicas
        try:
            session.client.update(item.resource, scale, item.namespace, name=item.name, subresource="scale",
                                  dry_run=dry_run)
            return
        except APIError as err:
            if err.code != 409:
                raise


def _wait(session: Session, item: Found, replicas: int, timeout: float) -> None:
    """WaitForScaleHasDesiredReplicas: poll the Scale every second until its status has the replicas."""
    deadline = time.monotonic() + timeout
    while True:
        scale = session.client.get(item.resource, item.name, item.namespace, subresource="scale")
        if (scale.get("status") or {}).get("replicas") == replicas and \
                (scale.get("spec") or {}).get("replicas") == replicas:
            return
        if time.monotonic() >= deadline:
            raise ClientError(f'error: timed out waiting for "{item.name}" to be synced')
        time.sleep(1)
