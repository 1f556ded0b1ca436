"""`mkctl api-versions`: every served `group/version` (`v1` for the core group), sorted, one a line."""

from __future__ import annotations

from ..help import usage_error
from ..session import Session


def run(session: Session) -> int:
    if session.args:
        return usage_error(session.command, f"unexpected arguments: [{' '.join(session.args)}]")
    registry = session.discovery.refresh()
    versions = sorted(f"{group}/{version}" if group else version for group, version in registry.group_versions())
    session.out("".join(f"{version}\n" for version in versions))
    return 0
