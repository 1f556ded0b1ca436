"""The v2 key commands: get, ls, set, mk (and mk --in-order), update, mkdir, setdir, updatedir, rm, rmdir.
Each makes the client (syncing the cluster first), checks its arguments, sends one request and prints the
answer as etcdctl does; a refusal from the server ends it with exit code 4."""

from __future__ import annotations

from collections.abc import Callable

from minikube_py.etcd.client.v2 import Client, ClientError, KeysError, Response

from .errors import SERVER_ERROR, USAGE, ExitError, handle_error
from .printers import print_ls, print_response
from .session import Session


def _request(call: Callable[[], Response]) -> Response:
    try:
        return call()
    except (ClientError, KeysError) as err:
        raise handle_error(SERVER_ERROR, err) from None


def get(session: Session) -> None:
    client = session.client()
    key = session.key()
    response = _request(lambda: client.get(key, sort=session.flags["sort"], quorum=session.flags["quorum"]))
    if response.node.dir:
        raise ExitError(USAGE, f"{response.node.key}: is a directory\n")
    print_response(response, session.output)


def ls(session: Session) -> None:
    client = session.client()
    key = session.args[0] if session.args else "/"
    flags = session.flags
    response = _request(lambda: client.get(key, sort=flags["sort"], recursive=flags["recursive"],
                                           quorum=flags["quorum"]))
    print_ls(response, session.output, flags["p"])


def set_(session: Session) -> None:
    client, key, value = _key_value(session)
    flags = session.flags
    response = _request(lambda: client.set(key, value, ttl=flags["ttl"], prev_value=flags["swap-with-value"],
                                           prev_index=flags["swap-with-index"]))
    print_response(response, session.output)


def mk(session: Session) -> None:
    client, key, value = _key_value(session)
    ttl = session.flags["ttl"]
    if session.flags["in-order"]:
        response = _request(lambda: client.create_in_order(key, value, ttl=ttl))
    else:
        response = _request(lambda: client.set(key, value, ttl=ttl, prev_exist=False))
    print_response(response, session.output)


def update(session: Session) -> None:
    client, key, value = _key_value(session)
    print_response(_request(lambda: client.set(key, value, ttl=session.flags["ttl"], prev_exist=True)),
                   session.output)


def mkdir(session: Session) -> None:
    _directory(session, False)


def setdir(session: Session) -> None:
    _directory(session, None)


def updatedir(session: Session) -> None:
    _directory(session, True)


def rm(session: Session) -> None:
    client = session.client()
    key = session.key()
    flags = session.flags
    _removed(session, _request(lambda: client.delete(
        key, prev_value=flags["with-value"], prev_index=flags["with-index"], dir=flags["dir"],
        recursive=flags["recursive"])))


def rmdir(session: Session) -> None:
    client = session.client()
    key = session.key()
    _removed(session, _request(lambda: client.delete(key, dir=True)))


def _key_value(session: Session) -> tuple[Client, str, str]:
    client = session.client()
    return client, session.key(), session.value()


def _directory(session: Session, prev_exist: bool | None) -> None:
    """mkdir (must not exist), setdir (either way), updatedir (must exist): silent unless -o asks."""
    client = session.client()
    key = session.key()
    response = _request(lambda: client.set(key, dir=True, ttl=session.flags["ttl"], prev_exist=prev_exist))
    if session.output != "simple":
        print_response(response, session.output)


def _removed(session: Session, response: Response) -> None:
    """rm and rmdir print what they removed, unless it is a directory and the output is simple."""
    if not response.node.dir or session.output != "simple":
        print_response(response, session.output)
