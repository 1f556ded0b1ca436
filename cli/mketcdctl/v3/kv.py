"""`get`, `put`, `del` and `compaction`: etcdctl's argument rules and messages, turned into gateway
requests. The request builders are shared with `txn`, whose operations are these same commands."""

from __future__ import annotations

import os
import sys

from minikube_py.etcd.client.v3 import FROM_KEY, delete_request, prefix_end, put_request, range_request

from .errors import BAD_ARGS, BAD_FEATURE, ERROR, ExitError
from .gofmt import parse_int
from .printers import Fields, Simple, write
from .session import Session

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any, Callable

    Flag = Callable[[str], Any]

_NEEDS_KEY = "needs one argument as key and an optional argument as range_end"
_PREFIX_AND_FROM_KEY = "`--prefix` and `--from-key` cannot be set at the same time, choose one"
_TOO_MANY = "too many arguments, only accept one argument when `--prefix` or `--from-key` is set"
PUT_USAGE = "put command needs 1 argument and input from stdin or 2 arguments"
_SORT_TARGETS = {"": "KEY", "CREATE": "CREATE", "KEY": "KEY", "MODIFY": "MOD", "VALUE": "VALUE",
                 "VERSION": "VERSION"}


def _key_range(args: list[str], flag: Flag) -> tuple[bytes, bytes]:
    """The key and range end that get/del address, from `key [range_end]` and --prefix/--from-key."""
    prefix, from_key = flag("prefix"), flag("from-key")
    if prefix and from_key:
        raise ExitError(BAD_ARGS, _PREFIX_AND_FROM_KEY)
    key, range_end = os.fsencode(args[0]), b""
    if len(args) > 1:
        if prefix or from_key:
            raise ExitError(BAD_ARGS, _TOO_MANY)
        range_end = os.fsencode(args[1])
    if prefix:
        key, range_end = (key, prefix_end(key)) if key else (FROM_KEY, FROM_KEY)
    if from_key:
        key, range_end = key or FROM_KEY, FROM_KEY
    return key, range_end


def get_request(args: list[str], flag: Flag) -> dict[str, Any]:
    if not args:
        raise ExitError(BAD_ARGS, f"get command {_NEEDS_KEY}")
    if flag("prefix") and flag("from-key"):
        raise ExitError(BAD_ARGS, _PREFIX_AND_FROM_KEY)
    if flag("keys-only") and flag("count-only"):
        raise ExitError(BAD_ARGS,
                        "`--keys-only` and `--count-only` cannot be set at the same time, choose one")
    consistency = flag("consistency")
    if consistency not in ("l", "s"):
        raise ExitError(BAD_FEATURE, f'unknown consistency flag "{consistency}"')
    order = flag("order").upper()
    if order not in ("", "ASCEND", "DESCEND"):
        raise ExitError(BAD_FEATURE, f"bad sort order {flag('order')}")
    target = _SORT_TARGETS.get(flag("sort-by").upper())
    if target is None:
        raise ExitError(BAD_FEATURE, f"bad sort target {flag('sort-by')}")
    if target == "KEY" and order == "ASCEND":
        order = ""  # the server's own order: etcd's client drops it too
    key, range_end = _key_range(args, flag)
    return range_request(key, range_end, limit=flag("limit"), revision=max(flag("rev"), 0),
                         sort_order=order or "NONE", sort_target=target, serializable=consistency == "s",
                         keys_only=flag("keys-only"), count_only=flag("count-only"))


def put_request_of(args: list[str], flag: Flag, stdin: Any) -> dict[str, Any]:
    if not args:
        raise ExitError(BAD_ARGS, PUT_USAGE)
    ignore_value = flag("ignore-value")
    if ignore_value and len(args) > 1:
        raise ExitError(BAD_ARGS, "put command needs only 1 argument when 'ignore-value' is set")
    value = b""
    if not ignore_value:
        value = os.fsencode(args[1]) if len(args) > 1 else stdin.read()
        if not value:
            raise ExitError(BAD_ARGS, PUT_USAGE)
    try:
        lease = parse_int(flag("lease"), 16)
    except ValueError as err:
        raise ExitError(BAD_ARGS, f"bad lease ID ({err}), expecting ID in Hex") from None
    return put_request(os.fsencode(args[0]), value, lease=lease, prev_kv=flag("prev-kv"),
                       ignore_value=ignore_value, ignore_lease=flag("ignore-lease"))


def delete_request_of(args: list[str], flag: Flag) -> dict[str, Any]:
    if not args or len(args) > 2:
        raise ExitError(BAD_ARGS, f"del command {_NEEDS_KEY}")
    key, range_end = _key_range(args, flag)
    return delete_request(key, range_end, prev_kv=flag("prev-kv"))


def get(session: Session) -> None:
    request = get_request(session.args, session.flag)
    response = session.client().range(request)
    printer = session.printer()
    if session.flag("count-only") and not isinstance(printer, Fields):
        raise ExitError(BAD_ARGS, "--count-only is only for `--write-out=fields`")
    if session.flag("print-value-only"):
        if not isinstance(printer, Simple):
            raise ExitError(BAD_ARGS, "print-value-only is only for `--write-out=simple`")
        printer.value_only = True
    printer.get(response)


def put(session: Session) -> None:
    request = put_request_of(session.args, session.flag, sys.stdin.buffer)
    response = session.client().put(request)
    session.printer().put(response)


def delete(session: Session) -> None:
    request = delete_request_of(session.args, session.flag)
    response = session.client().delete_range(request)
    session.printer().delete(response)


def compaction(session: Session) -> None:
    if len(session.args) != 1:
        raise ExitError(BAD_ARGS, "compaction command needs 1 argument")
    try:
        revision = parse_int(session.args[0])
    except ValueError as err:
        raise ExitError(ERROR, str(err)) from None
    session.client().compact(revision, physical=session.flag("physical"))
    write(f"compacted revision {revision}\n")
