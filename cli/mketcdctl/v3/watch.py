"""`watch`: print the events of a key, a range or a prefix as they happen, optionally running a command
for each (`watch KEY -- COMMAND ARGS`, with ETCD_WATCH_* variables), or read `watch ...` requests from
stdin (`-i`). Each watch is one streaming request to the gateway; a stream that breaks is resumed after
the last revision seen, as etcd's client does. ETCDCTL_WATCH_KEY / ETCDCTL_WATCH_RANGE_END stand for the
key and range end, as in etcdctl."""

from __future__ import annotations

import os
import sys
import threading
import time

from minikube_py.etcd.client.v3 import (
    FROM_KEY,
    EtcdError,
    Unavailable,
    prefix_end,
    range_request,
    watch_request,
)
from minikube_py.flags.pflag import FlagError, FlagSet, parse, quote

from . import commands
from .errors import BAD_ARGS, ERROR, INTERRUPTED, INVALID_INPUT, ExitError
from .printers import Printer, write
from .session import Session
from .txn import words

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

COMPACTED = "etcdserver: mvcc: required revision has been compacted"
FUTURE_REVISION = "etcdserver: mvcc: required revision is a future revision"
RESUME_SECONDS = 0.5
_BAD_ARGS = "bad number of arguments"
_NO_COMMAND = "bad number of arguments (found separator --, but no commands)"
_CONFLICT = "bad number of arguments (found conflicting environment key)"

_print_lock = threading.Lock()


class Watch:
    """One watch request: what to watch and the command to run per event."""

    def __init__(self, args: list[str], flags: FlagSet, command: list[str], env_key: str,
                 env_range: str) -> None:
        if env_key:
            args = [env_key, *([env_range] if env_range else []), *args]
        if not args:
            raise ExitError(BAD_ARGS, _BAD_ARGS)
        key = os.fsencode(args[0])
        range_end = b""
        if len(args) > 1:
            if flags["prefix"]:
                raise ExitError(BAD_ARGS, "`range_end` and `--prefix` are mutually exclusive")
            range_end = os.fsencode(args[1])
        if flags["prefix"]:
            range_end = prefix_end(key)
        self.key, self.range_end = key, range_end
        self.revision, self.prev_kv, self.command = flags["rev"], flags["prev-kv"], command

    def run(self, client: Any, printer: Printer) -> None:
        """Print events until the server cancels the watch (then ExitError 5)."""
        revision, established = self.revision, False
        while True:
            try:
                for response in client.watch(watch_request(self.key, self.range_end, start_revision=revision,
                                                           prev_kv=self.prev_kv)):
                    established = True
                    if response["created"] and not response["events"]:
                        revision = revision or response["header"]["revision"] + 1
                        continue
                    if response["events"]:
                        revision = response["header"]["revision"] + 1
                    self._show(response, printer)
                    if response["canceled"]:
                        raise ExitError(INTERRUPTED, "watch is canceled by the server")
            except (EtcdError, Unavailable) as err:
                if not established:
                    raise ExitError(ERROR, str(err)) from None
            time.sleep(RESUME_SECONDS)

    def progress(self, header: dict[str, int], printer: Printer) -> None:
        """What a progress notification of this watch shows: the revision the store is at."""
        quiet = {"header": header, "events": [], "canceled": False, "created": False, "compact_revision": 0,
                 "cancel_reason": ""}
        self._show(quiet, printer, f"progress notify: {header['revision']}\n")

    def _show(self, response: dict[str, Any], printer: Printer, notice: str = "") -> None:
        with _print_lock:
            if response["canceled"]:
                sys.stderr.write(f"watch was canceled ({_cancel_reason(response)})\n")
            write(notice)
            printer.watch(response)
            sys.stdout.flush()
            if self.command:
                for event in response["events"]:
                    self._execute(response["header"]["revision"], event)

    def _execute(self, revision: int, event: dict[str, Any]) -> None:
        import subprocess

        env = dict(os.environ, ETCD_WATCH_REVISION=str(revision), ETCD_WATCH_EVENT_TYPE=quote(event["type"]),
                   ETCD_WATCH_KEY=quote(event["kv"]["key"]), ETCD_WATCH_VALUE=quote(event["kv"]["value"]))
        try:
            code = subprocess.run(self.command, env=env).returncode
            error = f"exit status {code}" if code else ""
        except OSError as err:
            error = f"exec: {quote(self.command[0])}: {err.strerror.lower() if err.strerror else err}"
        if error:
            listed = " ".join(quote(arg) for arg in self.command)
            sys.stderr.write(f"command [{listed}] error ({error})\n")
            sys.stderr.flush()
            os._exit(ERROR)


def _cancel_reason(response: dict[str, Any]) -> str:
    if response["compact_revision"]:
        return COMPACTED
    return response["cancel_reason"] or FUTURE_REVISION


def _environment() -> tuple[str, str]:
    key, range_end = os.environ.get("ETCDCTL_WATCH_KEY", ""), os.environ.get("ETCDCTL_WATCH_RANGE_END", "")
    if not key and range_end:
        raise ExitError(BAD_ARGS,
                        f"ETCDCTL_WATCH_KEY is empty but got ETCDCTL_WATCH_RANGE_END={quote(range_end)}")

    return key, range_end


def _split(args: list[str], dash_at: int, env_key: str) -> tuple[list[str], list[str]]:
    """The watch arguments and the command after `--`, with etcdctl's checks."""
    if dash_at < 0:
        if env_key and args:
            raise ExitError(BAD_ARGS, _CONFLICT)
        if not args and not env_key:
            raise ExitError(BAD_ARGS, _BAD_ARGS)
        return args, []
    if dash_at == len(args):
        raise ExitError(BAD_ARGS, _NO_COMMAND)
    if env_key and dash_at:
        raise ExitError(BAD_ARGS, _CONFLICT)
    return args[:dash_at], args[dash_at:]


def run(session: Session) -> None:
    env_key, env_range = _environment()
    if session.flag("interactive"):
        _interactive(session, env_key, env_range)
        return
    watch_args, command = _split(session.args, session.dash_at, env_key)
    watch = Watch(watch_args, session.command.flags(), command, env_key, env_range)
    watch.run(session.client(), session.printer())


def _interactive(session: Session, env_key: str, env_range: str) -> None:
    """Watch requests read from stdin. The gateway takes one request per stream, so `progress` is answered
    by reading the store's revision and showing it as each running watch's progress notification."""
    client, printer = session.client(), session.printer()
    stdin = sys.stdin.buffer
    watches: list[Watch] = []
    while True:
        raw = stdin.readline()
        if not raw.endswith(b"\n"):
            raise ExitError(INVALID_INPUT, "Error reading watch request line: EOF")
        line = os.fsdecode(raw[:-1])
        args = words(line)
        if not args:
            sys.stderr.write(f"Invalid command: {line} (watch and progress supported)\n")
        elif args[0] == "watch":
            if len(args) < 2 and not env_key:
                sys.stderr.write(f"Invalid command {line} (command type or key is not provided)\n")
                continue
            watch = _interactive_watch(args[1:], env_key, env_range, line)
            if watch is not None:
                watches.append(watch)
                threading.Thread(target=_run_quietly, args=(watch, client, printer), daemon=True).start()
        elif args[0] == "progress":
            try:
                header = client.range(range_request(FROM_KEY, count_only=True))["header"]
            except (EtcdError, Unavailable) as err:
                raise ExitError(ERROR, str(err)) from None
            for watch in watches:
                watch.progress(header, printer)
        else:
            sys.stderr.write(f"Invalid command {line} (only support watch)\n")


def _interactive_watch(args: list[str], env_key: str, env_range: str, line: str) -> Watch | None:
    flags = FlagSet(commands.watch_flags())
    try:
        parsed = parse(flags, args)
    except FlagError as err:
        raise ExitError(BAD_ARGS, str(err)) from None
    if parsed.dash_at >= 0 and parsed.dash_at == len(parsed.args):
        raise ExitError(BAD_ARGS, _NO_COMMAND)
    watch_args, command = (parsed.args, []) if parsed.dash_at < 0 else \
        (parsed.args[:parsed.dash_at], parsed.args[parsed.dash_at:])
    if not watch_args and not command and not env_key:
        raise ExitError(BAD_ARGS, _BAD_ARGS)
    if watch_args and not command and env_key:
        raise ExitError(BAD_ARGS, _CONFLICT)
    try:
        return Watch(watch_args, flags, command, env_key, env_range)
    except ExitError as err:
        sys.stderr.write(f"Invalid command {line} ({err})\n")
        return None


def _run_quietly(watch: Watch, client: Any, printer: Printer) -> None:
    """One interactive watch: a canceled one just ends (its reason is printed), as in etcdctl."""
    try:
        watch.run(client, printer)
    except ExitError as err:
        if err.code != INTERRUPTED:
            sys.stderr.write(f"Error: {err}\n")
