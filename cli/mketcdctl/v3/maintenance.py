"""Cluster and maintenance commands: `endpoint health|status|hashkv` (each endpoint of --endpoints, or of
the member list with --cluster), `member list`, `defrag`, `alarm list|disarm`."""

from __future__ import annotations

import queue
import sys
import threading
import time

from minikube_py.etcd.client.v3 import EtcdError, NotServed, Unavailable, range_request

from .errors import BAD_ARGS, ERROR, ExitError
from .gofmt import duration
from .printers import write
from .session import Session

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

_ALARM_NAMES = {"NOSPACE": "NOSPACE", "CORRUPT": "CORRUPT"}
_CLIENT_ERRORS = (EtcdError, NotServed, Unavailable)


def cluster_endpoints(session: Session) -> list[str]:
    """--endpoints, or with --cluster the client URLs of every member."""
    if not session.flag("cluster"):
        return session.endpoints()
    try:
        members = session.client().member_list()["members"]
    except _CLIENT_ERRORS as err:
        raise ExitError(ERROR, f"failed to fetch endpoints from etcd cluster member list: {err}") from None
    return [url for member in members for url in member["clientURLs"]]


def _health(session: Session, endpoint: str) -> dict[str, Any]:
    client = session.client([endpoint])
    started = time.perf_counter_ns()
    try:
        client.range(range_request(b"health"))
        error = ""
    except _CLIENT_ERRORS as err:
        error = str(err)
    health: dict[str, Any] = {"endpoint": endpoint, "health": not error,
                              "took": duration(time.perf_counter_ns() - started), "error": error}
    if not error:
        try:
            alarms = client.alarm()["alarms"]
        except _CLIENT_ERRORS:
            health.update(health=False, error="Unable to fetch the alarm list")

        else:
            if alarms:
                names = "".join(_ALARM_NAMES.get(alarm["alarm"], "UNKNOWN") + " " for alarm in alarms)
                health.update(health=False, error=f"Active Alarm(s): {names}")
    client.close()
    return health


def endpoint_health(session: Session) -> None:
    """Every endpoint at once; results in the order they come, as etcdctl collects them."""
    endpoints = cluster_endpoints(session)
    printer = session.printer()
    results: queue.Queue[dict[str, Any]] = queue.Queue()
    workers = [threading.Thread(target=lambda e=endpoint: results.put(_health(session, e)), daemon=True)
               for endpoint in endpoints]
    for worker in workers:
        worker.start()
    healths = [results.get() for _ in workers]
    printer.endpoint_health(healths)
    if any(health["error"] for health in healths):
        raise ExitError(ERROR, "unhealthy cluster")


def endpoint_status(session: Session) -> None:
    statuses, failed = [], False
    printer, client = session.printer(), session.client()
    for endpoint in cluster_endpoints(session):
        try:
            statuses.append((endpoint, client.status(endpoint)))
        except _CLIENT_ERRORS as err:
            failed = True
            sys.stderr.write(f"Failed to get the status of endpoint {endpoint} ({err})\n")
    printer.endpoint_status(statuses)
    if failed:
        raise ExitError(ERROR, "")


def endpoint_hashkv(session: Session) -> None:
    hashes, failure = [], None
    printer, client = session.printer(), session.client()
    for endpoint in cluster_endpoints(session):
        try:
            hashes.append((endpoint, client.hash_kv(endpoint, session.flag("rev"))))
        except _CLIENT_ERRORS as err:
            failure = str(err)
            if isinstance(err, NotServed):
                failure = ("this endpoint's JSON gateway does not serve HashKV: etcd 3.4 does not route "
                           "/v3/maintenance/hashkv")
            sys.stderr.write(f"Failed to get the hash of endpoint {endpoint} ({failure})\n")
    printer.endpoint_hashkv(hashes)
    if failure is not None:
        raise ExitError(ERROR, failure)


def member_list(session: Session) -> None:
    response = session.client().member_list()
    session.printer().member_list(response)


def defrag(session: Session) -> None:
    data_dir = session.flag("data-dir")
    if data_dir:
        sys.stderr.write(f"Failed to defragment etcd data[{data_dir}] (offline defragmentation is not "
                         "supported by mketcdctl: defragment through the running member)\n")
        raise ExitError(ERROR, "")
    client, failures = session.client(), 0
    for endpoint in cluster_endpoints(session):
        try:
            client.defragment(endpoint)
        except _CLIENT_ERRORS as err:
            sys.stderr.write(f"Failed to defragment etcd member[{endpoint}] ({err})\n")
            failures += 1
        else:
            write(f"Finished defragmenting etcd member[{endpoint}]\n")
    if failures:
        raise ExitError(ERROR, "")


def alarm_list(session: Session) -> None:
    if session.args:
        raise ExitError(BAD_ARGS, "alarm list command accepts no arguments")
    response = session.client().alarm()
    session.printer().alarm(response)


def alarm_disarm(session: Session) -> None:
    """Disarm every alarm, one by one (what etcd's client does for "all")."""
    if session.args:
        raise ExitError(BAD_ARGS, "alarm disarm command accepts no arguments")
    client = session.client()
    disarmed: list[dict[str, Any]] = []
    for alarm in client.alarm()["alarms"]:
        disarmed.extend(client.alarm("DEACTIVATE", alarm["memberID"], alarm["alarm"])["alarms"])
    session.printer().alarm({"header": None, "alarms": disarmed})
