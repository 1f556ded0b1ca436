"""Commands that need no server: `version`, `help [command]`, and the etcdctl commands mketcdctl keeps in
its tree for etcdctl's help and suggestions but does not implement."""

from __future__ import annotations

import sys

from minikube_py.flags.pflag import UnknownCommandError

from .commands import API_VERSION, VERSION
from .errors import ERROR, ExitError
from .help import usage
from .printers import write
from .session import Session

_WHY = {
    "auth": "authentication, users and roles are not implemented (use client certificates)",
    "user": "authentication, users and roles are not implemented (use client certificates)",
    "role": "authentication, users and roles are not implemented (use client certificates)",
    "member": "a minikube-py member runs alone (no raft): its membership cannot change",
    "move-leader": "a minikube-py member runs alone (no raft): it is always the leader",
}


def version(session: Session) -> None:
    write(f"etcdctl version: {VERSION}\nAPI version: {API_VERSION}\n")


def help(session: Session) -> None:  # noqa: A001 - cobra's name for it
    """cobra's help command: the usage of the command the arguments name."""
    root = session.command.root()
    try:
        target, _ = root.find(session.args)
    except UnknownCommandError:
        topics = " ".join(f"`{arg}`" for arg in session.args)
        sys.stderr.write(f"Unknown help topic [{topics}]\n")
        write(usage(root, help_flag=False))
        return
    write(usage(target))


def unsupported(session: Session) -> None:
    path = session.command.path().split(" ", 1)[1]
    why = _WHY.get(path.split(" ")[0], "mketcdctl implements etcdctl's key-value, lease, watch, maintenance "
                                       "and snapshot commands")
    raise ExitError(ERROR, f"'{path}' is not supported by mketcdctl: {why}")
