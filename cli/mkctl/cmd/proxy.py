"""`mkctl proxy`: not offered (kubectl's proxy fronts the apiserver and the containers it reaches)."""

from __future__ import annotations

from ..session import Session
from . import _targets


def run(session: Session) -> int:
    raise _targets.no_containers("proxy")
