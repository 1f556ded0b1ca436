"""etcdctl's exit codes, the error that carries one with the message the user sees (printed as
"Error: <message>"), and the structured log lines etcd's client library writes on stderr: the JSON
"warn" line before a failed request, the snapshot progress lines, the capnslog lines about ETCDCTL_*
variables."""

from __future__ import annotations

import json
import sys
import time

SUCCESS, ERROR, BAD_CONNECTION, INVALID_INPUT, BAD_FEATURE, INTERRUPTED, IO = range(7)
BAD_ARGS = 128

CALLER = "mketcdctl/v3"


class ExitError(Exception):
    """Stop the command: print "Error: <message>" on stderr (unless the message is empty) and exit."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def _iso_now() -> str:
    now = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"


def log(level: str, msg: str, *, epoch_ts: bool = False, caller: str = CALLER, **fields: object) -> None:
    """One zap JSON line on stderr: etcd's client logs with an ISO timestamp, its snapshot manager with
    seconds since the epoch."""
    record: dict[str, object] = {"level": level, "ts": time.time() if epoch_ts else _iso_now(),
                                 "caller": caller, "msg": msg}
    record.update(fields)
    sys.stderr.write(json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n")


def request_failed(target: str, error: str) -> None:
    """The warning etcd's client writes when a request fails (its retry interceptor's line)."""
    log("warn", "retrying of unary invoker failed", target=target, attempt=0, error=error)


def capnslog(level: str, package: str, message: str) -> None:
    """A line of etcd's older logger: `2026-11-22 10:43:12.105184 W | pkg/flags: ...`."""
    now = time.time()
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now)) + f".{int(now * 1e6) % 1000000:06d}"
    sys.stderr.write(f"{stamp} {level} | {package}: {message}\n")
