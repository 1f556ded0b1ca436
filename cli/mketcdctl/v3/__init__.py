"""`mketcdctl` with ETCDCTL_API=3: etcdctl 3.4's v3 command set, as a client of etcd's v3 JSON gateway.

This module plays cobra's Execute for etcdctl: find the command, parse its flags, print etcdctl's errors
and help, run the command's handler (imported only then) and turn what it raises into etcdctl's output and
exit code. Start-up matters (`mketcdctl get k` is run in loops): nothing heavier than the standard library's
json/socket is imported on the way to a get or a put."""

from __future__ import annotations

import os
import sys
from importlib import import_module

from minikube_py.flags.pflag import FlagError, Parsed, UnknownCommandError, parse

from .commands import V2_ONLY, build
from .errors import ERROR, ExitError


def main(args: list[str]) -> int:
    try:
        code = _execute(args)
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): end quietly, as SIGPIPE ends etcdctl
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13


def _execute(args: list[str]) -> int:
    root = build()
    try:
        command, rest = root.find(args)
    except UnknownCommandError as err:
        message = f"Error: {err}\n"
        sys.stderr.write(f"{message}Run '{root.path()} --help' for usage.\n{message}")
        if err.name in V2_ONLY:
            sys.stderr.write(f"'{err.name}' is an ETCDCTL_API=2 command: run `export ETCDCTL_API=2` to use "
                             "the v2 command set\n")
        return ERROR
    try:
        # cobra leaves the words of its completion request unparsed
        parsed = Parsed(rest, -1) if command.name.startswith("__complete") else parse(command.flags(), rest)
    except FlagError as err:
        from .help import usage

        sys.stderr.write(f"Error: {err}\n")
        sys.stdout.write(usage(command))
        sys.stdout.flush()
        sys.stderr.write(f"\nError: {err}\n")
        return ERROR
    if command.help_flag().value or not command.runnable:
        from .help import usage

        sys.stdout.write(usage(command))
        return 0
    from .session import Session

    module, _, function = command.run.partition(":")
    try:
        getattr(import_module(f".{module}", __name__), function)(Session(command, parsed))
    except ExitError as err:
        return _fail(err.code, str(err))
    except Exception as err:  # the client's errors: the server refused, or no endpoint answered
        from minikube_py.etcd.client.v3 import EtcdError, NotServed, Unavailable

        if not isinstance(err, (EtcdError, NotServed, Unavailable)):
            raise
        return _fail(ERROR, str(err))
    return 0


def _fail(code: int, message: str) -> int:
    sys.stdout.flush()  # what the command printed comes before its error
    if message:
        sys.stderr.write(f"Error: {message}\n")
    return code
