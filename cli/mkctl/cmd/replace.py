"""`mkctl replace -f FILE|DIR|-|URL`: each object PUT in place of the live one (its resourceVersion taken from
the server when the file has none, as kubectl's overwrite does), `configmap/x replaced`; `--force` deletes
every object first (waiting until each is gone), then creates them again. `--save-config` (or an object that
already carries the annotation) records the last-applied-configuration; `--dry-run`, `-o`, `--validate`;
`--raw URI` PUTs the file as it is."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from minikube_py.client.errors import APIError, ClientError

from ..builder import objects, raw_or_files, report

if TYPE_CHECKING:
    from ..builder import Info
    from ..session import Session


def run(session: Session) -> int:
    from ._targets import dry_run
    from .create import check_output, validation_directive

    done = raw_or_files(session, "replace", "PUT")
    if done is not None:
        return done
    check_output(session)
    strategy = dry_run(session)
    validation = validation_directive(session)
    infos = objects(session, empty_message="no objects passed to replace")
    errors: list[ClientError] = list(infos.errors)
    if session.flag("force"):
        return _force_replace(session, list(infos), errors, strategy, validation)
    for info in infos:
        obj = _annotated(session, info)
        if strategy != "client":
            try:
                obj = _put(session, info, obj, strategy, validation)
            except APIError as err:
                errors.append(err.with_source("replacing", info.source))
                continue
        _print(session, obj, "replaced", strategy)
    return report(session, errors)


def _annotated(session: Session, info: Info) -> dict:
    from .apply import LAST_APPLIED, with_last_applied

    annotations = (info.obj.get("metadata") or {}).get("annotations") or {}
    if session.flag("save-config") or LAST_APPLIED in annotations:
        return with_last_applied(info.obj)
    return info.obj


def _put(session: Session, info: Info, obj: dict, strategy: str, validation: str) -> dict:
    metadata = obj.get("metadata") or {}
    if not metadata.get("resourceVersion"):
        live = session.client.get(info.resource, info.name, info.namespace)
        obj = {**obj, "metadata": {**metadata, "resourceVersion": live["metadata"]["resourceVersion"]}}
    return session.client.update(info.resource, obj, info.namespace, dry_run=strategy == "server",
                                 field_manager=session.flag("field-manager"), field_validation=validation)


def _print(session: Session, obj: dict, operation: str, strategy: str) -> None:
    from .create import print_object

    print_object(session, obj, operation, strategy)


def _force_replace(session: Session, infos: list[Info], errors: list[ClientError], strategy: str,
                   validation: str) -> int:
    """kubectl's forceReplace: delete them all (a missing one is fine), wait until gone, create them again."""
    from .delete import delete_object, delete_options, wait_deleted

    opts = delete_options(session, immediate_force=False)
    timeout = _timeout_seconds(session)
    for info in infos:
        try:
            deleted = delete_object(session, info.resource, info.namespace, info.name, opts)
        except APIError as err:
            if err.code != 404:
                errors.append(err.with_source("deleting", info.source))
            continue
        if not strategy and not wait_deleted(session, deleted, time.monotonic() + timeout):
            errors.append(ClientError(f"error: timed out waiting for the condition on "
                                      f"{info.resource.plural}/{info.name}"))
    for info in infos:
        obj = _annotated(session, info)
        obj = {**obj, "metadata": {key: value for key, value in (obj.get("metadata") or {}).items()
                                   if key != "resourceVersion"}}
        if strategy != "client":
            try:
                obj = session.client.create(info.resource, obj, info.namespace, dry_run=strategy == "server",
                                            field_manager=session.flag("field-manager"), field_validation=validation)
            except APIError as err:
                errors.append(err.with_source("creating", info.source))
                continue
        _print(session, obj, "replaced", strategy)
    return report(session, errors)


def _timeout_seconds(session: Session) -> float:
    from .delete import FOREVER, timeout_of

    return timeout_of(session) or FOREVER
