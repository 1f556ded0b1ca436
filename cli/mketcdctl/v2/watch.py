"""watch and exec-watch: long polls of the keys API. `watch` prints the first change (every change with
--forever; "[action] key" before each with -r) and flushes each at once; `exec-watch` runs a command for
every change with ETCD_WATCH_ACTION/KEY/VALUE/MODIFIED_INDEX in its environment, without waiting for it.
Directory changes are skipped. Ctrl-C ends both with exit code 0, as etcdctl's signal handler does."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

from minikube_py.etcd.client.v2 import ClientError, KeysError, Response

from .errors import BAD_ARGS, SERVER_ERROR, USAGE, ExitError, handle_error
from .printers import print_response
from .session import Session


def watch(session: Session) -> None:
    client = session.client()
    key = session.key()
    flags = session.flags
    try:
        for response in _changes(client.watch(key, after_index=flags["after-index"],
                                              recursive=flags["recursive"])):
            if response.node.dir:
                continue
            if flags["recursive"]:
                sys.stdout.write(f"[{response.action}] {response.node.key}\n")
            print_response(response, session.output)
            sys.stdout.flush()
            if not flags["forever"]:
                return
    except KeyboardInterrupt:
        return


def exec_watch(session: Session) -> None:
    client = session.client()
    args = session.args
    if len(args) < 2:
        raise handle_error(BAD_ARGS, "key and command to exec required")
    # etcdctl's reading of its reordered arguments: "KEY -- COMMAND..." when flags were given, else
    # "COMMAND... KEY".
    if "--" in args[1:]:
        key, command = args[0], args[2:]
    else:
        key, command = args[-1], args[:-1]
    flags = session.flags
    try:
        for response in _changes(client.watch(key, after_index=flags["after-index"],
                                              recursive=flags["recursive"])):
            if response.node.dir:
                sys.stderr.write(f"Ignored dir {response.node.key} change\n")
            else:
                _start(command, response)
    except KeyboardInterrupt:
        return


def _changes(responses: Iterator[Response]) -> Iterator[Response]:
    """The watch's responses; a failure ends the command with exit code 4."""
    try:
        yield from responses
    except (ClientError, KeysError) as err:
        raise handle_error(SERVER_ERROR, err) from None


def _start(command: list[str], response: Response) -> None:
    """Run `command` in the background (the subprocess module reaps it once it has ended)."""
    import subprocess

    env = dict(os.environ, ETCD_WATCH_ACTION=response.action,
               ETCD_WATCH_MODIFIED_INDEX=str(response.node.modified_index), ETCD_WATCH_KEY=response.node.key,
               ETCD_WATCH_VALUE=response.node.value)
    try:
        subprocess.Popen(command, env=env)
        return
    except FileNotFoundError:
        if "/" in command[0]:
            message = f"fork/exec {command[0]}: no such file or directory"
        else:
            message = f'exec: "{command[0]}": executable file not found in $PATH'
    except PermissionError:
        message = f"fork/exec {command[0]}: permission denied"
    raise ExitError(USAGE, message)
