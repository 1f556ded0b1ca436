"""`snapshot save|status|restore`. `save` streams one member's backend (/v3/maintenance/snapshot) into
FILE.part and renames it to FILE when complete, logging etcdctl's JSON lines on stderr (and drawing a
progress bar when stderr is a terminal); `status` and `restore` work offline on a minikube-py snapshot
through the store, restoring into a new data dir with a fresh single-member cluster identity."""

from __future__ import annotations

import os
import sys
import time

from minikube_py.etcd.client.v3 import EtcdError, Unavailable

from . import printers
from .errors import BAD_ARGS, ERROR, INTERRUPTED, ExitError, log
from .gofmt import human_bytes
from .session import Session

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any, Callable, Iterator


def _os_error(operation: str, path: str, err: OSError) -> str:
    """Go's wording of a failed system call: "open x: no such file or directory"."""
    reason = err.strerror or str(err)
    return f"{operation} {path}: {reason[:1].lower()}{reason[1:]}"


def save(session: Session) -> None:
    if len(session.args) != 1:
        raise ExitError(BAD_ARGS, "snapshot save expects one argument")
    path = session.args[0]
    endpoints = session.endpoints()
    client = session.client()
    if len(endpoints) != 1:
        raise ExitError(INTERRUPTED, f"snapshot must be requested to one selected node, not multiple "
                                     f"[{' '.join(endpoints)}]")
    timeout = session.flag("command-timeout") if session.changed("command-timeout") else None
    part = path + ".part"
    try:
        out = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as err:
        raise ExitError(INTERRUPTED, f"could not open {part} ({_os_error('open', part, err)})") from None
    try:
        log("info", "created temporary db file", epoch_ts=True, path=part)
        started = time.monotonic()
        chunks = client.snapshot(endpoints[0], timeout)
        size = _download(chunks, out, endpoints[0], _progress(client, endpoints[0]))
        os.fsync(out)
        os.close(out)
        out = -1
        log("info", "fetched snapshot", epoch_ts=True, endpoint=endpoints[0], size=human_bytes(size),
            took=round(time.monotonic() - started, 9))
        if os.path.isdir(path):
            raise ExitError(INTERRUPTED,
                            f"could not rename {part} to {path} (rename {part} {path}: file exists)")
        try:
            os.rename(part, path)
        except OSError as err:
            raise ExitError(INTERRUPTED, f"could not rename {part} to {path} "
                                         f"({_os_error('rename', f'{part} {path}', err)})") from None
    finally:
        if out >= 0:
            os.close(out)
        if os.path.exists(part):
            os.remove(part)
    log("info", "saved", epoch_ts=True, path=path)
    printers.write(f"Snapshot saved at {path}\n")


def _download(chunks: Iterator[bytes], out: int, endpoint: str, progress: Callable[[int], None]) -> int:
    size = 0
    try:
        for chunk in chunks:
            if size == 0:
                log("info", "opened snapshot stream; downloading")
                log("info", "fetching snapshot", epoch_ts=True, endpoint=endpoint)
            os.write(out, chunk)
            size += len(chunk)
            progress(len(chunk))
    except (EtcdError, Unavailable) as err:
        log("error", "streamer failed to create ClientStream", error=err.rpc_error)
        raise ExitError(INTERRUPTED, str(err)) from None
    except OSError as err:
        raise ExitError(INTERRUPTED, str(err)) from None
    finally:
        progress(0)
    log("info", "completed snapshot read; closing")
    return size


def _progress(client: Any, endpoint: str) -> Callable[[int], None]:
    """A progress bar on a terminal (rich, imported only then), else nothing; called with 0 at the end."""
    if not sys.stderr.isatty():
        return lambda _: None
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    try:
        total = client.status(endpoint)["dbSize"] or None
    except (EtcdError, Unavailable):
        total = None
    bar = Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                   TransferSpeedColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task("snapshot", total=total)
    bar.start()

    def advance(count: int) -> None:
        if count:
            bar.advance(task, count)
        else:
            bar.stop()

    return advance


def status(session: Session) -> None:
    if len(session.args) != 1:
        raise ExitError(BAD_ARGS, "snapshot status requires exactly one argument")
    printer = printers.for_format(session.flag("write-out"), session.flag("hex"))
    from minikube_py.store.errors import SnapshotError
    from minikube_py.store.snapshot import status as snapshot_status

    try:
        found = snapshot_status(session.args[0])
    except SnapshotError as err:
        raise ExitError(ERROR, str(err)) from None
    printer.db_status(found)


def restore(session: Session) -> None:
    if len(session.args) != 1:
        raise ExitError(BAD_ARGS, "snapshot restore requires exactly one argument")
    if session.flag("wal-dir"):
        raise ExitError(ERROR, "--wal-dir: a minikube-py member keeps no separate write-ahead log; restore "
                               "with --data-dir only")
    from minikube_py.etcd.membership import RECORD, Membership, MembershipError
    from minikube_py.store.errors import SnapshotError
    from minikube_py.store.snapshot import restore as restore_snapshot

    path, name = session.args[0], session.flag("name")
    data_dir = session.flag("data-dir") or f"{name}.etcd"
    try:
        membership = Membership.bootstrap(name, session.flag("initial-cluster"),
                                          session.flag("initial-advertise-peer-urls").split(","),
                                          session.flag("initial-cluster-token"))
    except MembershipError as err:
        raise ExitError(ERROR, str(err)) from None
    try:
        restore_snapshot(path, data_dir, cluster={RECORD: membership.encode()},
                         skip_hash_check=session.flag("skip-hash-check"))
    except SnapshotError as err:
        raise ExitError(ERROR, str(err)) from None
    log("info", "restoring snapshot", epoch_ts=True, path=path, **{"data-dir": data_dir})
    member = membership.members[0]
    log("info", "added member", epoch_ts=True, **{
        "cluster-id": f"{membership.cluster_id:x}", "local-member-id": "0", "added-peer-id": f"{member.id:x}",
        "added-peer-peer-urls": member.peer_urls})

    log("info", "restored snapshot", epoch_ts=True, path=path, **{"data-dir": data_dir})
