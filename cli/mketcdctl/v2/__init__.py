"""`mketcdctl` with ETCDCTL_API=2 (or unset): etcdctl 3.4's v2 command set, a client of the v2 keys API
(`minikube_py.etcd.client.v2`), with urfave/cli's help, flag errors and exit codes.

Start-up matters as for v3: the way to a `get` imports json and socket (ssl only for https), nothing more.
A command ends with an `ExitError` (its stderr text and exit code) or returns its exit code."""

from __future__ import annotations

import os
import sys

from .commands import build
from .errors import ExitError
from .urfave import run


def main(args: list[str]) -> int:
    """Run one command line; an unset ETCDCTL_API adds etcdctl 3.3's warning to the help."""
    try:
        try:
            code = run(build(api_unset=not os.environ.get("ETCDCTL_API")), args)
        except ExitError as err:
            sys.stdout.flush()
            sys.stderr.write(err.text)
            code = err.code
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): end quietly, as a Go program ends on SIGPIPE
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13
