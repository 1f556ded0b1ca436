"""`mkctl api-versions`: every served `group/version` (`v1` for the core group), sorted, one a line."""

from __future__ import annotations

from ..session import Session


def run(session: Session) -> int:
    registry = session.discovery.refresh()
    versions = sorted(f"{group}/{version}" if group else version for group, version in registry.group_versions())
    session.out("".join(f"{version}\n" for version in versions))
    return 0
