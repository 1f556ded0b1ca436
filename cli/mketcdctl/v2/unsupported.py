"""The v2 commands mketcdctl keeps in its help but does not run: `backup` (it copies a real etcd's data
directory, which an mk-etcd member does not have) and the commands that change membership, users, roles
and auth. Each says so and exits with code 1."""

from __future__ import annotations

from .errors import USAGE, ExitError
from .session import Session


def backup(session: Session) -> None:
    raise ExitError(USAGE, "mketcdctl: the v2 'backup' command (a copy of a member's data directory) is not "
                           "supported; back the store up with `ETCDCTL_API=3 mketcdctl snapshot save FILE`\n")


def run(session: Session) -> None:
    name = session.command.help_name.replace("etcdctl ", "", 1)
    raise ExitError(USAGE, f"mketcdctl: '{name}' is not supported with ETCDCTL_API=2\n")
