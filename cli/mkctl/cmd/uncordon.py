"""`mkctl uncordon NODE... | -l SELECTOR`: mark nodes schedulable again (kubectl's `node/x uncordoned`)."""

from __future__ import annotations

from ..session import Session
from .cordon import set_schedulable


def run(session: Session) -> int:
    return set_schedulable(session, "uncordon", unschedulable=False)
