"""`lease grant|revoke|timetolive|list|keep-alive`. Lease IDs are hexadecimal on the command line and in
the simple output, as in etcdctl. The gateway answers one keep-alive per request, so `keep-alive` sends
one every third of the TTL (when etcd's client would) until the lease is gone."""

from __future__ import annotations

import sys
import time

from minikube_py.etcd.client.v3 import EtcdError, Unavailable

from .errors import BAD_ARGS, BAD_CONNECTION, ERROR, ExitError
from .gofmt import parse_int
from .printers import Simple, write
from .session import Session

LEASE_NOT_FOUND = "etcdserver: requested lease not found"
RETRY_SECONDS = 0.5


def _lease_id(session: Session, usage: str) -> int:
    if len(session.args) != 1:
        raise ExitError(BAD_ARGS, usage)
    try:
        return parse_int(session.args[0], 16)
    except ValueError as err:
        raise ExitError(BAD_ARGS, f"bad lease ID arg ({err}), expecting ID in Hex") from None


def grant(session: Session) -> None:
    if len(session.args) != 1:
        raise ExitError(BAD_ARGS, "lease grant command needs TTL argument")
    try:
        ttl = parse_int(session.args[0])
    except ValueError as err:
        raise ExitError(BAD_ARGS, f"bad TTL ({err})") from None
    try:
        response = session.client().lease_grant(ttl)
    except (EtcdError, Unavailable) as err:
        raise ExitError(ERROR, f"failed to grant lease ({err})") from None
    session.printer().grant(response)


def revoke(session: Session) -> None:
    lease_id = _lease_id(session, "lease revoke command needs 1 argument")
    try:
        response = session.client().lease_revoke(lease_id)
    except (EtcdError, Unavailable) as err:
        raise ExitError(ERROR, f"failed to revoke lease ({err})") from None
    session.printer().revoke(lease_id, response)


def timetolive(session: Session) -> None:
    lease_id = _lease_id(session, "lease timetolive command needs lease ID as argument")
    keys = session.flag("keys")
    try:
        response = session.client().lease_time_to_live(lease_id, keys)
    except (EtcdError, Unavailable) as err:
        raise ExitError(BAD_CONNECTION, str(err)) from None
    session.printer().time_to_live(response, keys)


def leases(session: Session) -> None:
    try:
        response = session.client().lease_leases()
    except (EtcdError, Unavailable) as err:
        raise ExitError(BAD_CONNECTION, str(err)) from None
    session.printer().leases(response)


def keep_alive(session: Session) -> None:
    lease_id = _lease_id(session, "lease keep-alive command needs lease ID as argument")
    client, printer = session.client(), session.printer()
    if session.flag("once"):
        try:
            response = client.lease_keep_alive(lease_id)
        except (EtcdError, Unavailable) as err:
            raise ExitError(BAD_CONNECTION, str(err)) from None
        if response["TTL"] <= 0:
            raise ExitError(BAD_CONNECTION, LEASE_NOT_FOUND)
        printer.keep_alive(response)
        return
    while True:
        try:
            response = client.lease_keep_alive(lease_id)
        except Unavailable:
            time.sleep(RETRY_SECONDS)  # etcd's client keeps trying while the lease may still live
            continue
        except EtcdError:
            break
        if response["TTL"] <= 0:
            break
        printer.keep_alive(response)
        sys.stdout.flush()
        time.sleep(max(response["TTL"] / 3, RETRY_SECONDS))
    if isinstance(printer, Simple):
        write(f"lease {lease_id:016x} expired or revoked.\n")
